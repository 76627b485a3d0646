"""Every write to providers, people, their roles and organisation membership.

Other apps call these instead of saving registry rows themselves. Each runs inside the
caller's transaction (the caller records the audit row, in its own words), and returns what
it wrote, so the caller can say what changed.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from registry.models import LabourProvider, OrganisationMember, Person, ProviderRole, Sector

# The provider's own details that an applicant declares and a change of circumstances changes.
PROVIDER_DETAILS = (
    "legal_name",
    "trading_names",
    "company_number",
    "tax_reference",
    "registered_address",
    "town",
    "postcode",
    "country",
    "email",
    "phone",
)


def provider_create(*, legal_name: str, email: str = "") -> LabourProvider:
    return LabourProvider.objects.create(legal_name=legal_name.strip(), email=email)


def provider_language_set(*, provider: LabourProvider, language: str) -> None:
    """The language the agency's emails and letters are written in."""
    provider.language = language
    provider.save(update_fields=["language"])


def provider_update(*, provider: LabourProvider, data: dict) -> dict[str, list]:
    """Set the provider details named in `data` (see ``PROVIDER_DETAILS``; others are
    ignored). Returns {field: [old, new]} for the fields that changed; saves only those."""
    changed = {}
    for name in PROVIDER_DETAILS:
        if name not in data:
            continue
        value = data[name]
        if name == "trading_names" and isinstance(value, str):
            value = [line.strip() for line in value.splitlines() if line.strip()]
        old = getattr(provider, name)
        if name == "country":
            old = old.code
        if value != old:
            changed[name] = [old, value]
            setattr(provider, name, value)
    if changed:
        provider.save(update_fields=[*changed, "updated_at"])
    return changed


def provider_set_activities(
    *, provider: LabourProvider, sector_ids: list, recruits_from: list, supplies_to: list
) -> None:
    """Where the provider works: its sectors, and the countries it recruits from and supplies."""
    provider.recruits_from = recruits_from
    provider.supplies_to = supplies_to
    provider.save(update_fields=["recruits_from", "supplies_to", "updated_at"])
    provider.sectors.set(Sector.objects.filter(pk__in=sector_ids))


def person_find_or_create(
    *, full_name: str, date_of_birth: date | None, email: str = "", nationality: str = ""
) -> Person:
    """The register keeps one record per person: reuse it when name and date of birth match,
    so that somebody behind a refused or revoked provider is recognised."""
    person = Person.objects.filter(
        full_name__iexact=full_name.strip(), date_of_birth=date_of_birth
    ).first()
    if person is None:
        person = Person.objects.create(
            full_name=full_name.strip(),
            date_of_birth=date_of_birth,
            email=email,
            nationality=nationality,
        )
    elif email and not person.email:
        person.email = email
        person.save(update_fields=["email"])
    return person


def provider_role_add(
    *,
    provider: LabourProvider,
    person: Person,
    role: str,
    started_on: date | None = None,
    authorised_by_regulator: bool = False,
) -> ProviderRole:
    """Name the person on the provider in `role`, unless they already hold it; returns the
    role they hold."""
    started_on = started_on or timezone.localdate()
    current = ProviderRole.objects.current().filter(provider=provider, person=person, role=role)
    existing = current.first()
    if existing is not None:
        return existing
    return ProviderRole.objects.create(
        provider=provider,
        person=person,
        role=role,
        started_on=started_on,
        authorised_by_regulator=authorised_by_regulator,
    )


def provider_role_end(*, role: ProviderRole, ended_on: date | None = None) -> ProviderRole:
    role.ended_on = ended_on or timezone.localdate()
    role.save(update_fields=["ended_on"])
    return role


def principal_authority_replace(*, provider: LabourProvider, new_role: ProviderRole) -> Person:
    """The regulator authorised `new_role` as the provider's Principal Authority: it replaces
    whoever held that role until today. Returns the new Principal Authority."""
    if new_role.provider_id != provider.pk:
        raise ValueError("The new Principal Authority's role belongs to another provider.")
    today = timezone.localdate()
    with transaction.atomic():
        for old in (
            ProviderRole.objects.current()
            .filter(provider=provider, role=ProviderRole.Role.PRINCIPAL_AUTHORITY)
            .exclude(pk=new_role.pk)
        ):
            provider_role_end(role=old, ended_on=today)
        new_role.authorised_by_regulator = True
        new_role.save(update_fields=["authorised_by_regulator"])
    return new_role.person


def organisation_member_add(*, provider: LabourProvider, user, role: str) -> OrganisationMember:
    """Let the user act for the provider in the portal in `role` (again, if they had left)."""
    member, _created = OrganisationMember.objects.update_or_create(
        provider=provider, user=user, defaults={"role": role, "is_active": True}
    )
    return member
