"""What a case carries besides its state: documents, messages, fee payments, certificates."""

import re

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT
from licensing.models.applications import Application
from licensing.models.base import private_storage, private_upload_path, random_code
from licensing.models.licences import Licence, LicenceCondition
from registry.models import LabourProvider


class Document(models.Model):
    """A file an applicant or staff member attached to a case. Never publicly served."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("Identity document")
        COMPANY = "company", _("Company registration")
        TAX = "tax", _("Tax registration")
        CONTRACT = "contract", _("Workers' contract or labour-user agreement")
        EVIDENCE = "evidence", _("Evidence for a condition")
        OTHER = "other", _("Other")

    provider = models.ForeignKey(LabourProvider, on_delete=models.CASCADE, related_name="documents")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    condition = models.ForeignKey(
        LicenceCondition, on_delete=models.CASCADE, null=True, blank=True, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("file"), storage=private_storage, upload_to=private_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.original_name


class CaseMessage(models.Model):
    """A message between the regulator and the applicant, kept with the case."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(_("from"), max_length=200)
    from_regulator = models.BooleanField(_("from the regulator"), default=False)
    is_information_request = models.BooleanField(_("request for information"), default=False)
    body = models.TextField(_("message"), max_length=LONG_TEXT)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("case message")
        verbose_name_plural = _("case messages")

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"


class FeePayment(ConcurrentTransitionMixin, models.Model):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        TEST = "test", _("Test payment (development only)")

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting payment")
        RECEIVED = "received", _("Received")
        CANCELLED = "cancelled", _("Cancelled")

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    reference = models.CharField(_("payment reference"), max_length=20, unique=True)
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, default="GBP")
    state = FSMField(_("status"), default=State.PENDING, choices=State.choices, protected=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("fee payment")
        verbose_name_plural = _("fee payments")

    def __str__(self):
        return f"{self.reference} {self.amount} {self.currency}"

    @transition(field=state, source=State.PENDING, target=State.RECEIVED)
    def mark_received(self):
        """Staff (or the payment provider) confirm the money arrived; fees are non-refundable."""
        self.received_at = timezone.now()

    @transition(field=state, source=State.PENDING, target=State.CANCELLED)
    def cancel(self):
        """An unpaid payment request is cancelled, for example when the application is withdrawn."""


class Certificate(models.Model):
    """An issued licence certificate; its code is random and stored, so a made-up one fails."""

    licence = models.ForeignKey(Licence, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=12, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    valid_until = models.DateField(_("valid until"))

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("licence certificate")
        verbose_name_plural = _("licence certificates")

    def __str__(self):
        return self.display_code

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = random_code(12)
        super().save(*args, **kwargs)

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @staticmethod
    def normalise_code(text: str) -> str:
        # Only letters and digits can be part of a code: dashes, spaces and anything else
        # typed or pasted (a NUL byte included, which PostgreSQL refuses) are dropped.
        text = re.sub(r"[^0-9A-Z]", "", (text or "").upper())
        return text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
