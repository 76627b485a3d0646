"""Where each provider stands on the public register, derived from its licensing records."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.models import LabourProvider


class RegisterEntry(models.Model):
    """A provider's entry on the public register: what the register's search and filters read.

    Derived from the provider's licences, refusals and applications by
    ``licensing.register.register_entry_refresh`` (see there for the rule), which the
    transition helper calls in the same transaction as every change to those records. A
    provider with no row, or a row with an empty status, is not on the public register.
    """

    # Statuses that are not licence states.
    REFUSED = "refused"
    PENDING = "pending"

    provider = models.OneToOneField(
        LabourProvider,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="register_entry",
        verbose_name=_("labour provider"),
    )
    status = models.CharField(
        _("register status"),
        max_length=32,
        blank=True,
        default="",
        help_text=_(
            "The state of the latest licence, 'refused', 'pending', or empty when the "
            "provider is not on the public register."
        ),
    )
    urn = models.CharField(_("latest licence number"), max_length=8, blank=True, default="")
    refused_on = models.DateField(_("refused on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        indexes = [models.Index(fields=["status"], name="register_entry_status")]

    def __str__(self):
        return f"{self.provider_id}: {self.status or '-'}"
