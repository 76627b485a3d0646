"""Pre-appeals against refusals and tribunal appeals against refusals and revocations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from licensing import services
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    AuditEntry,
    Holiday,
    Licence,
    LicenceCondition,
)
from licensing.workflow import ServiceError, TransitionRefused
from tests.factories import ApplicationFactory, LicenceConditionFactory, LicenceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]

TRIBUNAL = Appeal.Kind.TRIBUNAL
PRE_APPEAL = Appeal.Kind.PRE_APPEAL


@pytest.fixture
def refused(agency_a, applicant_a, licensing_officer):
    application = ApplicationFactory(provider=agency_a)
    application = services.application_submit(application=application, actor=applicant_a)
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application = services.application_validate(application=application, actor=licensing_officer)
    application = services.application_start_assessment(
        application=application, actor=licensing_officer
    )
    return services.application_refuse(
        application=application,
        actor=licensing_officer,
        reasons="The inspection found workers paying a registration fee.",
    )


def revoke(licence, actor, *, immediate):
    return services.licence_revoke(
        licence=licence, actor=actor, reasons="Debt bondage found", immediate=immediate
    )


def lodge(decision, actor, *, kind=TRIBUNAL, lodged_on=None, late_admitted=False):
    return services.appeal_lodge(
        decision=decision,
        actor=actor,
        kind=kind,
        lodged_on=lodged_on or timezone.localdate(),
        grounds="The facts are wrong.",
        late_admitted=late_admitted,
    )


def decide(appeal, actor, outcome):
    return services.appeal_decide(appeal=appeal, actor=actor, outcome=outcome, reason="Decided")


def refresh(*objects):
    for obj in objects:
        obj.refresh_from_db()


# Pre-appeals against a refusal.


def test_a_pre_appeal_on_the_tenth_day_is_in_time(refused, licensing_officer):
    decision = refused.decisions.get()
    assert decision.pre_appeal_deadline == decision.decided_on + timedelta(days=10)
    appeal = lodge(
        decision, licensing_officer, kind=PRE_APPEAL, lodged_on=decision.pre_appeal_deadline
    )
    refresh(decision)
    assert not appeal.is_late
    assert decision.state == AdverseDecision.State.UNDER_APPEAL


def test_an_allowed_pre_appeal_sends_the_application_back_to_assessment(refused, licensing_officer):
    decision = refused.decisions.get()
    appeal = lodge(decision, licensing_officer, kind=PRE_APPEAL)
    decide(appeal, licensing_officer, Appeal.State.ALLOWED)
    refresh(refused, decision, appeal)
    assert appeal.state == Appeal.State.ALLOWED
    assert decision.state == AdverseDecision.State.REVERSED
    assert refused.state == Application.State.UNDER_ASSESSMENT
    assert refused.decided_at is None
    entry = AuditEntry.objects.get(action="reopen_after_appeal")
    assert (entry.from_state, entry.to_state) == ("refused", "under_assessment")


def test_a_dismissed_pre_appeal_leaves_the_refusal_standing(refused, licensing_officer):
    decision = refused.decisions.get()
    decide(lodge(decision, licensing_officer, kind=PRE_APPEAL), licensing_officer, "dismissed")
    refresh(refused, decision)
    assert refused.state == Application.State.REFUSED
    assert decision.state == AdverseDecision.State.FINAL


def test_a_late_pre_appeal_is_refused_with_the_deadline(refused, licensing_officer):
    decision = refused.decisions.get()
    late = decision.pre_appeal_deadline + timedelta(days=1)
    with pytest.raises(ServiceError) as refused_error:
        lodge(decision, licensing_officer, kind=PRE_APPEAL, lodged_on=late)
    assert f"The deadline was {decision.pre_appeal_deadline:%d %B %Y}" in str(refused_error.value)
    assert "only once the tribunal has admitted it" in str(refused_error.value)
    refresh(decision)
    assert decision.state == AdverseDecision.State.APPEALABLE
    assert not Appeal.objects.exists()
    assert not AuditEntry.objects.filter(action="appeal_lodged").exists()


def test_a_late_pre_appeal_can_be_recorded_once_admitted(refused, licensing_officer):
    decision = refused.decisions.get()
    late = decision.pre_appeal_deadline + timedelta(days=1)
    appeal = lodge(decision, licensing_officer, kind=PRE_APPEAL, lodged_on=late, late_admitted=True)
    assert appeal.is_late
    assert AuditEntry.objects.get(action="appeal_lodged").data["late"] is True


def test_a_pre_appeal_is_only_for_refusals(decision_maker):
    decision = revoke(LicenceFactory(), decision_maker, immediate=False)
    with pytest.raises(ServiceError, match="only possible against a refusal"):
        lodge(decision, decision_maker, kind=PRE_APPEAL)


def test_an_inspector_cannot_record_appeals(refused, inspector):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        lodge(refused.decisions.get(), inspector, kind=PRE_APPEAL)


# Tribunal appeals against a revocation without immediate effect.


def test_while_an_appeal_is_pending_the_licence_stays_in_force(decision_maker):
    licence = LicenceFactory()
    decision = revoke(licence, decision_maker, immediate=False)
    lodge(decision, decision_maker)
    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=timezone.localdate() - timedelta(days=5)
    )
    services.decisions_close_windows()
    refresh(licence, decision)
    assert licence.state == Licence.State.ACTIVE
    assert licence.is_in_force
    assert decision.state == AdverseDecision.State.UNDER_APPEAL


def test_a_dismissed_appeal_revokes_the_licence(decision_maker, django_capture_on_commit_callbacks):
    licence = LicenceFactory()
    appeal = lodge(revoke(licence, decision_maker, immediate=False), decision_maker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(appeal, decision_maker, Appeal.State.DISMISSED)
    refresh(licence, appeal)
    decision = appeal.decision
    refresh(decision)
    assert appeal.state == Appeal.State.DISMISSED
    assert decision.state == AdverseDecision.State.FINAL
    assert licence.state == Licence.State.REVOKED
    assert licence.revoked_on == timezone.localdate()
    assert AuditEntry.objects.get(action="revocation_takes_effect").is_public
    assert [m.subject for m in mail.outbox] == [f"Licence {licence.urn} is now: Revoked"]


def test_an_allowed_appeal_keeps_the_licence_and_reverses_the_decision(decision_maker):
    licence = LicenceFactory()
    appeal = lodge(revoke(licence, decision_maker, immediate=False), decision_maker)
    decide(appeal, decision_maker, Appeal.State.ALLOWED)
    decision = appeal.decision
    refresh(licence, decision)
    assert licence.state == Licence.State.ACTIVE
    assert licence.revoked_on is None
    assert decision.state == AdverseDecision.State.REVERSED
    assert AuditEntry.objects.filter(action="revocation_withdrawn", licence=licence).exists()
    # The reversed decision does not block a later revocation.
    revoke(licence, decision_maker, immediate=False)


def test_an_appeal_withdrawn_in_time_reopens_the_window(decision_maker):
    licence = LicenceFactory()
    appeal = lodge(revoke(licence, decision_maker, immediate=False), decision_maker)
    decide(appeal, decision_maker, Appeal.State.WITHDRAWN)
    decision = appeal.decision
    refresh(licence, decision)
    assert decision.state == AdverseDecision.State.APPEALABLE
    assert licence.state == Licence.State.ACTIVE


def test_an_appeal_withdrawn_after_the_deadline_lets_the_revocation_take_effect(decision_maker):
    licence = LicenceFactory()
    decision = revoke(licence, decision_maker, immediate=False)
    appeal = lodge(decision, decision_maker)
    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=timezone.localdate() - timedelta(days=1)
    )
    decide(appeal, decision_maker, Appeal.State.WITHDRAWN)
    refresh(licence, decision)
    assert decision.state == AdverseDecision.State.FINAL
    assert licence.state == Licence.State.REVOKED


def test_a_second_revocation_is_refused_while_one_is_pending(decision_maker):
    licence = LicenceFactory()
    revoke(licence, decision_maker, immediate=False)
    with pytest.raises(TransitionRefused, match="already pending"):
        revoke(licence, decision_maker, immediate=True)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


# Revocation with immediate effect.


def test_an_allowed_appeal_reinstates_an_immediately_revoked_licence(decision_maker):
    licence = LicenceFactory()
    appeal = lodge(revoke(licence, decision_maker, immediate=True), decision_maker)
    certificates = licence.certificates.count()
    decide(appeal, decision_maker, Appeal.State.ALLOWED)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert licence.revoked_on is None
    assert licence.certificates.count() == certificates + 1
    entry = AuditEntry.objects.get(action="reinstate")
    assert (entry.from_state, entry.to_state, entry.is_public) == ("revoked", "active", True)


def test_reinstatement_restores_open_conditions(decision_maker):
    licence = LicenceFactory(state=Licence.State.ACTIVE_WITH_CONDITIONS)
    LicenceConditionFactory(licence=licence)
    LicenceConditionFactory(licence=licence, state=LicenceCondition.State.MET)
    appeal = lodge(revoke(licence, decision_maker, immediate=True), decision_maker)
    decide(appeal, decision_maker, Appeal.State.ALLOWED)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE_WITH_CONDITIONS


def test_reinstatement_without_open_conditions_is_plain_active(decision_maker):
    licence = LicenceFactory(state=Licence.State.ACTIVE_WITH_CONDITIONS)
    LicenceConditionFactory(licence=licence, state=LicenceCondition.State.MET)
    appeal = lodge(revoke(licence, decision_maker, immediate=True), decision_maker)
    decide(appeal, decision_maker, Appeal.State.ALLOWED)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


def test_a_dismissed_appeal_against_an_immediate_revocation_makes_it_final(decision_maker):
    licence = LicenceFactory()
    appeal = lodge(revoke(licence, decision_maker, immediate=True), decision_maker)
    decide(appeal, decision_maker, Appeal.State.DISMISSED)
    decision = appeal.decision
    refresh(licence, decision)
    assert decision.state == AdverseDecision.State.FINAL
    assert licence.state == Licence.State.REVOKED


def test_a_late_appeal_admitted_after_the_decision_became_final(decision_maker):
    licence = LicenceFactory()
    decision = revoke(licence, decision_maker, immediate=True)
    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=timezone.localdate() - timedelta(days=1)
    )
    services.decisions_close_windows()
    decision.refresh_from_db()
    assert decision.state == AdverseDecision.State.FINAL
    with pytest.raises(ServiceError, match="The deadline was"):
        lodge(decision, decision_maker)
    appeal = lodge(decision, decision_maker, late_admitted=True)
    assert appeal.is_late
    decide(appeal, decision_maker, Appeal.State.ALLOWED)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


# Appeal windows in working days.


def expected_deadline(start, working_days, holidays):
    day, left = start, working_days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in holidays:
            left -= 1
    return day


def third_working_day_after(start):
    return expected_deadline(start, 3, set())


@pytest.mark.parametrize("immediate,working_days", [(True, 10), (False, 20)])
def test_appeal_window_counts_working_days_across_a_weekend_and_a_holiday(
    decision_maker, immediate, working_days
):
    today = timezone.localdate()
    holiday = third_working_day_after(today)
    Holiday.objects.create(date=holiday, name="Bank holiday")
    decision = revoke(LicenceFactory(), decision_maker, immediate=immediate)
    deadline = expected_deadline(today, working_days, {holiday})
    assert decision.appeal_deadline == deadline
    # The holiday pushes the deadline one working day later than weekends alone would.
    assert deadline == expected_deadline(expected_deadline(today, working_days, set()), 1, set())
    assert (deadline - today).days >= working_days + 3
    assert lodge(decision, decision_maker, lodged_on=deadline).is_late is False


def test_an_appeal_the_day_after_the_window_is_late(decision_maker):
    decision = revoke(LicenceFactory(), decision_maker, immediate=True)
    with pytest.raises(ServiceError, match="The deadline was"):
        lodge(decision, decision_maker, lodged_on=decision.appeal_deadline + timedelta(days=1))


def test_a_refusal_appeal_window_is_twenty_working_days(refused):
    decision = refused.decisions.get()
    holidays = set(Holiday.objects.values_list("date", flat=True))
    assert decision.appeal_deadline == expected_deadline(decision.decided_on, 20, holidays)


def test_a_tribunal_appeal_against_a_refusal_dismissed_leaves_it_final(refused, decision_maker):
    decision = refused.decisions.get()
    decide(lodge(decision, decision_maker), decision_maker, Appeal.State.DISMISSED)
    refresh(refused, decision)
    assert decision.state == AdverseDecision.State.FINAL
    assert refused.state == Application.State.REFUSED
