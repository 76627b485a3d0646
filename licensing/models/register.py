"""The public register's read model: one row per provider with what its search and filters
read, derived from the provider and its licensing records."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.limits import SEARCH_NAME
from registry.models import LabourProvider


class RegisterEntry(models.Model):
    """A provider's entry on the public register: its standing (status, latest licence
    number, refusal date) and a copy of the provider's public details, so that searching and
    filtering the register reads one table.

    Written only by ``licensing.register`` (see there for the rule), which the transition
    helper calls in the same transaction as every change to an application, licence or
    refusal. A provider with no row, or a row with an empty status, is not on the register.
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
    # Copies of the provider's public details.
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True, default="")
    trading_names = models.JSONField(_("trading names"), default=list, blank=True)
    search_name = models.TextField(_("search name"), blank=True, default="", max_length=SEARCH_NAME)
    company_number = models.CharField(
        _("company or registration number"), max_length=40, blank=True, default=""
    )
    town = models.CharField(_("town or city"), max_length=100, blank=True, default="")
    postcode = models.CharField(_("postcode"), max_length=20, blank=True, default="")
    country = CountryField(_("country where based"), blank=True, default="")
    recruits_from = CountryField(
        _("countries recruited from"), multiple=True, blank=True, default=list
    )
    supplies_to = CountryField(_("countries supplied to"), multiple=True, blank=True, default=list)
    sector_codes = models.CharField(
        _("sectors"),
        max_length=300,
        blank=True,
        default="",
        help_text=_(
            "Sector codes between commas (“,agriculture,horticulture,”), so that one LIKE "
            "finds a sector without a join."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("register entry")
        verbose_name_plural = _("register entries")
        # The register lists entries by name, a page at a time, and only those on it. The
        # trigram, town and postcode indexes are PostgreSQL's own (migration 0004).
        indexes = [
            models.Index(fields=["status"], name="register_entry_status"),
            models.Index(
                fields=["legal_name", "provider"],
                name="register_entry_name_order",
                condition=~Q(status=""),
            ),
            models.Index(
                fields=["company_number"],
                name="register_entry_company",
                condition=~Q(status=""),
            ),
        ]

    def __str__(self):
        return f"{self.provider_id}: {self.status or '-'}"

    @property
    def sectors(self) -> list[str]:
        return [code for code in self.sector_codes.split(",") if code]
