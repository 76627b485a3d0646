"""`manage.py seed_demo`: demo data that shows every state, with the demo sign-ins."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from demo.accounts import DEMO_PASSWORD
from inspections.models import Finding, Inspection, StandardsEdition
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    AuditAction,
    AuditEntry,
    Licence,
    LicenceCondition,
    RegisterEntry,
)
from registry import selectors as registry_selectors
from registry.models import LabourProvider, OrganisationMember, ProviderRole

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module; the data is removed again afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        out = StringIO()
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", providers=60, stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_licence_state_is_shown(seeded):
    states = set(Licence.objects.values_list("state", flat=True))
    assert states == set(Licence.State.values)


def test_every_application_state_and_kind_is_shown(seeded):
    assert set(Application.objects.values_list("state", flat=True)) == set(Application.State.values)
    assert set(Application.objects.values_list("kind", flat=True)) == set(Application.Kind.values)


def test_revocations_with_and_without_immediate_effect_and_appeals(seeded):
    revocations = AdverseDecision.objects.filter(kind=AdverseDecision.Kind.REVOCATION)
    assert revocations.filter(immediate_effect=True, licence__state=Licence.State.REVOKED).exists()
    assert revocations.filter(immediate_effect=False, licence__state=Licence.State.REVOKED).exists()
    pending = revocations.filter(
        immediate_effect=False,
        state=AdverseDecision.State.UNDER_APPEAL,
        appeals__state=Appeal.State.PENDING,
    )
    assert pending.exists()
    assert all(decision.licence.is_in_force for decision in pending)
    assert set(Appeal.objects.values_list("state", flat=True)) >= {
        Appeal.State.PENDING,
        Appeal.State.ALLOWED,
        Appeal.State.DISMISSED,
    }


def test_overdue_conditions_and_overseas_providers_exist(seeded):
    assert any(
        c.is_overdue
        for licence in Licence.objects.filter(state=Licence.State.ACTIVE_WITH_CONDITIONS)
        for c in licence.conditions.all()
    )
    countries = set(LabourProvider.objects.values_list("country", flat=True))
    assert "GB" in countries and len(countries) >= 3


def test_the_phoenix_pa_is_named_on_a_revoked_provider_and_a_new_application(seeded):
    phoenix = [
        role.person
        for role in ProviderRole.objects.filter(
            role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
            ended_on__isnull=False,
            provider__licences__state=Licence.State.REVOKED,
        )
        if role.person.roles.filter(
            ended_on__isnull=True, provider__applications__state=Application.State.SUBMITTED
        ).exists()
    ]
    assert phoenix


def test_histories_were_written_by_the_services(seeded):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        AuditAction.SUBMIT,
        AuditAction.FEE_RECEIVED,
        AuditAction.GRANT,
        AuditAction.LICENCE_GRANTED,
        AuditAction.REVOKE_WITH_IMMEDIATE_EFFECT,
        AuditAction.APPEAL_LODGED,
        AuditAction.FIRST_RENEWAL_REMINDER,
    } <= actions


@pytest.mark.parametrize("username", ["officer", "inspector", "decider", "admin", "editor"])
def test_staff_can_sign_in_with_the_demo_password(seeded, username):
    user = get_user_model().objects.get(username=username)
    assert user.check_password(DEMO_PASSWORD)
    assert user.is_staff == (username in ("admin", "editor"))


def test_admin_is_a_superuser(seeded):
    assert get_user_model().objects.get(username="admin").is_superuser


def test_the_agency_login_has_a_licence_and_a_draft(seeded):
    agency = get_user_model().objects.get(username="agency")
    assert agency.check_password(DEMO_PASSWORD)
    member = OrganisationMember.objects.get(user=agency)
    assert member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY
    provider = member.provider
    assert provider.licences.filter(state=Licence.State.ACTIVE).exists()
    assert provider.applications.filter(state=Application.State.DRAFT).exists()
    # Its authority to act comes from the regulator's link to the approved PA role.
    assert provider.roles.current().get(user=agency).authorised_by_regulator
    assert registry_selectors.can_act(agency, provider)


def test_if_empty_adds_nothing_the_second_time(seeded):
    counts = (LabourProvider.objects.count(), Application.objects.count())
    out = StringIO()
    call_command("seed_demo", providers=60, if_empty=True, stdout=out)
    assert (LabourProvider.objects.count(), Application.objects.count()) == counts
    assert "no demo data added" in out.getvalue()


def test_bulk_providers_get_licences_and_histories_and_a_rerun_adds_more(seeded):
    before = LabourProvider.objects.count()
    call_command("seed_demo", providers=230, seed=7, stdout=StringIO())
    assert LabourProvider.objects.count() == before + 230
    bulk = LabourProvider.objects.order_by("-pk")[:30]
    assert Licence.objects.filter(provider__in=bulk).exists()
    urns = list(Licence.objects.values_list("urn", flat=True))
    assert len(urns) == len(set(urns))
    assert AuditEntry.objects.filter(provider__in=bulk, action=AuditAction.LICENCE_GRANTED).exists()
    assert set(AuditEntry.objects.values_list("action", flat=True)) <= set(AuditAction.values)


def test_every_provider_has_a_register_entry_that_follows_its_licence(seeded):
    assert not LabourProvider.objects.filter(register_entry__isnull=True).exists()
    single = Licence.objects.filter(
        provider__in=LabourProvider.objects.annotate(n=Count("licences")).filter(n=1)
    ).select_related("provider__register_entry")
    assert single.exists()
    for licence in single:
        entry = licence.provider.register_entry
        assert (entry.status, entry.urn) == (licence.state, licence.urn)
    statuses = set(RegisterEntry.objects.values_list("status", flat=True))
    assert {RegisterEntry.PENDING, RegisterEntry.REFUSED} <= statuses


def test_provider_count_is_bounded(db):
    with pytest.raises(CommandError, match="between 1 and 100,000"):
        call_command("seed_demo", providers=100_001, stdout=StringIO())


@pytest.mark.postgres_only
def test_on_postgresql_the_tables_it_filled_are_analysed(db):
    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE is PostgreSQL's")
    with CaptureQueriesContext(connection) as queries:
        call_command("seed_demo", providers=1, stdout=StringIO())
    analyze = [q["sql"] for q in queries if q["sql"].startswith(("ANALYZE", "VACUUM"))]
    assert len(analyze) == 1
    for model in (LabourProvider, Licence, Application, AuditEntry, RegisterEntry, Inspection):
        assert connection.ops.quote_name(model._meta.db_table) in analyze[0]


def test_the_same_seed_gives_the_same_register(db):
    from django.db import transaction

    def register():
        with transaction.atomic():
            last = LabourProvider.objects.order_by("-pk").values_list("pk", flat=True).first()
            call_command("seed_demo", providers=5, seed=3, stdout=StringIO())
            rows = list(
                LabourProvider.objects.filter(pk__gt=last or 0)
                .order_by("pk")
                .values_list("legal_name", "company_number", "town", "country")
            )
            transaction.set_rollback(True)
        return rows

    first = register()
    assert len(first) == 5
    assert register() == first


def test_conditions_and_findings_cite_standards_of_their_edition(seeded):
    edition = StandardsEdition.objects.current()
    titles = dict(edition.standards.values_list("code", "title"))
    conditions = LicenceCondition.objects.exclude(standard_code="")
    assert conditions.exists()
    for condition in conditions:
        assert titles.get(condition.standard_code) == condition.standard_title, condition
    findings = Finding.objects.select_related("standard", "inspection")
    assert findings.exists()
    assert all(f.standard.edition_id == f.inspection.edition_id for f in findings)
