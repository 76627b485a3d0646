"""The register of labour providers and the people behind them.

A person is recorded once and linked to providers by role, so that somebody
who ran a provider whose licence was revoked is recognised when they appear
on another application (the "phoenix company" problem).
"""

import re
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.limits import SEARCH_NAME, SHORT_TEXT


def normalise_name(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces: the searchable form."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(text.split())


def normalise_company_number(text: str) -> str:
    return re.sub(r"\s+", "", text or "").upper()


class Sector(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(
        _("in scope"), default=True, help_text=_("Only sectors in scope need a licence.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class LabourProvider(models.Model):
    """A legal entity that supplies workers. Branches share its licence; franchises do not."""

    legal_name = models.CharField(_("legal name"), max_length=200)
    trading_names = models.JSONField(
        _("trading names"), default=list, blank=True, help_text=_("Other names the business uses.")
    )
    company_number = models.CharField(
        _("company or registration number"), max_length=40, blank=True, db_index=True
    )
    tax_reference = models.CharField(_("tax reference"), max_length=40, blank=True)
    vat_number = models.CharField(
        _("VAT registration number"),
        max_length=20,
        blank=True,
        help_text=_("A change may end the licence: the regulator reviews it."),
    )
    registered_address = models.TextField(
        _("registered address"), blank=True, max_length=SHORT_TEXT
    )
    town = models.CharField(_("town or city"), max_length=100, blank=True, db_index=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    country = CountryField(_("country where based"), default=settings.JURISDICTION_COUNTRY)
    sectors = models.ManyToManyField(Sector, verbose_name=_("sectors"), blank=True)
    recruits_from = CountryField(
        _("countries recruited from"), multiple=True, blank=True, default=list
    )
    supplies_to = CountryField(_("countries supplied to"), multiple=True, blank=True, default=list)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    # The language the agency chose in the portal: its emails and letters are written in it.
    language = models.CharField(
        _("language for emails and letters"),
        max_length=8,
        blank=True,
        default="",
        help_text=_("A language code (pl, ro…); empty for the site's default."),
    )
    is_dissolved = models.BooleanField(_("dissolved"), default=False)
    search_name = models.TextField(
        _("search name"),
        editable=False,
        default="",
        help_text=_("Legal and trading names, normalised for search."),
        max_length=SEARCH_NAME,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("labour provider")
        verbose_name_plural = _("labour providers")
        # The register lists providers by name, a page at a time.
        indexes = [
            models.Index(fields=["legal_name", "id"], name="provider_name_order"),
        ]
        # The trigram indexes on search_name are created by PostgreSQL-only migrations.

    def __str__(self):
        return self.legal_name

    def save(self, *args, **kwargs):
        self.search_name = normalise_name(" ".join([self.legal_name, *self.trading_names]))
        self.company_number = normalise_company_number(self.company_number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name", "company_number"}
        super().save(*args, **kwargs)

    @property
    def is_overseas(self) -> bool:
        return self.country.code != settings.JURISDICTION_COUNTRY

    def current_role_holders(self, role: str):
        return self.roles.current().filter(role=role).select_related("person")

    @property
    def principal_authority(self):
        link = self.current_role_holders(ProviderRole.Role.PRINCIPAL_AUTHORITY).first()
        return link.person if link else None


class Person(models.Model):
    """An individual named on one or more providers (PA, ABR, director, partner)."""

    full_name = models.CharField(_("full name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    nationality = CountryField(_("nationality"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["full_name", "date_of_birth"])]

    def __str__(self):
        return self.full_name


class ProviderRoleQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gt=on)).filter(
            started_on__lte=on
        )


class ProviderRole(models.Model):
    class Role(models.TextChoices):
        PRINCIPAL_AUTHORITY = "pa", _("Principal Authority")
        ALTERNATIVE_BUSINESS_REPRESENTATIVE = "abr", _("Alternative Business Representative")
        DIRECTOR = "director", _("Director")
        PARTNER = "partner", _("Partner")
        SOLE_TRADER = "sole_trader", _("Sole trader")

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="roles", verbose_name=_("person")
    )
    provider = models.ForeignKey(
        LabourProvider, on_delete=models.CASCADE, related_name="roles", verbose_name=_("provider")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    authorised_by_regulator = models.BooleanField(
        _("authorised by the regulator"),
        default=False,
        help_text=_(
            "A Principal Authority change and every ABR need the regulator's authorisation."
        ),
    )
    # The account that acts in the portal in this role. Only a role the regulator authorised,
    # linked to an account by the regulator (or by the grant of the first licence), gives
    # that account authority to act for the provider: never an email address.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provider_roles",
        verbose_name=_("portal account"),
    )

    objects = ProviderRoleQuerySet.as_manager()

    class Meta:
        ordering = ["provider", "role", "started_on"]
        verbose_name = _("named individual")
        verbose_name_plural = _("named individuals")
        indexes = [models.Index(fields=["provider", "role"])]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} of {self.provider}"


class OrganisationMember(models.Model):
    """A sign-in account acting for a labour provider in the agency portal."""

    class Role(models.TextChoices):
        PRINCIPAL_AUTHORITY = "pa", _("Principal Authority")
        ALTERNATIVE_BUSINESS_REPRESENTATIVE = "abr", _("Alternative Business Representative")
        COLLEAGUE = "colleague", _("Colleague")

    provider = models.ForeignKey(
        LabourProvider, on_delete=models.CASCADE, related_name="members", verbose_name=_("provider")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.COLLEAGUE)
    is_active = models.BooleanField(_("active"), default=True)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation member")
        verbose_name_plural = _("organisation members")
        constraints = [
            models.UniqueConstraint(fields=["provider", "user"], name="unique_member_per_provider"),
            # A Principal Authority manages one business: this also stops concurrent
            # "start" requests from one account creating several organisations.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role="pa", is_active=True),
                name="one_principal_authority_membership_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}) for {self.provider}"


class PersonMatch(models.Model):
    """A possible sign that a newly declared person is somebody already on the register.

    Applicants never change an existing person: each declaration makes a new record, and
    staff confirm or reject the link to the earlier one."""

    class State(models.TextChoices):
        POSSIBLE = "possible", _("Possible match")
        CONFIRMED = "confirmed", _("Confirmed: the same person")
        REJECTED = "rejected", _("Rejected: a different person")

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="matches", verbose_name=_("declared person")
    )
    candidate = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person on record")
    )
    reasons = models.JSONField(_("why they may match"), default=list, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.POSSIBLE
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible person match")
        verbose_name_plural = _("possible person matches")
        constraints = [
            models.UniqueConstraint(fields=["person", "candidate"], name="unique_person_match")
        ]

    REASON_LABELS = {
        "same_name": _("same name"),
        "similar_name": _("similar name (spelling or transliteration)"),
        "same_birth_date": _("same date of birth"),
    }

    def __str__(self):
        return f"{self.person} ~ {self.candidate} ({self.get_state_display()})"

    @property
    def reason_labels(self) -> list[str]:
        return [str(self.REASON_LABELS.get(reason, reason)) for reason in self.reasons]
