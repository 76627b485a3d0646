"""Watches: employers and others who get an email when a provider's public record changes.

Nobody signs in: the secret tokens in the emailed links are the only keys. The provider is
never told who watches it, and watches are in no audit trail that staff or providers read.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from registry.models import LabourProvider


def _token() -> str:
    return secrets.token_urlsafe(24)


class Watcher(models.Model):
    """Somebody (usually an employer) who gets emails about providers they watch.

    No account: the secret token in every email's links is the only key to their watches.
    The provider is never told who watches it.
    """

    email = models.EmailField(_("email"), unique=True, help_text=_("Stored in lower case."))
    token = models.CharField(_("secret link token"), max_length=40, unique=True, default=_token)
    language = models.CharField(_("language"), max_length=10, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("watcher")
        verbose_name_plural = _("watchers")

    def __str__(self):
        return self.email


class Watch(models.Model):
    """One provider one watcher follows; alerts go out only once the watcher confirmed it."""

    watcher = models.ForeignKey(
        Watcher, on_delete=models.CASCADE, related_name="watches", verbose_name=_("watcher")
    )
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("labour provider"),
    )
    confirmation_token = models.CharField(
        _("confirmation token"), max_length=40, db_index=True, default=_token
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [models.UniqueConstraint(fields=["watcher", "provider"], name="unique_watch")]
        indexes = [
            models.Index(fields=["provider", "confirmed_at"], name="watch_provider_confirmed")
        ]

    def __str__(self):
        return f"{self.watcher} → {self.provider}"


class WatchDelivery(models.Model):
    """That an alert about one public audit entry went to one watch: never twice."""

    watch = models.ForeignKey(
        Watch, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("watch")
    )
    entry_id = models.PositiveBigIntegerField(_("audit entry"))
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        verbose_name = _("watch alert")
        verbose_name_plural = _("watch alerts")
        constraints = [
            models.UniqueConstraint(fields=["watch", "entry_id"], name="unique_watch_delivery")
        ]

    def __str__(self):
        return f"{self.watch_id}:{self.entry_id}"


class WatchCursor(models.Model):
    """The last public audit entry the alert run has looked at (a single row)."""

    last_entry_id = models.PositiveBigIntegerField(_("last audit entry processed"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("watch alert cursor")

    def __str__(self):
        return str(self.last_entry_id)


class ReceiptImmutable(Exception):
    """A receipt is evidence: once written it is never changed or removed."""


class Receipt(models.Model):
    """What somebody asked the register, what it answered and when: the evidence a buyer
    shows an auditor. Written once and never changed (the database refuses it too).

    Nothing about who asked is stored (no address, account or key), and the provider is
    never told that a receipt exists.
    """

    class Kind(models.TextChoices):
        RECORD = "record", _("Register record (PDF)")
        BULK_CHECK = "bulk_check", _("Bulk check")
        LICENCE_LOOKUP = "licence_lookup", _("Licence lookup")
        CERTIFICATE_CHECK = "certificate_check", _("Certificate check")
        EXCLUSION_LOOKUP = "exclusion_lookup", _("Exclusion lookup")

    code = models.CharField(_("receipt code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    asked = models.JSONField(_("what was asked"), default=dict)
    answer = models.JSONField(_("the answer, as given"), default=dict)
    # The licences the answer spoke about and their status then, for "today it is…".
    subjects = models.JSONField(_("licences in the answer"), default=list)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("due-diligence receipt")
        verbose_name_plural = _("due-diligence receipts")

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ReceiptImmutable("receipts are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ReceiptImmutable("receipts are append-only")


@register_setting(icon="cog")
class ExclusionPolicy(BaseGenericSetting):
    """How long a refused or revoked provider's new application will be refused, as
    published in the exclusion data. Seed values: the administrator sets the regulator's."""

    refusal_bar_months = models.PositiveSmallIntegerField(
        _("after a refusal (months)"),
        default=6,
        help_text=_("0 when a refused provider may apply again at once."),
    )
    revocation_bar_months = models.PositiveSmallIntegerField(
        _("after a revocation (months)"),
        default=12,
        help_text=_("Counted from the date the revocation took effect."),
    )

    class Meta:
        verbose_name = _("exclusion policy")


class ExclusionLink(models.Model):
    """A link staff confirmed between a refused or revoked provider and another provider
    (a successor or associate, as with phoenix companies) or a named individual involved.
    Published with the exclusion once confirmed; withdrawn, never deleted."""

    class Kind(models.TextChoices):
        SUCCESSOR = "successor", _("Successor provider")
        ASSOCIATED = "associated", _("Associated provider")
        INDIVIDUAL = "individual", _("Named individual involved")

    decision = models.ForeignKey(
        "licensing.AdverseDecision",
        on_delete=models.PROTECT,
        related_name="exclusion_links",
        verbose_name=_("refusal or revocation"),
    )
    kind = models.CharField(_("kind of link"), max_length=20, choices=Kind.choices)
    linked_provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("linked provider"),
    )
    person = models.ForeignKey(
        "registry.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("named individual"),
    )
    role = models.CharField(
        _("role"), max_length=100, blank=True, help_text=_("For example director, PA.")
    )
    public_note = models.CharField(
        _("public note"),
        max_length=300,
        blank=True,
        help_text=_("Published: the facts behind the link, without personal details."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("exclusion link")
        verbose_name_plural = _("exclusion links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="individual", person__isnull=False, linked_provider=None)
                    | (
                        ~models.Q(kind="individual")
                        & models.Q(person=None, linked_provider__isnull=False)
                    )
                ),
                name="exclusion_link_has_one_target",
            )
        ]

    def __str__(self):
        return f"{self.decision_id} → {self.linked_provider_id or self.person_id}"
