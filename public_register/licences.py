"""One licence as the public sees it: the register page, the record PDF and the API all
render ``PublicLicence``, so none of them can show more than the others.

Personal data: only the names of the Principal Authority and Alternative Business
Representatives are public. Nothing here reads dates of birth, emails, phone numbers,
reasons written by staff, or anything about workers and reporters.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Q

from inspections.selectors import repaid_to_workers
from licensing import selectors as licensing_selectors
from licensing.models import AuditAction, AuditEntry, Licence, LicenceCondition
from public_register.words import (
    HISTORY_SKIPPED,
    STATUS_TONE,
    normalise_urn,
    public_status,
    status_words,
)
from registry.models import ProviderRole


@dataclass(frozen=True)
class PublicCondition:
    standard_code: str
    standard_title: str
    text: str
    due_date: date
    status: str
    status_words: str


@dataclass(frozen=True)
class PublicHistoryEntry:
    at: datetime
    action: str
    words: str
    status: str


@dataclass(frozen=True)
class PublicLicence:
    """Exactly the public fields of a licence: the register page, the PDF and the API."""

    urn: str
    status: str
    status_words: str
    is_in_force: bool
    holder_name: str
    trading_names: list[str]
    company_number: str
    town: str
    country: str
    country_name: str
    is_overseas: bool
    sectors: list[str]
    recruits_from: list[str]
    supplies_to: list[str]
    principal_authority: str
    alternative_business_representatives: list[str]
    conditions_in_force: list[PublicCondition]
    granted_on: date
    last_renewed_on: date | None
    expires_on: date
    suspended_on: date | None
    revoked_on: date | None
    surrendered_on: date | None
    expired_on: date | None
    history: list[PublicHistoryEntry] = field(default_factory=list)
    updated_at: datetime | None = None
    # Recruitment fees repaid to workers, per currency: amounts only, never who was repaid.
    repaid_to_workers: list[tuple[str, Decimal]] = field(default_factory=list)
    # A renewal submitted by the expiry date keeps the licence in force until it is decided.
    renewal_under_consideration: bool = False

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "warn")


def licence_path(urn: str) -> str:
    """The licence's page: ``/register/<URN>/`` is a published address (the public URL
    contract), so links to it are built here rather than reversed by every caller."""
    return f"/register/{urn}/"


def register_url() -> str:
    """The register's search page (``/register/``, a published address), absolute."""
    return settings.SITE_URL + "/register/"


def licence_url(urn: str) -> str:
    """The licence's page as an absolute address, for the API, open data and emails."""
    return settings.SITE_URL + licence_path(urn)


def licence_for_public(urn: str) -> Licence | None:
    """The licence with that URN (any case) and its holder, or None."""
    urn = normalise_urn(urn)
    if urn is None:
        return None
    return Licence.objects.select_related("provider").filter(urn=urn).first()


def _public_entries(licence: Licence) -> list[AuditEntry]:
    """Public audit entries about the licence and its holder, in no particular order; read
    once per licence object, since both its history and its version need them.

    Ordering (or MAX) in SQL tempts PostgreSQL to walk a whole index on `at` or `id`
    backwards and filter millions of rows; without it the two foreign-key indexes find the
    handful of rows at once, and they are sorted here.
    """
    entries = getattr(licence, "_public_entries_cache", None)
    if entries is None:
        entries = list(
            AuditEntry.objects.filter(is_public=True)
            .filter(Q(licence=licence) | Q(provider=licence.provider_id))
            .order_by()
            .only("at", "action", "to_state", "licence_id")
        )
        licence._public_entries_cache = entries
    return entries


def public_history(licence: Licence) -> list[PublicHistoryEntry]:
    """Public audit entries about the licence and its holder, oldest first, in plain words.
    Entries about the holder's other licences are left out."""
    entries = sorted(
        (entry for entry in _public_entries(licence) if entry.licence_id in (None, licence.pk)),
        key=lambda entry: (entry.at, entry.pk),
    )
    history = []
    for entry in entries:
        if entry.action in HISTORY_SKIPPED:
            continue
        words = AuditAction.wording(entry.action)
        history.append(
            PublicHistoryEntry(
                at=entry.at,
                action=entry.action,
                words=str(words),
                status=public_status(entry.to_state),
            )
        )
    return history


def public_licence(licence: Licence) -> PublicLicence:
    """The public fields of a licence fetched with its holder (``licence_for_public``): three
    more queries, for sectors, named individuals and conditions in force."""
    provider = licence.provider
    roles = list(
        ProviderRole.objects.current()
        .filter(
            provider=provider,
            role__in=[
                ProviderRole.Role.PRINCIPAL_AUTHORITY,
                ProviderRole.Role.SOLE_TRADER,
                ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
            ],
        )
        .order_by("role", "started_on")
        .values_list("role", "person__full_name", "authorised_by_regulator")
    )
    pa_roles = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
    # The Principal Authority the regulator authorised, before one merely declared.
    principal = next(
        (name for role, name, authorised in roles if role in pa_roles and authorised),
        next((name for role, name, _authorised in roles if role in pa_roles), ""),
    )
    abrs = [
        name
        for role, name, authorised in roles
        if role == ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE and authorised
    ]
    open_words = str(LicenceCondition.State.OPEN.label)
    conditions_in_force = [
        PublicCondition(
            standard_code=code,
            standard_title=title,
            text=text,
            due_date=due_date,
            status=LicenceCondition.State.OPEN,
            status_words=open_words,
        )
        for code, title, text, due_date in licence.conditions.filter(
            state=LicenceCondition.State.OPEN
        ).values_list("standard_code", "standard_title", "text", "due_date")
    ]
    return PublicLicence(
        urn=licence.urn,
        status=licence.state,
        status_words=status_words(licence.state),
        is_in_force=licence.is_in_force,
        holder_name=provider.legal_name,
        trading_names=list(provider.trading_names),
        company_number=provider.company_number,
        town=provider.town,
        country=provider.country.code,
        country_name=str(provider.country.name),
        is_overseas=provider.country.code != settings.JURISDICTION_COUNTRY,
        sectors=list(provider.sectors.values_list("name", flat=True)),
        recruits_from=[c.code for c in provider.recruits_from],
        supplies_to=[c.code for c in provider.supplies_to],
        principal_authority=principal,
        alternative_business_representatives=abrs,
        conditions_in_force=conditions_in_force,
        granted_on=licence.granted_on,
        last_renewed_on=licence.last_renewed_on,
        expires_on=licence.expires_on,
        suspended_on=licence.suspended_on,
        revoked_on=licence.revoked_on,
        surrendered_on=licence.surrendered_on,
        expired_on=licence.expired_on,
        history=public_history(licence),
        updated_at=licence.updated_at,
        repaid_to_workers=repaid_to_workers(provider),
        renewal_under_consideration=licensing_selectors.renewal_under_consideration(licence),
    )


def licence_freshness(licence: Licence) -> tuple[str, datetime]:
    """A version string that changes whenever anything on the licence's public page changes
    (for ETags and cache keys), and when it last changed (for Last-Modified), in one query.
    Named-individual changes touch only the provider and the audit trail, hence both."""
    entries = _public_entries(licence)
    latest_pk = max((entry.pk for entry in entries), default=0)
    latest_at = max((entry.at for entry in entries), default=None)
    provider_updated = licence.provider.updated_at
    version = "-".join(
        [
            str(licence.pk),
            str(licence.version),
            f"{licence.updated_at.timestamp():.6f}",
            f"{provider_updated.timestamp():.6f}",
            str(latest_pk),
        ]
    )
    last_modified = max(filter(None, [licence.updated_at, provider_updated, latest_at]))
    return version, last_modified
