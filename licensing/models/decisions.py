"""Refusals and revocations, and the appeals against them."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT
from licensing.models.applications import Application
from licensing.models.base import refusal_message
from licensing.models.licences import Licence
from registry.models import LabourProvider


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

    # Decided, but not (or not yet) in effect or final.
    PENDING_STATES = [State.APPEALABLE, State.UNDER_APPEAL, State.DUE]

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
    reasons = models.TextField(_("reasons"), max_length=LONG_TEXT)
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
    grounds = models.TextField(_("grounds"), blank=True, max_length=LONG_TEXT)
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
