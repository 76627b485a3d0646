"""Concerns about labour providers reported by the public, and what reporters add later."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT, SHORT_TEXT
from licensing.models import random_code, refusal_message
from registry.models import LabourProvider


def concern_reference() -> str:
    """A reference the reporter keeps to follow up: random, so nobody can guess another's."""
    code = random_code(8)
    return f"C-{code[:4]}-{code[4:]}"


def normalise_concern_reference(text: str) -> str:
    """Accept what people type: lower case, spaces, missing dashes, O for 0, I or L for 1."""
    text = (text or "").upper().replace("-", "").replace(" ", "")
    if text.startswith("C"):
        text = text[1:]
    text = text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(text) != 8:
        return ""
    return f"C-{text[:4]}-{text[4:]}"


class Concern(ConcurrentTransitionMixin, models.Model):
    """A concern about a labour provider reported by a member of the public, anonymously
    unless the reporter chooses to leave contact details."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        INSPECTION_OPENED = "inspection_opened", _("Inspection opened")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        UNDECIDED = "", _("Not yet decided")
        UPHELD = "upheld", _("Upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    reference = models.CharField(_("reference"), max_length=11, unique=True, editable=False)
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("labour provider"),
        help_text=_("Linked by staff when the provider is identified."),
    )
    provider_name_given = models.CharField(
        _("provider named by the reporter"), max_length=200, blank=True
    )
    description = models.TextField(_("what happened"), max_length=LONG_TEXT)
    is_unlicensed_activity = models.BooleanField(
        _("unlicensed activity"),
        default=False,
        help_text=_("The business named is not licensed: the office investigates it."),
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    reported_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    contact_name = models.CharField(
        _("reporter's name"), max_length=200, blank=True, help_text=_("Personal data.")
    )
    contact_email = models.EmailField(
        _("reporter's email"), blank=True, help_text=_("Personal data.")
    )
    contact_phone = models.CharField(
        _("reporter's phone"), max_length=40, blank=True, help_text=_("Personal data.")
    )
    state = FSMField(
        _("status"), default=State.RECEIVED, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    outcome_decided_at = models.DateTimeField(_("outcome decided"), null=True, blank=True)
    assessment = models.TextField(_("assessment notes"), blank=True, max_length=LONG_TEXT)
    closed_reason = models.TextField(_("reason for closing"), blank=True, max_length=SHORT_TEXT)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_concerns",
        verbose_name=_("assigned to"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The mailbox's secret phrase, shown to the reporter once; only its keyed hash is kept.
    phrase_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        permissions = [
            ("triage_concern", _("Can assess concerns, open inspections from them and close them")),
            ("view_reporter_identity", _("Can see who reported a concern")),
        ]
        indexes = [models.Index(fields=["provider", "outcome", "outcome_decided_at"])]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = concern_reference()
        super().save(*args, **kwargs)

    @property
    def has_contact_details(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    @refusal_message(_("Say why the concern is closed."))
    def has_closed_reason(self) -> bool:
        return bool(self.closed_reason.strip())

    @refusal_message(_("Link the concern to a labour provider first."))
    def has_provider(self) -> bool:
        return self.provider_id is not None

    @transition(field=state, source=State.RECEIVED, target=State.UNDER_REVIEW)
    def start_review(self):
        """Staff take a received concern into review before deciding what to do with it."""

    @transition(
        field=state,
        source=[State.RECEIVED, State.UNDER_REVIEW],
        target=State.INSPECTION_OPENED,
        conditions=[has_provider],
    )
    def open_inspection(self):
        """A concern about an identified provider can lead to a complaint-led inspection."""

    @transition(
        field=state,
        source=[State.RECEIVED, State.UNDER_REVIEW, State.INSPECTION_OPENED],
        target=State.CLOSED,
        conditions=[has_closed_reason],
    )
    def close(self):
        """A concern is closed with a reason: not within the scheme, not substantiated, or
        dealt with (by an inspection or otherwise)."""
        self.closed_at = timezone.now()


class ConcernUpdate(models.Model):
    """Further information on a concern: from the reporter (by reference) or a staff note."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="updates", verbose_name=_("concern")
    )
    text = models.TextField(_("information"), max_length=LONG_TEXT)
    from_reporter = models.BooleanField(_("from the reporter"), default=False)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("update on a concern")
        verbose_name_plural = _("updates on concerns")

    def __str__(self):
        return f"{self.concern.reference} {self.created_at:%Y-%m-%d}"
