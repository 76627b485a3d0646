"""Two people acting on the same case at the same moment, on two real database connections.

PostgreSQL only: SQLite serialises writers, so there is no race to test there.
"""

import threading

import pytest
from django.db import connection
from django.utils import timezone

from licensing import services
from licensing.models import Application, AuditEntry, CaseMessage, Licence, LicensingPolicy
from licensing.workflow import CaseChanged
from tests.factories import ApplicationFactory, LabourProviderFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
    # No serialized_rollback: restoring the snapshot collides with the staff groups that an
    # earlier transactional test's flush re-creates, and these tests build all they need.
    pytest.mark.django_db(transaction=True),
]


def at_once(*jobs):
    """Run each (load, act) pair in its own thread and connection: all threads load first,
    wait for each other, then act together. Returns ("ok", result) or ("error", exc) each."""
    barrier = threading.Barrier(len(jobs), timeout=20)
    results = [None] * len(jobs)

    def work(index, load, act):
        try:
            loaded = load()
            barrier.wait()
            results[index] = ("ok", act(loaded))
        except Exception as exc:  # noqa: BLE001 - the test inspects whatever was raised
            results[index] = ("error", exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=work, args=(index, load, act))
        for index, (load, act) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert all(not thread.is_alive() for thread in threads)
    return results


def under_assessment_or(state, provider):
    return ApplicationFactory(
        provider=provider,
        state=state,
        fee_received_at=timezone.now(),
        submitted_at=timezone.now(),
    )


@pytest.mark.parametrize("attempt", range(3))
def test_two_staff_on_one_case_one_wins_the_other_is_told(
    attempt, agency_a, licensing_officer, decision_maker
):
    application = under_assessment_or(Application.State.VALIDATED, agency_a)

    def load():
        return Application.objects.get(pk=application.pk)

    results = at_once(
        (
            load,
            lambda seen: services.application_start_assessment(
                application=seen, actor=licensing_officer, expected_version=seen.version
            ),
        ),
        (
            load,
            lambda seen: services.application_return(
                application=seen,
                actor=decision_maker,
                message="Send the contracts you give workers.",
                expected_version=seen.version,
            ),
        ),
    )

    outcomes = [kind for kind, _value in results]
    assert sorted(outcomes) == ["error", "ok"]
    error = next(value for kind, value in results if kind == "error")
    assert isinstance(error, CaseChanged)
    assert "changed while you were working on it" in str(error)

    application.refresh_from_db()
    assessment_won = outcomes[0] == "ok"
    winner_action = "start_assessment" if assessment_won else "return_for_information"
    assert application.state == (
        Application.State.UNDER_ASSESSMENT if assessment_won else Application.State.RETURNED
    )
    assert application.version == 2
    actions = list(
        AuditEntry.objects.filter(application=application).values_list("action", flat=True)
    )
    assert actions == [winner_action]
    assert CaseMessage.objects.filter(application=application).exists() == (not assessment_won)


def test_concurrent_grants_with_the_same_prefix_get_distinct_numbers(licensing_officer):
    LicensingPolicy.load()
    first = under_assessment_or(
        Application.State.UNDER_ASSESSMENT, LabourProviderFactory(legal_name="ABCD Fresh Ltd")
    )
    second = under_assessment_or(
        Application.State.UNDER_ASSESSMENT,
        LabourProviderFactory(legal_name="Abcd Harvest Staffing Ltd"),
    )

    def job(application):
        return (
            lambda: Application.objects.get(pk=application.pk),
            lambda seen: services.application_grant(application=seen, actor=licensing_officer),
        )

    results = at_once(job(first), job(second))

    assert [kind for kind, _value in results] == ["ok", "ok"], results
    urns = sorted(Licence.objects.values_list("urn", flat=True))
    assert urns == ["ABCD0001", "ABCD0002"]
    for application in (first, second):
        application.refresh_from_db()
        assert application.state == Application.State.GRANTED
        assert application.licence.certificates.count() == 1


def test_a_licence_change_never_waits_inside_its_transaction_for_a_busy_register_entry():
    """Whoever holds the register entry may be about to want the licence row: the licence
    change commits without waiting for the entry, and the entry follows once it is free."""
    import time

    from django.db import transaction

    from licensing.models import RegisterEntry
    from tests.public_site.factories import licensed_provider, staff

    actor = staff()
    # Straight from the factory: an earlier transactional test's flush took the fee bands.
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    holding, release = threading.Event(), threading.Event()

    def hold_the_entry():
        try:
            with transaction.atomic():
                RegisterEntry.objects.select_for_update().get(pk=licence.provider_id)
                holding.set()
                release.wait(timeout=30)
        finally:
            connection.close()

    def suspend():
        try:
            services.licence_suspend(
                licence=Licence.objects.get(pk=licence.pk), actor=actor, reason="Investigation"
            )
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_entry)
    holder.start()
    assert holding.wait(timeout=20)
    suspender = threading.Thread(target=suspend)
    suspender.start()

    # The suspension commits while the entry is still held by somebody else.
    deadline = time.monotonic() + 20
    while Licence.objects.get(pk=licence.pk).state != Licence.State.SUSPENDED:
        assert time.monotonic() < deadline, "the suspension waited for the register entry"
        time.sleep(0.05)
    assert RegisterEntry.objects.get(pk=licence.provider_id).status == "active"

    release.set()
    holder.join(timeout=20)
    suspender.join(timeout=20)
    assert not holder.is_alive() and not suspender.is_alive()
    assert RegisterEntry.objects.get(pk=licence.provider_id).status == "suspended"
