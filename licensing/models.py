"""Licence applications, licences, conditions, appeals and the audit trail.

States change only through django-fsm transitions, called by the service
functions in ``licensing.services``; each transition's docstring states the
business rule it enforces. State fields are protected: assigning one raises.
"""

import re
import secrets
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import (
    RETURN_VALUE,
    ConcurrentTransitionMixin,
    FSMField,
    transition,
)
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from registry.models import LabourProvider

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def refusal_message(message):
    """Attach the message shown to a user when this transition condition is not met."""

    def decorate(condition):
        condition.refusal_message = message
        return condition

    return decorate


def random_code(length: int) -> str:
    """A random code in Crockford's base32: no I, L, O or U to misread."""
    return "".join(secrets.choice(CROCKFORD) for _ in range(length))


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
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
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
        from licensing.selectors import fast_track_eligibility

        return (
            self.kind == self.Kind.RENEWAL
            and self.licence is not None
            and fast_track_eligibility(self.licence).qualifies
        )

    @property
    def total_fee(self) -> Decimal:
        return self.application_fee + self.inspection_fee

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


class LicenceQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(state__in=Licence.IN_FORCE_STATES)


class Licence(ConcurrentTransitionMixin, models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        ACTIVE_WITH_CONDITIONS = "active_with_conditions", _("Active with additional conditions")
        SUSPENDED = "suspended", _("Suspended")
        REVOKED = "revoked", _("Revoked")
        SURRENDERED = "surrendered", _("Surrendered")
        EXPIRED = "expired", _("Expired")

    IN_FORCE_STATES = [State.ACTIVE, State.ACTIVE_WITH_CONDITIONS, State.SUSPENDED]
    HOLDING_STATES = [State.ACTIVE, State.ACTIVE_WITH_CONDITIONS]

    urn = models.CharField(_("licence number"), max_length=8, unique=True)
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        related_name="licences",
        verbose_name=_("licence holder"),
    )
    state = FSMField(
        _("status"), default=State.ACTIVE, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    granted_on = models.DateField(_("granted on"))
    expires_on = models.DateField(_("expires on"), db_index=True)
    last_renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    suspended_on = models.DateField(_("suspended on"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    surrendered_on = models.DateField(_("surrendered on"), null=True, blank=True)
    expired_on = models.DateField(_("expired on"), null=True, blank=True)
    ended_reason = models.TextField(_("reason the licence ended or was suspended"), blank=True)
    first_reminder_sent_for = models.DateField(
        _("first reminder sent for expiry on"), null=True, blank=True, editable=False
    )
    second_reminder_sent_for = models.DateField(
        _("second reminder sent for expiry on"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LicenceQuerySet.as_manager()

    class Meta:
        ordering = ["urn"]
        verbose_name = _("licence")
        verbose_name_plural = _("licences")
        permissions = [
            ("manage_licence", _("Can suspend, revoke, reinstate and expire licences")),
            ("manage_conditions", _("Can add licence conditions and record that they are met")),
        ]

    def __str__(self):
        return f"{self.urn} {self.provider}"

    @property
    def is_in_force(self) -> bool:
        return self.state in self.IN_FORCE_STATES

    @refusal_message(_("Every additional licence condition must be met first."))
    def has_no_open_conditions(self) -> bool:
        return not self.conditions.filter(state=LicenceCondition.State.OPEN).exists()

    @refusal_message(
        _(
            "A revocation takes effect only when its appeal window has closed without an appeal, "
            "or the appeal was dismissed."
        )
    )
    def revocation_is_due(self) -> bool:
        return self.decisions.filter(
            kind=AdverseDecision.Kind.REVOCATION, state=AdverseDecision.State.DUE
        ).exists()

    def conditions_state(self):
        return (
            self.State.ACTIVE_WITH_CONDITIONS
            if self.conditions.filter(state=LicenceCondition.State.OPEN).exists()
            else self.State.ACTIVE
        )

    @transition(
        field=state,
        source=[State.ACTIVE, State.ACTIVE_WITH_CONDITIONS],
        target=State.ACTIVE_WITH_CONDITIONS,
    )
    def impose_conditions(self):
        """Additional licence conditions can be added to a licence in force and not suspended."""

    @transition(
        field=state,
        source=State.ACTIVE_WITH_CONDITIONS,
        target=State.ACTIVE,
        conditions=[has_no_open_conditions],
    )
    def conditions_all_met(self):
        """Once every condition is met the licence is active without conditions."""

    @transition(
        field=state, source=[State.ACTIVE, State.ACTIVE_WITH_CONDITIONS], target=State.SUSPENDED
    )
    def suspend(self):
        """A licence in force can be suspended while serious concerns are investigated."""
        self.suspended_on = timezone.localdate()

    @transition(
        field=state,
        source=State.SUSPENDED,
        target=RETURN_VALUE(State.ACTIVE, State.ACTIVE_WITH_CONDITIONS),
    )
    def lift_suspension(self):
        """Lifting a suspension restores the licence, with its open conditions if it has any."""
        self.suspended_on = None
        return self.conditions_state()

    @transition(field=state, source=IN_FORCE_STATES, target=State.REVOKED)
    def revoke_with_immediate_effect(self):
        """A revocation with immediate effect applies at once (appeal within 10 working days)."""
        self.revoked_on = timezone.localdate()

    @transition(
        field=state, source=IN_FORCE_STATES, target=State.REVOKED, conditions=[revocation_is_due]
    )
    def revocation_takes_effect(self):
        """A revocation without immediate effect applies when its appeal window closes without
        an appeal, or when the appeal is dismissed; until then the licence stays in force."""
        self.revoked_on = timezone.localdate()

    @transition(
        field=state,
        source=State.REVOKED,
        target=RETURN_VALUE(State.ACTIVE, State.ACTIVE_WITH_CONDITIONS),
    )
    def reinstate(self):
        """An appeal allowed against a revocation restores the licence."""
        self.revoked_on = None
        return self.conditions_state()

    @transition(field=state, source=IN_FORCE_STATES, target=State.SURRENDERED)
    def surrender(self):
        """The holder may surrender a licence in force; it cannot be transferred."""
        self.surrendered_on = timezone.localdate()

    @transition(field=state, source=IN_FORCE_STATES, target=State.EXPIRED)
    def expire(self):
        """A licence expires when it is not renewed by its expiry date, or at once when the
        company number or tax reference changes or the company is dissolved."""
        self.expired_on = timezone.localdate()

    @transition(field=state, source=HOLDING_STATES, target=RETURN_VALUE(*HOLDING_STATES))
    def renew(self, *, validity_days: int):
        """A renewal granted before expiry extends the licence by one licence year."""
        today = timezone.localdate()
        self.expires_on = max(self.expires_on, today) + timedelta(days=validity_days)
        self.last_renewed_on = today
        return self.state


class LicenceCondition(ConcurrentTransitionMixin, models.Model):
    """An additional licence condition (ALC): breaching one can lead to revocation."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        MET = "met", _("Met")
        BREACHED = "breached", _("Breached")

    licence = models.ForeignKey(
        Licence, on_delete=models.CASCADE, related_name="conditions", verbose_name=_("licence")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conditions",
        verbose_name=_("imposed on the decision on"),
    )
    standard_code = models.CharField(_("licensing standard"), max_length=10, blank=True)
    standard_title = models.CharField(_("standard title"), max_length=200, blank=True)
    text = models.TextField(_("condition"))
    due_date = models.DateField(_("due date"), db_index=True)
    state = FSMField(_("status"), default=State.OPEN, choices=State.choices, protected=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("additional licence condition")
        verbose_name_plural = _("additional licence conditions")

    def __str__(self):
        code = f"{self.standard_code}: " if self.standard_code else ""
        return f"{code}{self.text[:60]}"

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OPEN and self.due_date < timezone.localdate()

    @transition(field=state, source=State.OPEN, target=State.MET)
    def mark_met(self):
        """A licensing officer records a condition as met once the evidence satisfies them."""
        self.resolved_on = timezone.localdate()

    @transition(field=state, source=State.OPEN, target=State.BREACHED)
    def mark_breached(self):
        """A condition not met by its due date is breached, which can lead to revocation."""
        self.resolved_on = timezone.localdate()


class AdverseDecision(ConcurrentTransitionMixin, models.Model):
    """A refusal or revocation, with its pre-appeal and appeal windows."""

    class Kind(models.TextChoices):
        REFUSAL = "refusal", _("Refusal")
        REVOCATION = "revocation", _("Revocation")

    class State(models.TextChoices):
        APPEALABLE = "appealable", _("Appeal window open")
        UNDER_APPEAL = "under_appeal", _("Under appeal")
        DUE = "due", _("To take effect")
        FINAL = "final", _("Final")
        REVERSED = "reversed", _("Reversed on appeal")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("application"),
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("licence"),
    )
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        related_name="adverse_decisions",
        verbose_name=_("labour provider"),
    )
    immediate_effect = models.BooleanField(_("with immediate effect"), default=False)
    reasons = models.TextField(_("reasons"))
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    pre_appeal_deadline = models.DateField(_("pre-appeal deadline"), null=True, blank=True)
    appeal_deadline = models.DateField(_("appeal deadline"))
    state = FSMField(
        _("status"), default=State.APPEALABLE, choices=State.choices, protected=True, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["-decided_on", "-pk"]
        verbose_name = _("refusal or revocation")
        verbose_name_plural = _("refusals and revocations")

    def __str__(self):
        return f"{self.get_kind_display()} of {self.provider} on {self.decided_on}"

    @refusal_message(_("The appeal window has not closed yet."))
    def appeal_window_closed(self) -> bool:
        return timezone.localdate() > self.appeal_deadline

    @transition(
        field=state, source=[State.APPEALABLE, State.DUE, State.FINAL], target=State.UNDER_APPEAL
    )
    def appeal_lodged(self):
        """An appeal lodged in time, or a late appeal the tribunal admitted (even after the
        decision became final), puts the decision under appeal until the appeal is decided."""

    @transition(
        field=state,
        source=State.APPEALABLE,
        target=RETURN_VALUE(State.DUE, State.FINAL),
        conditions=[appeal_window_closed],
    )
    def window_closed(self):
        """With no appeal by the deadline, a revocation without immediate effect becomes due;
        any other decision becomes final."""
        return self._final_or_due()

    @transition(field=state, source=State.UNDER_APPEAL, target=RETURN_VALUE(State.DUE, State.FINAL))
    def appeal_dismissed(self):
        """A dismissed appeal lets the decision take effect."""
        return self._final_or_due()

    @transition(
        field=state,
        source=State.UNDER_APPEAL,
        target=RETURN_VALUE(State.APPEALABLE, State.DUE, State.FINAL),
    )
    def appeal_withdrawn(self):
        """A withdrawn appeal leaves the decision as if no appeal was lodged."""
        if timezone.localdate() <= self.appeal_deadline:
            return self.State.APPEALABLE
        return self._final_or_due()

    @transition(field=state, source=State.UNDER_APPEAL, target=State.REVERSED)
    def appeal_allowed(self):
        """An appeal allowed reverses the decision."""

    @transition(field=state, source=State.DUE, target=State.FINAL)
    def took_effect(self):
        """A due revocation is final once the licence is revoked."""

    def _final_or_due(self):
        if self.kind == self.Kind.REVOCATION and not self.immediate_effect:
            return self.State.DUE
        return self.State.FINAL


class Appeal(ConcurrentTransitionMixin, models.Model):
    class Kind(models.TextChoices):
        PRE_APPEAL = "pre_appeal", _("Pre-appeal (factual errors)")
        TRIBUNAL = "tribunal", _("Appeal to the tribunal")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        ALLOWED = "allowed", _("Allowed")
        DISMISSED = "dismissed", _("Dismissed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    decision = models.ForeignKey(
        AdverseDecision,
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("decision"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    lodged_on = models.DateField(_("lodged on"))
    is_late = models.BooleanField(_("lodged late"), default=False)
    grounds = models.TextField(_("grounds"), blank=True)
    state = FSMField(_("outcome"), default=State.PENDING, choices=State.choices, protected=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-lodged_on"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"{self.get_kind_display()} against {self.decision}"

    @transition(field=state, source=State.PENDING, target=State.ALLOWED)
    def allow(self):
        """The tribunal (or, on pre-appeal, the regulator) allows the appeal."""
        self.decided_on = timezone.localdate()

    @transition(field=state, source=State.PENDING, target=State.DISMISSED)
    def dismiss(self):
        """The appeal is dismissed and the decision takes effect."""
        self.decided_on = timezone.localdate()

    @transition(field=state, source=State.PENDING, target=State.WITHDRAWN)
    def withdraw(self):
        """The appellant withdraws the appeal."""
        self.decided_on = timezone.localdate()


def private_upload_path(instance, filename):
    # A random name: the original is kept in the database, never in the path.
    return f"documents/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}"


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


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
    body = models.TextField(_("message"))
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


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted")


class AuditEntry(models.Model):
    """Append-only record of every state change and decision.

    The actor's display name is copied so that entries outlive the account.
    Foreign keys carry no database constraint and never cascade: nothing may
    change or remove an entry (database triggers enforce it too).
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (at the time)"), max_length=200)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("record type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record id"))
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="audit_entries",
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="audit_entries",
    )
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public register and changes feed.")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["is_public", "id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted")
