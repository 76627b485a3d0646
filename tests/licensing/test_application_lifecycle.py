from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from licensing import services
from licensing.calendar import add_working_days, working_days_between
from licensing.models import AdverseDecision, Application, AuditEntry, Holiday, Licence
from licensing.urn import urn_prefix
from licensing.workflow import CaseChanged, TransitionRefused
from tests.factories import ApplicationFactory, LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(agency_a, applicant_a, django_capture_on_commit_callbacks):
    application = ApplicationFactory(provider=agency_a)
    with django_capture_on_commit_callbacks(execute=True):
        return services.application_submit(application=application, actor=applicant_a)


def pay(application, officer):
    payment = services.fee_payment_request(
        application=application, actor=officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=officer)
    application.refresh_from_db()
    return application


def under_assessment(application, officer):
    application = pay(application, officer)
    application = services.application_validate(application=application, actor=officer)
    return services.application_start_assessment(application=application, actor=officer)


def test_it_fixes_the_fee_from_turnover_on_submission(submitted):
    assert submitted.state == Application.State.SUBMITTED
    assert submitted.fee_band.code == "D"
    assert submitted.application_fee == Decimal("400.00")
    assert submitted.inspection_fee == Decimal("1850.00")
    assert mail.outbox and "received your application" in mail.outbox[0].subject


@pytest.mark.parametrize(
    "turnover,band", [("999999.99", "D"), ("1000000", "C"), ("5000000", "B"), ("10000000", "A")]
)
def test_it_picks_the_band_at_the_boundaries(turnover, band):
    found, _fee, _inspection = services.fees_for(kind="new", turnover=Decimal(turnover))
    assert found.code == band


def test_assessment_cannot_start_before_the_fee_is_received(submitted, licensing_officer):
    with pytest.raises(TransitionRefused, match="fee must be received"):
        services.application_validate(application=submitted, actor=licensing_officer)
    submitted.refresh_from_db()
    assert submitted.state == Application.State.SUBMITTED


def test_grant_issues_a_licence_with_a_urn_and_certificate(submitted, licensing_officer):
    application = under_assessment(submitted, licensing_officer)
    application = services.application_grant(
        application=application, actor=licensing_officer, reason="Meets the standards"
    )
    licence = application.licence
    assert application.state == Application.State.GRANTED
    assert licence.urn == "ANGL0001"
    assert licence.state == Licence.State.ACTIVE
    assert licence.certificates.count() == 1
    actions = list(
        AuditEntry.objects.filter(application=application).values_list("action", flat=True)
    )
    assert actions == [
        "submit",
        "payment_requested",
        "fee_received",
        "validate",
        "start_assessment",
        "grant",
    ]
    assert AuditEntry.objects.get(licence=licence, action="licence_granted").is_public
    grant = AuditEntry.objects.get(action="grant")
    assert grant.actor_name == "Olive Officer"
    assert (grant.from_state, grant.to_state) == ("under_assessment", "granted")


def test_grant_with_conditions_makes_the_licence_conditional(submitted, licensing_officer):
    application = under_assessment(submitted, licensing_officer)
    due = date.today() + timedelta(days=30)
    application = services.application_grant(
        application=application,
        actor=licensing_officer,
        conditions=[
            services.ConditionSpec(
                text="Issue itemised payslips", due_date=due, standard_code="2.3"
            )
        ],
    )
    assert application.state == Application.State.GRANTED_WITH_CONDITIONS
    assert application.licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
    condition = application.licence.conditions.get()
    services.condition_mark_met(
        condition=condition, actor=licensing_officer, reason="Payslips seen"
    )
    application.licence.refresh_from_db()
    assert application.licence.state == Licence.State.ACTIVE


def test_refusal_needs_reasons_and_opens_the_appeal_windows(submitted, licensing_officer):
    application = under_assessment(submitted, licensing_officer)
    with pytest.raises(TransitionRefused, match="must state its reasons"):
        services.application_refuse(application=application, actor=licensing_officer, reasons=" ")
    application = services.application_refuse(
        application=application, actor=licensing_officer, reasons="Failed the fit and proper test"
    )
    decision = AdverseDecision.objects.get(application=application)
    assert decision.pre_appeal_deadline == decision.decided_on + timedelta(days=10)
    assert decision.appeal_deadline == add_working_days(decision.decided_on, 20)


def test_an_inspector_cannot_decide(submitted, licensing_officer, inspector):
    application = under_assessment(submitted, licensing_officer)
    with pytest.raises(PermissionDenied):
        services.application_grant(application=application, actor=inspector)
    with pytest.raises(PermissionDenied):
        services.application_refuse(application=application, actor=inspector, reasons="x")


def test_applicant_of_another_agency_cannot_submit(agency_a, applicant_b):
    application = ApplicationFactory(provider=agency_a)
    with pytest.raises(PermissionDenied):
        services.application_submit(application=application, actor=applicant_b)


def test_a_stale_version_gets_a_clear_conflict(submitted, licensing_officer, decision_maker):
    application = pay(submitted, licensing_officer)
    seen_version = application.version
    services.application_validate(
        application=application, actor=licensing_officer, expected_version=seen_version
    )
    with pytest.raises(CaseChanged, match="changed while you were working on it"):
        services.application_return(
            application=application,
            actor=decision_maker,
            message="Send your VAT number",
            expected_version=seen_version,
        )
    application.refresh_from_db()
    assert application.state == Application.State.VALIDATED
    assert not application.messages.exists()


def test_return_and_resubmit_goes_back_to_validated_when_paid(
    submitted, licensing_officer, applicant_a
):
    application = pay(submitted, licensing_officer)
    services.application_return(
        application=application, actor=licensing_officer, message="Which sites?"
    )
    application.refresh_from_db()
    assert application.state == Application.State.RETURNED
    application = services.application_resubmit(
        application=application, actor=applicant_a, message="Wisbech and March"
    )
    assert application.state == Application.State.VALIDATED
    assert [m.body for m in application.messages.all()] == ["Which sites?", "Wisbech and March"]


def test_an_answer_during_assessment_returns_the_case_to_assessment(
    submitted, licensing_officer, applicant_a
):
    application = under_assessment(submitted, licensing_officer)
    services.application_return(
        application=application, actor=licensing_officer, message="Which sites?"
    )
    application.refresh_from_db()
    application = services.application_resubmit(
        application=application, actor=applicant_a, message="Wisbech and March"
    )
    application.refresh_from_db()
    assert application.state == Application.State.UNDER_ASSESSMENT
    row = AuditEntry.objects.filter(application=application, action="resubmit").get()
    assert (row.from_state, row.to_state) == ("returned", "under_assessment")
    assert row.actor_id == applicant_a.pk


def test_state_cannot_be_assigned_directly(submitted):
    with pytest.raises(AttributeError):
        submitted.state = Application.State.GRANTED


def test_audit_entries_cannot_be_changed_or_deleted(submitted):
    entry = AuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(reason="rewritten")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


def test_the_database_refuses_audit_updates_too(submitted):
    from django.db import DatabaseError, connection, transaction

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE licensing_auditentry SET reason = 'rewritten'")


def test_revocation_without_immediate_effect_keeps_the_licence_in_force(decision_maker):
    licence = LicenceFactory()
    decision = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Debt bondage found", immediate=False
    )
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert decision.appeal_deadline == add_working_days(decision.decided_on, 20)
    # The window closes without an appeal: the revocation takes effect.
    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=date.today() - timedelta(days=1)
    )
    services.decisions_close_windows()
    licence.refresh_from_db()
    decision.refresh_from_db()
    assert licence.state == Licence.State.REVOKED
    assert decision.state == AdverseDecision.State.FINAL


def test_revocation_with_immediate_effect_applies_at_once(decision_maker):
    licence = LicenceFactory()
    decision = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Workers' passports retained", immediate=True
    )
    licence.refresh_from_db()
    assert licence.state == Licence.State.REVOKED
    assert decision.appeal_deadline == add_working_days(decision.decided_on, 10)


def test_working_days_skip_weekends_and_holidays():
    Holiday.objects.create(date=date(2026, 12, 25), name="Christmas Day")
    Holiday.objects.create(date=date(2026, 12, 28), name="Boxing Day (substitute)")
    # Thursday 24 December 2026 + 2 working days: skips Fri 25, Sat, Sun, Mon 28.
    assert add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 30)
    assert working_days_between(date(2026, 12, 24), date(2026, 12, 30)) == 2


@pytest.mark.parametrize(
    "name,prefix",
    [("Earl's Farm Labour", "EARL"), ("The A1 Co", "ACOX"), ("Ōkubo Staffing", "OKUB")],
)
def test_urn_prefix(name, prefix):
    assert urn_prefix(name) == prefix


def test_renewal_extends_the_licence_and_certifies_the_new_expiry(
    agency_a, applicant_a, licensing_officer
):
    licence = LicenceFactory(provider=agency_a)
    old_expiry = licence.expires_on
    application = ApplicationFactory(
        provider=agency_a, kind=Application.Kind.RENEWAL, licence=licence
    )
    application = services.application_submit(application=application, actor=applicant_a)
    assert application.inspection_fee == 0
    application = under_assessment(application, licensing_officer)
    application = services.application_grant(application=application, actor=licensing_officer)
    licence.refresh_from_db()
    assert licence.expires_on == old_expiry + timedelta(days=365)
    assert application.licence.expires_on == licence.expires_on
    assert licence.certificates.get().valid_until == licence.expires_on
