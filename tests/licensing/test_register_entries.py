"""Each provider's register entry follows its licences, refusals and applications, whichever
way they change, and searching and the licence page read it."""

import pytest
from django.utils import timezone

from licensing import services
from licensing.models import Appeal, Application, AuditEntry, RegisterEntry
from licensing.register import register_entries_refresh_all
from public_register.search import search_register
from registry.models import LabourProvider
from tests.factories import ApplicationFactory
from tests.public_site.factories import _decide_ready, licensed_provider, staff

pytestmark = pytest.mark.django_db


def entry(provider):
    row = RegisterEntry.objects.filter(provider=provider).first()
    return (row.status, row.urn, row.refused_on) if row else ("", "", None)


def submitted(provider, member):
    return services.application_submit(
        application=ApplicationFactory(provider=provider), actor=member
    )


def refused(application, officer):
    payment = services.fee_payment_request(
        application=application, actor=officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=officer)
    application = services.application_validate(application=application, actor=officer)
    application = services.application_start_assessment(application=application, actor=officer)
    return services.application_refuse(
        application=application, actor=officer, reasons="Workers paid a registration fee."
    )


def public_rows(provider):
    return list(
        AuditEntry.objects.filter(provider=provider, is_public=True).values_list(
            "action", "data__register_status"
        )
    )


def test_an_application_is_listed_as_pending_only_once_paid_and_validated(
    agency_a, applicant_a, licensing_officer
):
    assert entry(agency_a) == ("", "", None)
    draft = ApplicationFactory(provider=agency_a)
    assert entry(agency_a) == ("", "", None)  # drafts are not public

    application = services.application_submit(application=draft, actor=applicant_a)
    # A submission alone puts nobody's name on the register.
    assert entry(agency_a) == ("", "", None)
    assert search_register(q=agency_a.legal_name).count() == 0
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    assert entry(agency_a) == ("", "", None)
    assert public_rows(agency_a) == []

    application = services.application_validate(application=application, actor=licensing_officer)
    assert entry(agency_a) == ("pending", "", None)
    assert public_rows(agency_a) == [("validate", "pending")]

    services.application_withdraw(application=application, actor=applicant_a)
    assert entry(agency_a) == ("", "", None)
    assert search_register(q=agency_a.legal_name).count() == 0
    assert public_rows(agency_a) == [("validate", "pending"), ("withdraw", "")]


def test_a_refusal_shows_until_it_is_reversed_on_appeal(agency_a, applicant_a, licensing_officer):
    application = refused(submitted(agency_a, applicant_a), licensing_officer)
    decision = application.decisions.get()
    assert entry(agency_a) == ("refused", "", decision.decided_on)

    appeal = services.appeal_lodge(
        decision=decision,
        actor=licensing_officer,
        kind=Appeal.Kind.PRE_APPEAL,
        lodged_on=timezone.localdate(),
        grounds="The facts are wrong.",
    )
    services.appeal_decide(
        appeal=appeal, actor=licensing_officer, outcome=Appeal.State.ALLOWED, reason="Allowed"
    )

    # Back under assessment: pending again, and the reversed refusal no longer shows.
    assert entry(agency_a) == ("pending", "", None)


def test_a_licence_shows_its_state_and_number_through_every_change():
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    provider = licence.provider
    assert entry(provider) == ("active", licence.urn, None)

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")
    assert entry(provider) == ("suspended", licence.urn, None)
    assert [p.legal_name for p in search_register(status="suspended")] == ["Anglia Crew Ltd"]


def test_a_change_of_details_granted_through_the_services_is_searchable_at_once():
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)
    change = ApplicationFactory(
        provider=licence.provider,
        kind=Application.Kind.CHANGE,
        licence=licence,
        declared_turnover=None,
        changes={"trading_names": ["Marsh Pickers"], "town": "Boston"},
    )
    change = _decide_ready(change, actor)

    services.application_grant(application=change, actor=actor)

    assert [e.legal_name for e in search_register(q="marsh pickers")] == ["Anglia Crew Ltd"]
    assert [e.legal_name for e in search_register(location="boston")] == ["Anglia Crew Ltd"]


def test_details_saved_around_the_services_reach_the_register_only_when_refreshed():
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    LabourProvider.objects.filter(pk=licence.provider_id).update(town="Boston")
    assert search_register(location="boston").count() == 0

    register_entries_refresh_all()

    assert [e.legal_name for e in search_register(location="boston")] == ["Anglia Crew Ltd"]


def test_refreshing_every_entry_repairs_entries_written_around_the_services():
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    RegisterEntry.objects.all().delete()
    assert search_register(q="anglia").count() == 0

    assert register_entries_refresh_all() == LabourProvider.objects.count()

    assert entry(licence.provider) == ("active", "ANGL0001", None)
    assert search_register(q="anglia").count() == 1


def test_the_refresh_register_command_repairs_every_entry():
    import io

    from django.core.management import call_command

    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    RegisterEntry.objects.update(status="")
    out = io.StringIO()

    call_command("refresh_register", stdout=out)

    assert entry(licence.provider) == ("active", "ANGL0001", None)
    assert "Register entries recomputed for" in out.getvalue()
