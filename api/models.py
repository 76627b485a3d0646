"""API keys, the public changes sequence and webhook subscriptions.

The public changes feed and the webhooks read ``licensing.AuditEntry`` rows
marked public, in the order of ``PublicChange.position``: a number given to
each entry only after its transaction committed, by one sequencer at a time
(see ``api.changes``), so that a reader never sees position n+1 before n.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from licensing.models import AuditEntry
from registry.models import LabourProvider

KEY_PREFIX_LENGTH = 8


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiKey(models.Model):
    """A key issued by an administrator to a system that needs a higher rate limit.

    Only a hash is stored: the key is shown once, when it is issued.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is used for."))
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_email = models.EmailField(_("contact email"), blank=True)
    prefix = models.CharField(
        _("key prefix"),
        max_length=KEY_PREFIX_LENGTH,
        editable=False,
        help_text=_("The first characters of the key, to recognise it."),
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    limit_per_minute = models.PositiveIntegerField(_("requests per minute"), default=600)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.organisation}: {self.name} ({self.prefix}…)"

    @classmethod
    def new_raw_key(cls) -> str:
        return secrets.token_urlsafe(32)

    def set_key(self, raw_key: str) -> None:
        self.prefix = raw_key[:KEY_PREFIX_LENGTH]
        self.key_hash = hash_key(raw_key)


class PublicChange(models.Model):
    """The commit-ordered position of a public audit entry in the changes feed."""

    position = models.BigAutoField(_("position"), primary_key=True)
    entry = models.OneToOneField(
        AuditEntry,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="public_change",
        verbose_name=_("audit entry"),
    )
    sequenced_at = models.DateTimeField(_("sequenced"), default=timezone.now)

    class Meta:
        ordering = ["position"]
        verbose_name = _("public change")
        verbose_name_plural = _("public changes")

    def __str__(self):
        return f"#{self.position} {self.entry_id}"


class WebhookSubscription(models.Model):
    """An organisation's address that receives signed posts when watched licences change."""

    organisation = models.CharField(_("organisation"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=secrets.token_hex,
        help_text=_("Shared with the organisation; signs every post (HMAC-SHA256)."),
    )
    watch_all = models.BooleanField(
        _("all providers"), default=False, help_text=_("Receive every public change.")
    )
    providers = models.ManyToManyField(
        LabourProvider,
        blank=True,
        related_name="+",
        verbose_name=_("watched providers"),
        help_text=_("Used when “all providers” is not ticked."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_position = models.BigIntegerField(
        _("last change queued"),
        default=0,
        editable=False,
        help_text=_("Position in the public changes feed up to which posts are queued."),
    )
    created_at = models.DateTimeField(_("registered"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["organisation"]
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")

    def __str__(self):
        return f"{self.organisation} → {self.url}"


class WebhookDelivery(ConcurrentTransitionMixin, models.Model):
    """One change posted (or to be posted) to one subscription, with its attempts."""

    MAX_ATTEMPTS = 8
    FIRST_RETRY_SECONDS = 30

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Gave up")

    subscription = models.ForeignKey(
        WebhookSubscription,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("subscription"),
    )
    change = models.ForeignKey(
        PublicChange, on_delete=models.CASCADE, related_name="+", verbose_name=_("change")
    )
    payload = models.JSONField(_("payload"))
    state = FSMField(
        _("status"), default=State.PENDING, choices=State.choices, protected=True, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    status_code = models.PositiveIntegerField(_("response status"), null=True, blank=True)
    response_snippet = models.TextField(
        _("response (first 500 characters)"), blank=True, max_length=500
    )
    created_at = models.DateTimeField(_("queued"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "change"], name="one_delivery_per_change"
            )
        ]

    def __str__(self):
        return f"{self.subscription} #{self.change_id} ({self.get_state_display()})"

    def _record_attempt(self, status_code, response_snippet):
        self.attempts += 1
        self.last_attempt_at = timezone.now()
        self.status_code = status_code
        self.response_snippet = (response_snippet or "")[:500]

    @transition(field=state, source=State.PENDING, target=State.DELIVERED)
    def delivered(self, *, status_code: int, response_snippet: str):
        """A 2xx answer from the subscriber's address means the post was received."""
        self._record_attempt(status_code, response_snippet)

    @transition(field=state, source=State.PENDING, target=State.PENDING)
    def retry_later(self, *, status_code: int | None, response_snippet: str):
        """A failed post is tried again after an exponentially growing wait (30 s, 1 min,
        2 min, …) so that a subscriber's short outage loses nothing."""
        self._record_attempt(status_code, response_snippet)
        wait = self.FIRST_RETRY_SECONDS * 2 ** (self.attempts - 1)
        self.next_attempt_at = self.last_attempt_at + timedelta(seconds=wait)

    @transition(field=state, source=State.PENDING, target=State.FAILED)
    def give_up(self, *, status_code: int | None, response_snippet: str):
        """After MAX_ATTEMPTS failed posts (about two hours) the delivery is abandoned and
        stays in the log; the subscriber can catch up from the changes feed."""
        self._record_attempt(status_code, response_snippet)
