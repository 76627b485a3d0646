"""An officer's review of a changed VAT number: the regulator decides whether the licence
continues (the business is the same legal entity) or expires (it is a new one)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from core.limits import SHORT_TEXT
from licensing.models.licences import Licence


class IdentityReview(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        LICENCE_CONTINUES = "licence_continues", _("Licence continues")
        LICENCE_EXPIRED = "licence_expired", _("Licence expired")

    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        related_name="identity_reviews",
        verbose_name=_("licence"),
    )
    provider = models.ForeignKey(
        "registry.LabourProvider",
        on_delete=models.PROTECT,
        related_name="identity_reviews",
        verbose_name=_("provider"),
    )
    old_vat_number = models.CharField(_("previous VAT number"), max_length=20, blank=True)
    new_vat_number = models.CharField(_("new VAT number"), max_length=20, blank=True)
    state = FSMField(_("status"), default=State.OPEN, choices=State.choices, protected=True)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("VAT number change review")
        verbose_name_plural = _("VAT number change reviews")

    def __str__(self):
        return f"{self.licence.urn}: {self.old_vat_number or '-'} → {self.new_vat_number or '-'}"

    @transition(field=state, source=State.OPEN, target=State.LICENCE_CONTINUES)
    def continue_licence(self, *, officer, explanation: str):
        """The regulator accepts that the business with the new VAT number is the same legal
        entity: the licence continues unchanged."""
        self.decided_by = officer
        self.reason = explanation

    @transition(field=state, source=State.OPEN, target=State.LICENCE_EXPIRED)
    def expire_licence(self, *, officer, explanation: str):
        """The regulator finds that the new VAT number belongs to a different business: a
        licence cannot pass to another entity, so it expires and the business applies anew."""
        self.decided_by = officer
        self.reason = explanation
