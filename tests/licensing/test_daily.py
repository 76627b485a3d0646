"""`manage.py licensing_daily`: the cron job that closes appeal windows, expires licences and
sends renewal reminders. Dates are set on the rows; no clock is frozen."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from licensing import services
from licensing.models import AdverseDecision, Appeal, AuditEntry, Licence, LicensingPolicy
from tests.factories import LicenceConditionFactory, LicenceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def run_daily(django_capture_on_commit_callbacks):
    """Run the command as cron would, sending the emails it queues; returns its output."""

    def run():
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("licensing_daily", stdout=out)
        return out.getvalue()

    return run


def subjects_about(licence):
    return [m.subject for m in mail.outbox if licence.urn in m.subject]


def revoke_without_immediate_effect(licence, actor, deadline):
    decision = services.licence_revoke(
        licence=licence, actor=actor, reasons="Workers charged work-finding fees", immediate=False
    )
    AdverseDecision.objects.filter(pk=decision.pk).update(appeal_deadline=deadline)
    decision.refresh_from_db()
    return decision


def test_running_twice_changes_and_sends_nothing_twice(run_daily, today, decision_maker):
    first = LicenceFactory(expires_on=today + timedelta(days=42))
    second = LicenceFactory(expires_on=today + timedelta(days=21))
    lapsed = LicenceFactory(expires_on=today - timedelta(days=1))
    revoked = LicenceFactory()
    revoke_without_immediate_effect(revoked, decision_maker, today - timedelta(days=1))
    mail.outbox.clear()

    output = run_daily()
    sent = sorted(m.subject for m in mail.outbox)
    audit_rows = AuditEntry.objects.count()

    assert "Appeal windows closed: 1" in output
    assert "Licences expired: 1" in output
    assert "Renewal reminders sent: 2" in output
    assert len(subjects_about(first)) == 1
    assert len(subjects_about(second)) == 1
    assert subjects_about(lapsed) == [f"Licence {lapsed.urn} is now: Expired"]
    assert subjects_about(revoked) == [f"Licence {revoked.urn} is now: Revoked"]

    output = run_daily()
    assert sorted(m.subject for m in mail.outbox) == sent
    assert AuditEntry.objects.count() == audit_rows
    assert "Appeal windows closed: 0" in output
    assert "Licences expired: 0" in output
    assert "Renewal reminders sent: 0" in output


def test_six_weeks_before_expiry_the_first_reminder_goes_once(run_daily, today):
    licence = LicenceFactory(expires_on=today + timedelta(days=42))
    run_daily()
    run_daily()
    assert subjects_about(licence) == [
        f"Renew licence {licence.urn} before {licence.expires_on.day} {licence.expires_on:%B %Y}"
    ]
    entry = AuditEntry.objects.get(licence=licence)
    assert entry.action == "first_renewal_reminder"
    licence.refresh_from_db()
    assert licence.first_reminder_sent_for == licence.expires_on
    assert licence.second_reminder_sent_for is None


def test_three_weeks_before_expiry_the_second_reminder_goes_once(run_daily, today):
    licence = LicenceFactory(expires_on=today + timedelta(days=21))
    Licence.objects.filter(pk=licence.pk).update(first_reminder_sent_for=licence.expires_on)
    run_daily()
    run_daily()
    assert len(subjects_about(licence)) == 1
    assert list(AuditEntry.objects.filter(licence=licence).values_list("action", flat=True)) == [
        "second_renewal_reminder"
    ]


def test_a_missed_first_reminder_is_not_sent_after_the_second(run_daily, today):
    licence = LicenceFactory(expires_on=today + timedelta(days=21))
    run_daily()
    assert len(subjects_about(licence)) == 1
    assert AuditEntry.objects.get(licence=licence).action == "second_renewal_reminder"


@pytest.mark.parametrize("days_left", [43, 60])
def test_no_reminder_before_six_weeks(run_daily, today, days_left):
    licence = LicenceFactory(expires_on=today + timedelta(days=days_left))
    run_daily()
    assert subjects_about(licence) == []


def test_reminder_days_come_from_the_policy(run_daily, today):
    policy = LicensingPolicy.load()
    policy.first_reminder_days = 60
    policy.save()
    licence = LicenceFactory(expires_on=today + timedelta(days=60))
    run_daily()
    assert AuditEntry.objects.get(licence=licence).action == "first_renewal_reminder"


def test_a_renewed_licence_gets_reminders_again_for_its_new_expiry(run_daily, today):
    licence = LicenceFactory(expires_on=today + timedelta(days=42))
    run_daily()
    Licence.objects.filter(pk=licence.pk).update(expires_on=today + timedelta(days=42 + 365))
    run_daily()
    assert len(subjects_about(licence)) == 1
    Licence.objects.filter(pk=licence.pk).update(expires_on=today + timedelta(days=40))
    run_daily()
    assert len(subjects_about(licence)) == 2


def test_a_licence_expiring_today_is_still_in_force(run_daily, today):
    licence = LicenceFactory(expires_on=today)
    run_daily()
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


def test_a_licence_that_expired_yesterday_expires(run_daily, today):
    licence = LicenceFactory(expires_on=today - timedelta(days=1))
    output = run_daily()
    licence.refresh_from_db()
    assert licence.state == Licence.State.EXPIRED
    assert licence.expired_on == today
    entry = AuditEntry.objects.get(licence=licence, action="expire")
    assert entry.is_public
    assert entry.actor_name == "System"
    assert "Licences expired: 1" in output


@pytest.mark.parametrize(
    "state", [Licence.State.REVOKED, Licence.State.SURRENDERED, Licence.State.EXPIRED]
)
def test_a_licence_no_longer_in_force_is_left_alone(run_daily, today, state):
    licence = LicenceFactory(expires_on=today - timedelta(days=1), state=state)
    run_daily()
    licence.refresh_from_db()
    assert licence.state == state
    assert not AuditEntry.objects.filter(licence=licence).exists()
    assert subjects_about(licence) == []


def test_a_revocation_does_not_take_effect_on_its_appeal_deadline(run_daily, today, decision_maker):
    licence = LicenceFactory()
    decision = revoke_without_immediate_effect(licence, decision_maker, today)
    run_daily()
    licence.refresh_from_db()
    decision.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert decision.state == AdverseDecision.State.APPEALABLE


def test_a_revocation_takes_effect_the_day_after_its_appeal_deadline(
    run_daily, today, decision_maker
):
    licence = LicenceFactory()
    decision = revoke_without_immediate_effect(licence, decision_maker, today - timedelta(days=1))
    run_daily()
    licence.refresh_from_db()
    decision.refresh_from_db()
    assert licence.state == Licence.State.REVOKED
    assert licence.revoked_on == today
    assert licence.ended_reason == "Workers charged work-finding fees"
    assert decision.state == AdverseDecision.State.FINAL
    assert AuditEntry.objects.filter(licence=licence, action="revocation_takes_effect").exists()


def test_a_revocation_under_appeal_does_not_take_effect(run_daily, today, decision_maker):
    licence = LicenceFactory()
    decision = revoke_without_immediate_effect(licence, decision_maker, today + timedelta(days=5))
    services.appeal_lodge(
        decision=decision, actor=decision_maker, kind=Appeal.Kind.TRIBUNAL, lodged_on=today
    )
    AdverseDecision.objects.filter(pk=decision.pk).update(
        appeal_deadline=today - timedelta(days=10)
    )
    run_daily()
    licence.refresh_from_db()
    decision.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert decision.state == AdverseDecision.State.UNDER_APPEAL


def test_an_immediate_revocation_becomes_final_when_its_window_closes(
    run_daily, today, decision_maker
):
    licence = LicenceFactory()
    decision = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Passports retained", immediate=True
    )
    AdverseDecision.objects.filter(pk=decision.pk).update(appeal_deadline=today - timedelta(days=1))
    run_daily()
    decision.refresh_from_db()
    licence.refresh_from_db()
    assert decision.state == AdverseDecision.State.FINAL
    assert licence.state == Licence.State.REVOKED


def test_overdue_conditions_are_flagged(run_daily, today):
    licence = LicenceFactory(state=Licence.State.ACTIVE_WITH_CONDITIONS)
    LicenceConditionFactory(
        licence=licence, text="Give every worker a written contract", due_date=today
    )
    LicenceConditionFactory(
        licence=licence,
        text="Repay the transport charges",
        due_date=today - timedelta(days=3),
    )
    output = run_daily()
    assert "Overdue licence conditions: 1" in output
    assert f"OVERDUE {licence.urn}" in output
    assert "Repay the transport charges" in output
    assert "written contract" not in output


def test_a_suspended_licence_gets_no_renewal_reminder(run_daily, today, decision_maker):
    suspended = LicenceFactory(expires_on=today + timedelta(days=42))
    services.licence_suspend(licence=suspended, actor=decision_maker, reason="Under review")
    active = LicenceFactory(expires_on=today + timedelta(days=42))
    mail.outbox.clear()
    run_daily()
    assert subjects_about(suspended) == []
    assert len(subjects_about(active)) == 1
    assert not AuditEntry.objects.filter(
        licence=suspended, action="first_renewal_reminder"
    ).exists()
