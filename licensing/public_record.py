"""A provider's public record as the changes feed carries it: everything the open data
publishes about the provider and its licences, after a change.

Every public audit row about a provider stores this snapshot (``data["record"]``), so a copy
of the register kept from the feed alone applies each entry by replacing the provider's
record with it (an empty ``status``: the provider left the register). The fields and their
values are those of the open-data export (``api.opendata``), which a test checks against a
register rebuilt from the feed. Only published fields: never accounts, contact details or
the people's personal data beyond the names and roles the register shows.
"""

from licensing.models import AdverseDecision, AuditEntry, Licence, LicenceCondition
from licensing.register import register_status
from registry.models import LabourProvider, ProviderRole

PA_ROLES = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
PUBLIC_ROLES = (*PA_ROLES, ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE)
LICENCE_DATES = (
    "granted_on",
    "last_renewed_on",
    "expires_on",
    "suspended_on",
    "revoked_on",
    "surrendered_on",
    "expired_on",
)


def _iso(value):
    return value.isoformat() if value else None


def _codes(value) -> list[str]:
    return [str(getattr(code, "code", code)) for code in value or []]


def _refused_on(provider):
    """The latest refusal still standing (the register's ``refused_on``)."""
    return (
        AdverseDecision.objects.filter(provider=provider, kind=AdverseDecision.Kind.REFUSAL)
        .exclude(state=AdverseDecision.State.REVERSED)
        .order_by("-decided_on")
        .values_list("decided_on", flat=True)
        .first()
    )


def public_record(provider: LabourProvider) -> dict:
    """The provider's public record now, as plain JSON values; only ``provider`` and an empty
    ``status`` when it is not on the register."""
    status = register_status(provider_id=provider.pk)
    if not status:
        return {"provider": provider.pk, "status": ""}
    provider = LabourProvider.objects.get(pk=provider.pk)
    principal, representatives = "", []
    for role, authorised, name in (
        ProviderRole.objects.current()
        .filter(provider=provider, role__in=PUBLIC_ROLES)
        .order_by("role", "started_on")
        .values_list("role", "authorised_by_regulator", "person__full_name")
    ):
        if role in PA_ROLES:
            principal = principal or name
        elif authorised:
            representatives.append(name)
    licences = []
    for licence in Licence.objects.filter(provider=provider).order_by("pk"):
        conditions = (
            LicenceCondition.objects.filter(licence=licence, state=LicenceCondition.State.OPEN)
            .order_by("due_date", "pk")
            .values_list("standard_code", "text")
        )
        licences.append(
            {
                "urn": licence.urn,
                "status": licence.state,
                **{name: _iso(getattr(licence, name)) for name in LICENCE_DATES},
                "conditions_in_force": [
                    f"{code}: {text}" if code else text for code, text in conditions
                ],
            }
        )
    return {
        "provider": provider.pk,
        "status": status,
        "refused_on": _iso(_refused_on(provider)),
        "holder_name": provider.legal_name,
        "trading_names": [t for t in provider.trading_names or [] if isinstance(t, str)],
        "company_number": provider.company_number,
        "town": provider.town,
        "country": str(getattr(provider.country, "code", provider.country)),
        "sectors": sorted(provider.sectors.values_list("name", flat=True)),
        "recruits_from": _codes(provider.recruits_from),
        "supplies_to": _codes(provider.supplies_to),
        "principal_authority": principal,
        "alternative_business_representatives": representatives,
        "licences": licences,
    }


def last_published_record(provider_id: int):
    """The record the feed last published for the provider: ``(True, record)``, or
    ``(False, None)`` when no public row carries one yet."""
    for data in (
        AuditEntry.objects.filter(provider_id=provider_id, is_public=True)
        .order_by("-pk")
        .values_list("data", flat=True)[:1]
    ):
        if isinstance(data, dict) and "record" in data:
            return True, data["record"]
    return False, None
