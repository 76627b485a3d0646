"""Scheduled work, run daily by ``manage.py licensing_daily``. Each step is idempotent: each
record is re-read under its lock and skipped when somebody already dealt with it."""

from datetime import date, timedelta

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import notifications, selectors
from licensing.models import AdverseDecision, AuditAction, Licence, LicensingPolicy
from licensing.services.appeals import revocation_takes_effect
from licensing.services.licences import licence_end
from licensing.workflow import audit, transition


def decisions_close_windows() -> int:
    """Decisions whose appeal window closed without an appeal become final or take effect."""
    today = timezone.localdate()
    count = 0
    for pk in AdverseDecision.objects.filter(
        state=AdverseDecision.State.APPEALABLE, appeal_deadline__lt=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            decision = AdverseDecision.objects.select_for_update().get(pk=pk)
            if decision.state != AdverseDecision.State.APPEALABLE:
                continue
            transition(decision, "window_closed", actor=None)
            if decision.state == AdverseDecision.State.DUE:
                revocation_takes_effect(decision, actor=None)
            count += 1
    return count


def licences_expire_due(*, today: date | None = None) -> int:
    """Licences past their expiry date that were not renewed expire, except those with a
    renewal under consideration (submitted by the expiry date and not yet decided, or refused
    while the refusal can still be appealed)."""
    today = today or timezone.localdate()
    count = 0
    kept = selectors.renewals_under_consideration().values("licence_id")
    due = Licence.objects.in_force().filter(expires_on__lt=today).exclude(pk__in=kept)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().get(pk=pk)
            if (
                not licence.is_in_force
                or licence.expires_on >= today
                or selectors.renewal_under_consideration(licence)
            ):
                continue
            licence_end(licence, "expire", actor=None, reason=_("Not renewed by its expiry date."))
            notifications.licence_status_changed(licence, licence.ended_reason)
            count += 1
    return count


REMINDERS = (
    ("second_reminder_days", "second_reminder_sent_for", AuditAction.SECOND_RENEWAL_REMINDER),
    ("first_reminder_days", "first_reminder_sent_for", AuditAction.FIRST_RENEWAL_REMINDER),
)


def renewal_reminders_send(*, today: date | None = None) -> int:
    """Send the 6-week and 3-week renewal reminders, each at most once per expiry date.

    The licence row records the expiry date each reminder was sent for, in the
    same transaction as the queued email: running twice sends nothing twice.
    """
    today = today or timezone.localdate()
    policy = LicensingPolicy.load()
    sent = 0
    for days_setting, field, action in REMINDERS:
        days = getattr(policy, days_setting)
        candidates = Licence.objects.filter(
            # A suspended licence cannot be renewed: a reminder would ask for the impossible.
            state__in=Licence.HOLDING_STATES,
            expires_on__lte=today + timedelta(days=days),
            expires_on__gte=today,
        ).exclude(**{field: models.F("expires_on")})
        for pk in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                licence = Licence.objects.select_for_update().get(pk=pk)
                if getattr(licence, field) == licence.expires_on:
                    continue
                Licence.objects.filter(pk=pk).update(**{field: licence.expires_on})
                if (
                    action == AuditAction.FIRST_RENEWAL_REMINDER
                    and licence.second_reminder_sent_for == licence.expires_on
                ):
                    # The 3-week reminder already went out; a 6-week one now would confuse.
                    continue
                audit(
                    actor=None,
                    action=action,
                    obj=licence,
                    data={"expires_on": str(licence.expires_on)},
                )
                notifications.renewal_reminder(
                    licence, "first" if action == AuditAction.FIRST_RENEWAL_REMINDER else "second"
                )
                sent += 1
    return sent
