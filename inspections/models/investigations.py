"""Investigations of unlicensed activity: a business supplying workers in the regulated
sectors without a licence. It is not on the register, so the case stands on its own."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.limits import LONG_TEXT, SHORT_TEXT
from inspections.models.concerns import Concern


class UnlicensedInvestigation(models.Model):
    class State(models.TextChoices):
        OPENED = "opened", _("Opened")
        EVIDENCE_GATHERED = "evidence_gathered", _("Evidence gathered")
        REFERRED = "referred", _("Referred for enforcement")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        PROSECUTION = "prosecution", _("Prosecution or caution")
        LICENSED = "licensed", _("The business applied and was licensed")
        NOT_LICENSABLE = "not_licensable", _("The activity does not need a licence")
        NO_EVIDENCE = "no_evidence", _("Not enough evidence")

    concern = models.ForeignKey(
        Concern,
        on_delete=models.PROTECT,
        related_name="investigations",
        verbose_name=_("concern"),
    )
    business_name = models.CharField(_("business named"), max_length=200)
    labour_user_name = models.CharField(
        _("labour user named"),
        max_length=200,
        blank=True,
        help_text=_("The business that used the workers, if the concern names one."),
    )
    evidence = models.TextField(_("evidence"), blank=True, max_length=LONG_TEXT)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    closed_reason = models.TextField(_("reason for closing"), blank=True, max_length=SHORT_TEXT)
    state = FSMField(_("status"), default=State.OPENED, choices=State.choices, protected=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("opened by"),
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("unlicensed activity investigation")
        verbose_name_plural = _("unlicensed activity investigations")

    def __str__(self):
        return f"{self.concern.reference}: {self.business_name}"

    @transition(field=state, source=State.OPENED, target=State.EVIDENCE_GATHERED)
    def gather_evidence(self, *, evidence: str):
        """Evidence that the business supplies workers in the regulated sectors is recorded
        before the case can be referred."""
        self.evidence = evidence

    @transition(field=state, source=State.EVIDENCE_GATHERED, target=State.REFERRED)
    def refer(self, *, to: str):
        """With evidence gathered, the case is referred for enforcement (to the regulator's
        enforcement team, the police or another agency)."""
        self.referred_to = to

    @transition(
        field=state,
        source=[State.OPENED, State.EVIDENCE_GATHERED, State.REFERRED],
        target=State.CLOSED,
    )
    def close(self, *, outcome: str, why: str):
        """A case closes at any stage with a recorded outcome and reason."""
        self.outcome = outcome
        self.closed_reason = why
