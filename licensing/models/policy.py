"""The regulator's policy figures and lookup data: fee bands and public holidays."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class LicensingPolicy(BaseGenericSetting):
    """The regulator's policy figures; administrators change them in the Wagtail admin."""

    licence_validity_days = models.PositiveIntegerField(_("licence validity (days)"), default=365)
    first_reminder_days = models.PositiveIntegerField(
        _("first renewal reminder (days before expiry)"), default=42
    )
    second_reminder_days = models.PositiveIntegerField(
        _("second renewal reminder (days before expiry)"), default=21
    )
    application_target_days = models.PositiveIntegerField(
        _("application decision target (days)"),
        default=65,
        help_text=_("From tasking an application inspection (or from submission) to a decision."),
    )
    compliance_target_working_days = models.PositiveIntegerField(
        _("compliance case target (working days)"), default=155
    )
    pre_appeal_days = models.PositiveIntegerField(
        _("pre-appeal window after a refusal (days)"), default=10
    )
    appeal_working_days = models.PositiveIntegerField(_("appeal window (working days)"), default=20)
    immediate_revocation_appeal_working_days = models.PositiveIntegerField(
        _("appeal window after a revocation with immediate effect (working days)"), default=10
    )
    change_notification_working_days = models.PositiveIntegerField(
        _("deadline to notify changes (working days)"), default=20
    )
    fail_threshold_points = models.PositiveIntegerField(
        _("points at which an inspection fails"), default=30
    )
    four_eyes_decisions = models.BooleanField(
        _("four eyes on decisions"),
        default=True,
        help_text=_(
            "Grants, refusals, suspensions and revocations are decided by somebody other than "
            "the person who assessed the case or recommended the decision."
        ),
    )
    application_inspection_required = models.BooleanField(
        _("new licences need an application inspection"),
        default=True,
        help_text=_(
            "A new licence is granted only after an approved application inspection, or when a "
            "decision maker recorded why the inspection is waived."
        ),
    )

    class Meta:
        verbose_name = _("licensing policy")


class FeeBand(models.Model):
    """A fee band by gross annual turnover in the regulated sectors."""

    code = models.CharField(_("band"), max_length=4, unique=True)
    min_turnover = models.DecimalField(
        _("turnover from"), max_digits=14, decimal_places=2, help_text=_("Inclusive.")
    )
    max_turnover = models.DecimalField(
        _("turnover below"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Exclusive; empty for the top band."),
    )
    application_fee = models.DecimalField(
        _("application or annual renewal fee"), max_digits=10, decimal_places=2
    )
    inspection_fee = models.DecimalField(
        _("inspection fee (new applications only)"), max_digits=10, decimal_places=2
    )
    currency = models.CharField(_("currency"), max_length=3, default="GBP")

    class Meta:
        ordering = ["-min_turnover"]
        verbose_name = _("fee band")
        verbose_name_plural = _("fee bands")

    def __str__(self):
        return _("Band %(code)s") % {"code": self.code}

    @classmethod
    def for_turnover(cls, turnover: Decimal) -> "FeeBand":
        band = (
            cls.objects.filter(min_turnover__lte=turnover)
            .filter(models.Q(max_turnover__isnull=True) | models.Q(max_turnover__gt=turnover))
            .order_by("-min_turnover")
            .first()
        )
        if band is None:
            raise FeeBand.DoesNotExist(f"No fee band covers a turnover of {turnover}")
        return band


class Holiday(models.Model):
    """A public holiday: not a working day for deadlines."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self):
        return f"{self.date:%d %b %Y} {self.name}"
