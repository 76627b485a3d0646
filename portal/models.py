"""What the agency portal keeps beyond the licensing core: invitations, condition evidence,
and a record of condition deadline reminders sent (so the daily job never repeats one)."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT
from licensing.models import Document, LicenceCondition
from registry.models import LabourProvider, OrganisationMember

INVITATION_VALID_DAYS = 14


def invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """A Principal Authority's invitation for a colleague to join the organisation account."""

    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("labour provider"),
    )
    email = models.EmailField(_("email"))
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=OrganisationMember.Role.choices,
        default=OrganisationMember.Role.COLLEAGUE,
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=invitation_token, editable=False
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.provider}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=INVITATION_VALID_DAYS)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and timezone.now() < self.expires_at


class ConditionEvidence(models.Model):
    """What the agency sent to show that an additional licence condition is met."""

    condition = models.ForeignKey(
        LicenceCondition,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("condition"),
    )
    text = models.TextField(_("what you did"), max_length=LONG_TEXT)
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("document"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("condition evidence")
        verbose_name_plural = _("condition evidence")

    def __str__(self):
        return f"{self.condition}: {self.text[:40]}"


class ConditionReminder(models.Model):
    """One condition deadline email, recorded so that running the daily job twice sends it once."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Due soon")
        OVERDUE = "overdue", _("Overdue")

    condition = models.ForeignKey(
        LicenceCondition,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("condition"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    due_date = models.DateField(_("due date reminded"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("condition reminder")
        verbose_name_plural = _("condition reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["condition", "kind", "due_date"], name="one_condition_reminder_per_due_date"
            )
        ]

    def __str__(self):
        return f"{self.condition} {self.kind} {self.due_date}"
