"""Licence applications: new licences, renewals, changes of circumstances and surrenders."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT, SHORT_TEXT
from licensing import fast_track
from licensing.models.base import random_code, refusal_message
from licensing.models.policy import FeeBand
from registry.models import LabourProvider


class Application(ConcurrentTransitionMixin, models.Model):
    class Kind(models.TextChoices):
        NEW = "new", _("New licence")
        RENEWAL = "renewal", _("Renewal")
        CHANGE = "change", _("Change of circumstances")
        CHANGE_OF_PA = "change_of_pa", _("Change of Principal Authority")
        SURRENDER = "surrender", _("Surrender")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        VALIDATED = "validated", _("Fee received and validated")
        UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
        INSPECTION = "inspection", _("Inspection")
        RETURNED = "returned", _("Returned for more information")
        GRANTED = "granted", _("Granted")
        GRANTED_WITH_CONDITIONS = "granted_with_conditions", _("Granted with conditions")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATES = [
        State.SUBMITTED,
        State.VALIDATED,
        State.UNDER_ASSESSMENT,
        State.INSPECTION,
        State.RETURNED,
    ]
    # Validated and not yet decided: with its fee received, a new application in one of these
    # is listed on the register as pending (a case returned before validation has no fee
    # received, and goes back to submitted, not validated, when answered).
    LISTED_STATES = [State.VALIDATED, State.UNDER_ASSESSMENT, State.INSPECTION, State.RETURNED]
    DECIDED_STATES = [State.GRANTED, State.GRANTED_WITH_CONDITIONS, State.REFUSED]
    WITHDRAWABLE_STATES = [State.DRAFT, *OPEN_STATES]

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEW)
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("labour provider"),
    )
    licence = models.ForeignKey(
        "Licence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("licence"),
        help_text=_("The licence a renewal, change or surrender is about; the one a grant issued."),
    )
    state = FSMField(
        _("state"), default=State.DRAFT, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    declared_turnover = models.DecimalField(
        _("gross annual turnover in the regulated sectors"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    fee_band = models.ForeignKey(
        FeeBand, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("fee band")
    )
    application_fee = models.DecimalField(
        _("application fee"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    inspection_fee = models.DecimalField(
        _("inspection fee"), max_digits=10, decimal_places=2, default=Decimal("0")
    )
    fee_currency = models.CharField(_("currency"), max_length=3, default="GBP")
    fee_received_at = models.DateTimeField(_("fee received"), null=True, blank=True)
    changes = models.JSONField(
        _("changes notified"),
        default=dict,
        blank=True,
        help_text=_("For a change of circumstances: what changes, and when it happened."),
    )
    answers = models.JSONField(
        _("answers"), default=dict, blank=True, help_text=_("The applicant's answers, by step.")
    )
    declaration_accepted_at = models.DateTimeField(_("declaration of truth"), null=True, blank=True)
    requires_inspection = models.BooleanField(_("inspection required"), default=False)
    inspection_tasked_at = models.DateTimeField(_("inspection tasked"), null=True, blank=True)
    inspection_waiver_reason = models.TextField(
        _("why no application inspection is needed"),
        blank=True,
        help_text=_("Recorded by a decision maker; without it a new licence needs an inspection."),
        max_length=SHORT_TEXT,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_applications",
        verbose_name=_("assigned to"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reasons = models.TextField(
        _("reasons for the decision"), blank=True, max_length=LONG_TEXT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("licence application")
        verbose_name_plural = _("licence applications")
        permissions = [
            ("process_application", _("Can validate, assess and return applications")),
            ("decide_application", _("Can grant or refuse applications")),
            ("record_fee", _("Can record that a fee was received")),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self):
        return f"{self.reference} {self.get_kind_display()} — {self.provider}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = "A" + random_code(7)
        super().save(*args, **kwargs)

    # Conditions. Each docstring is the message shown when the condition blocks a transition.

    @refusal_message(_("Complete every step and accept the declaration of truth first."))
    def is_complete(self) -> bool:
        if self.kind in (self.Kind.NEW, self.Kind.RENEWAL):
            return self.declared_turnover is not None and self.declaration_accepted_at is not None
        return self.declaration_accepted_at is not None

    @refusal_message(_("The fee must be received before assessment starts."))
    def fee_is_received(self) -> bool:
        return self.fee_received_at is not None or self.total_fee == 0

    @refusal_message(_("A refusal must state its reasons."))
    def has_decision_reasons(self) -> bool:
        return bool(self.decision_reasons.strip())

    @refusal_message(
        _(
            "Only a renewal by a holder with a clean record for the last licence year "
            "is fast-tracked."
        )
    )
    def qualifies_for_fast_track(self) -> bool:
        return (
            self.kind == self.Kind.RENEWAL
            and self.licence is not None
            and fast_track.eligibility(self.licence).qualifies
        )

    @property
    def total_fee(self) -> Decimal:
        return self.application_fee + self.inspection_fee

    def fee_payment_refusal(self) -> str:
        """Why the fee cannot be paid (or asked for) now, in words for the payer; empty when
        it can. The one rule behind the portal's pay button, the office's payment request and
        the payment services."""
        if self.state == self.State.DRAFT:
            return _("Submit the application first; the fee is fixed on submission.")
        if self.fee_received_at is not None:
            return _("The fee for this application has already been received.")
        if self.total_fee == 0:
            return _("There is no fee to pay for this application.")
        if self.state not in self.OPEN_STATES:
            return _("This application is closed: no fee is due.")
        return ""

    @property
    def fee_outstanding(self) -> bool:
        return not self.fee_payment_refusal()

    # Transitions.

    @transition(field=state, source=State.DRAFT, target=State.SUBMITTED, conditions=[is_complete])
    def submit(self):
        """An applicant submits a complete draft, having accepted the declaration of truth."""
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.VALIDATED,
        conditions=[fee_is_received],
    )
    def validate(self):
        """A licensing officer validates a submitted application once its fee is received."""

    @transition(
        field=state,
        source=State.VALIDATED,
        target=State.UNDER_ASSESSMENT,
        conditions=[fee_is_received],
    )
    def start_assessment(self):
        """Assessment starts only after the fee is received and the application validated."""

    @transition(
        field=state,
        source=State.VALIDATED,
        target=State.GRANTED,
        conditions=[qualifies_for_fast_track],
    )
    def fast_track_renewal(self):
        """A renewal by a holder with no failed standards, no open conditions and no upheld
        complaints in the last licence year is granted without assessment."""
        self.decided_at = timezone.now()

    @transition(field=state, source=State.UNDER_ASSESSMENT, target=State.INSPECTION)
    def require_inspection(self):
        """Inspection is risk-based: the officer tasks one only when the assessment calls for it."""
        self.requires_inspection = True
        self.inspection_tasked_at = timezone.now()

    @transition(field=state, source=State.INSPECTION, target=State.UNDER_ASSESSMENT)
    def complete_inspection(self):
        """An approved inspection report returns the case to the licensing officer to decide."""

    @transition(
        field=state,
        source=[State.SUBMITTED, State.VALIDATED, State.UNDER_ASSESSMENT],
        target=State.RETURNED,
    )
    def return_for_information(self):
        """Staff return an application to the applicant when they need more information."""

    @transition(
        field=state,
        source=State.RETURNED,
        target=RETURN_VALUE(State.SUBMITTED, State.VALIDATED),
    )
    def resubmit(self):
        """The applicant answers and resubmits; a case whose fee was already received goes
        straight back to validated so that nobody asks for the fee again."""
        return self.State.VALIDATED if self.fee_received_at else self.State.SUBMITTED

    @transition(field=state, source=State.UNDER_ASSESSMENT, target=State.GRANTED)
    def grant(self):
        """A licensing officer grants the application after assessment."""
        self.decided_at = timezone.now()

    @transition(field=state, source=State.UNDER_ASSESSMENT, target=State.GRANTED_WITH_CONDITIONS)
    def grant_with_conditions(self):
        """A licensing officer grants with additional licence conditions (one per failed
        standard)."""
        self.decided_at = timezone.now()

    @transition(
        field=state,
        source=State.UNDER_ASSESSMENT,
        target=State.REFUSED,
        conditions=[has_decision_reasons],
    )
    def refuse(self):
        """A licensing officer refuses the application and states the reasons."""
        self.decided_at = timezone.now()

    @transition(field=state, source=State.REFUSED, target=State.UNDER_ASSESSMENT)
    def reopen_after_appeal(self):
        """A refusal overturned on pre-appeal or appeal is decided afresh."""
        self.decided_at = None

    @transition(field=state, source=WITHDRAWABLE_STATES, target=State.WITHDRAWN)
    def withdraw(self):
        """The applicant may withdraw at any time before a decision; fees are not refunded."""
