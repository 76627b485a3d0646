"""Every write to providers, people, their roles and organisation membership.

Other apps call these instead of saving registry rows themselves. Each runs inside the
caller's transaction (the caller records the audit row, in its own words), and returns what
it wrote, so the caller can say what changed.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry import selectors
from registry.models import (
    LabourProvider,
    OrganisationMember,
    Person,
    PersonMatch,
    ProviderRole,
    Sector,
)

STAFF_CANNOT_JOIN = _(
    "Regulator staff cannot create or join a labour provider's organisation. Use a separate, "
    "personal account only if you leave the regulator's licensing or inspection work."
)

# The provider's own details that an applicant declares and a change of circumstances changes.
PROVIDER_DETAILS = (
    "legal_name",
    "trading_names",
    "company_number",
    "tax_reference",
    "vat_number",
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


def person_declare(
    *, full_name: str, date_of_birth: date | None, email: str = "", nationality: str = ""
) -> Person:
    """Record an individual as an applicant declared them: always a new person, so that
    applicant input never changes anybody already on the register. Possible matches with
    people on record are kept for staff to confirm or reject."""
    person = Person.objects.create(
        full_name=full_name.strip(),
        date_of_birth=date_of_birth,
        email=email,
        nationality=nationality,
    )
    for candidate, reasons in selectors.possible_matches(person):
        PersonMatch.objects.create(person=person, candidate=candidate, reasons=reasons)
    return person


def person_match_decide(*, match: PersonMatch, actor, same: bool) -> PersonMatch:
    """Staff say whether a possible match is the same individual (the caller audits it)."""
    match.state = PersonMatch.State.CONFIRMED if same else PersonMatch.State.REJECTED
    match.decided_by = actor
    match.decided_at = timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at"])
    return match


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


def provider_role_authorise(*, role: ProviderRole, user=None) -> ProviderRole:
    """The regulator authorised the role, and (when given) linked it to the portal account of
    the person holding it: that link is what lets the account act for the provider."""
    if user is not None:
        _refuse_staff(user)
    role.authorised_by_regulator = True
    role.user = user if user is not None else role.user
    role.save(update_fields=["authorised_by_regulator", "user"])
    return role


def principal_authority_authorise_with_licence(*, provider: LabourProvider) -> list[ProviderRole]:
    """Granting a first licence authorises the Principal Authority (or sole trader) the
    application named, linked to the portal account that founded the organisation as its
    Principal Authority. Returns the roles authorised."""
    founders = [
        member.user
        for member in provider.members.filter(
            is_active=True, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
        ).select_related("user")
        if not selectors.holds_regulator_permission(member.user)
    ]
    founder = founders[0] if len(founders) == 1 else None
    authorised = []
    for role in ProviderRole.objects.current().filter(
        provider=provider,
        role__in=[ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER],
        authorised_by_regulator=False,
    ):
        authorised.append(provider_role_authorise(role=role, user=role.user or founder))
    return authorised


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


def _refuse_staff(user) -> None:
    if selectors.holds_regulator_permission(user):
        raise PermissionDenied(STAFF_CANNOT_JOIN)


def organisation_member_add(*, provider: LabourProvider, user, role: str) -> OrganisationMember:
    """Let the user act for the provider in the portal in `role` (again, if they had left).
    Regulator staff never may: they would be deciding on their own organisation."""
    _refuse_staff(user)
    member, _created = OrganisationMember.objects.update_or_create(
        provider=provider, user=user, defaults={"role": role, "is_active": True}
    )
    return member
