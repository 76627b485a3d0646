"""Remedy for workers: the codes on the slips workers use to say whether they were repaid,
the reminders of repayment orders, and the anonymous mailbox of a concern."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT
from inspections.models.concerns import Concern
from inspections.models.fee_violations import FeeViolation
from inspections.models.inspections import evidence_upload_path
from licensing.models import private_storage

# No 0/O, 1/I/L, 5/S or 2/Z: a worker copies the code from paper, perhaps by phone light.
CODE_ALPHABET = "346789ABCDEFGHJKMNPQRTUVWXY"
WORKER_CODE_LENGTH = 10
PHRASE_GROUPS = 4


def secret_hash(secret: str) -> str:
    """A keyed hash of a code or phrase: lookups work, a stolen table does not reveal them."""
    normalised = "".join(ch for ch in (secret or "").upper() if ch.isalnum())
    return hmac.new(
        settings.SECRET_KEY.encode(), f"remedy:{normalised}".encode(), hashlib.sha256
    ).hexdigest()


def new_worker_code() -> str:
    """Ten characters from 27: about 47 bits, so codes cannot be guessed at the rate limit."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(WORKER_CODE_LENGTH))
    return f"{code[:5]}-{code[5:]}"


def new_phrase() -> str:
    """The mailbox's secret phrase: four groups of four, about 76 bits."""
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(PHRASE_GROUPS)
    )


class WorkerCode(models.Model):
    """One worker's slip for a repayment order: the code (kept hashed) lets that worker, and
    nobody else, see their own amount and say whether they were repaid. No name is kept."""

    class Answer(models.TextChoices):
        NONE = "", _("No answer yet")
        REPAID = "repaid", _("I was repaid")
        NOT_REPAID = "not_repaid", _("I was not repaid")
        ASKED_BACK = "asked_back", _("I was asked to pay it back")

    DISPUTES = [Answer.NOT_REPAID, Answer.ASKED_BACK]

    violation = models.ForeignKey(
        FeeViolation,
        on_delete=models.PROTECT,
        related_name="worker_codes",
        verbose_name=_("violation"),
    )
    number = models.PositiveIntegerField(_("slip number"))
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    amount = models.DecimalField(_("amount owed to the worker"), max_digits=14, decimal_places=2)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    withdrawn = models.BooleanField(
        _("withdrawn"), default=False, help_text=_("Replaced by a newer slip.")
    )
    answer = models.CharField(
        _("worker's answer"), max_length=20, choices=Answer.choices, blank=True, default=""
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    concern = models.ForeignKey(
        Concern,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concern opened"),
    )

    class Meta:
        ordering = ["violation", "number", "pk"]
        verbose_name = _("worker's repayment slip")
        verbose_name_plural = _("workers' repayment slips")

    def __str__(self):
        return f"{self.violation_id}/{self.number}"


class OrderReminder(models.Model):
    """A reminder sent about a repayment order; one per kind and deadline, so the daily job
    never sends one twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("Deadline near")
        OVERDUE = "overdue", _("Deadline passed")

    violation = models.ForeignKey(FeeViolation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    deadline = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["violation", "kind", "deadline"], name="one_order_reminder_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.violation_id} {self.kind} {self.deadline}"


class ConcernMessage(models.Model):
    """A message in a concern's anonymous mailbox: a question from staff or the reporter's
    answer. Nothing about the reporter's connection or browser is kept."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="messages", verbose_name=_("concern")
    )
    from_reporter = models.BooleanField(_("from the reporter"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    text = models.TextField(_("message"), blank=True, max_length=LONG_TEXT)
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to=evidence_upload_path, blank=True
    )
    photo_type = models.CharField(max_length=50, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("mailbox message")
        verbose_name_plural = _("mailbox messages")

    def __str__(self):
        return f"{self.concern.reference} {self.created_at:%Y-%m-%d %H:%M}"
