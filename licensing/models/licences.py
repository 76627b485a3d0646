"""Licences and their additional licence conditions."""

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT, SHORT_TEXT
from licensing.models.applications import Application
from licensing.models.base import refusal_message
from registry.models import LabourProvider


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
    ended_reason = models.TextField(
        _("reason the licence ended or was suspended"), blank=True, max_length=SHORT_TEXT
    )
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
        # The decisions' model is defined on top of this one: reach it through the relation.
        decision = self.decisions.model
        return self.decisions.filter(
            kind=decision.Kind.REVOCATION, state=decision.State.DUE
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
    text = models.TextField(
        _("public wording"),
        help_text=_(
            "What the register, the record, the certificate and the API show; set by the "
            "decision maker."
        ),
        max_length=SHORT_TEXT,
    )
    inspection_evidence = models.TextField(
        _("inspector's evidence"),
        blank=True,
        help_text=_("What the inspection found. Never shown to the public."),
        max_length=LONG_TEXT,
    )
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
