"""The whole public register as CSV and JSON, written as a stream.

Licences are read a chunk at a time (keyset pagination on the id), with one query per
related table per chunk, so memory stays flat whatever the register's size.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.models import Licence, LicenceCondition
from public_register.licences import licence_url
from public_register.search import register_entries
from public_register.words import status_words
from registry.models import LabourProvider, ProviderRole, Sector

CHUNK_SIZE = 2000
REUSE_LICENCE = "Open Government Licence v3.0"
REUSE_LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

# The data dictionary: column, meaning. The CSV and JSON share these names.
FIELDS = [
    (
        "urn",
        _(
            "Licence number: four letters and four digits. Empty for a provider refused a "
            "licence or with an application pending."
        ),
    ),
    (
        "status",
        _(
            "active, active_with_conditions, suspended, revoked, surrendered, expired, "
            "refused or pending."
        ),
    ),
    ("status_words", _("The status in plain words.")),
    ("holder_name", _("Legal name of the licence holder.")),
    ("trading_names", _("Other names the business uses (CSV: separated by “; ”).")),
    ("company_number", _("Company or registration number.")),
    ("town", _("Town or city of the registered address.")),
    ("country", _("Country where the provider is based (ISO 3166 code).")),
    ("sectors", _("Sectors it supplies workers to (CSV: separated by “; ”).")),
    ("recruits_from", _("Countries it recruits workers from (ISO 3166 codes).")),
    ("supplies_to", _("Countries it supplies workers to (ISO 3166 codes).")),
    ("principal_authority", _("Name of the Principal Authority named on the licence.")),
    ("alternative_business_representatives", _("Names of the authorised ABRs.")),
    ("conditions_in_force", _("Additional licence conditions still open.")),
    ("granted_on", _("Date the licence was granted (YYYY-MM-DD).")),
    ("last_renewed_on", _("Date of the last renewal.")),
    ("expires_on", _("Date the licence expires unless renewed.")),
    ("suspended_on", _("Date of a suspension in force.")),
    ("revoked_on", _("Date the revocation took effect.")),
    ("surrendered_on", _("Date the licence was surrendered.")),
    ("expired_on", _("Date the licence expired.")),
    ("refused_on", _("Date of a refusal (providers without a licence).")),
    ("url", _("The provider's page on the public register.")),
]
COLUMNS = [name for name, _meaning in FIELDS]


def _iso(value):
    return value.isoformat() if value else None


PUBLIC_ROLES = [
    ProviderRole.Role.PRINCIPAL_AUTHORITY,
    ProviderRole.Role.SOLE_TRADER,
    ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
]
PA_ROLES = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
LICENCE_FIELDS = [
    "pk",
    "provider_id",
    "urn",
    "state",
    "granted_on",
    "last_renewed_on",
    "expires_on",
    "suspended_on",
    "revoked_on",
    "surrendered_on",
    "expired_on",
]
PROVIDER_FIELDS = [
    "pk",
    "legal_name",
    "trading_names",
    "company_number",
    "town",
    "country",
    "recruits_from",
    "supplies_to",
]


def _codes(value) -> list[str]:
    if isinstance(value, str):
        return [code for code in value.split(",") if code]
    return [getattr(code, "code", code) for code in value or []]


def _provider_fields(provider: dict, sectors: list[str]) -> dict:
    return {
        "holder_name": provider["legal_name"],
        "trading_names": [t for t in provider["trading_names"] or [] if isinstance(t, str)],
        "company_number": provider["company_number"],
        "town": provider["town"],
        "country": str(getattr(provider["country"], "code", provider["country"])),
        "sectors": sectors,
        "recruits_from": _codes(provider["recruits_from"]),
        "supplies_to": _codes(provider["supplies_to"]),
    }


def _licence_chunks() -> Iterator[list[dict]]:
    """Licences in id order, a chunk at a time (keyset pagination: no long-held cursor)."""
    last = 0
    while True:
        chunk = list(
            Licence.objects.filter(pk__gt=last).order_by("pk").values(*LICENCE_FIELDS)[:CHUNK_SIZE]
        )
        if not chunk:
            return
        last = chunk[-1]["pk"]
        yield chunk


def _licence_rows() -> Iterator[dict]:
    # Plain values and one query per related table per chunk: building model instances
    # would cost more than the queries themselves.
    for licences in _licence_chunks():
        provider_ids = {licence["provider_id"] for licence in licences}
        providers = {
            p["pk"]: p
            for p in LabourProvider.objects.filter(pk__in=provider_ids).values(*PROVIDER_FIELDS)
        }
        sectors = defaultdict(list)
        for provider_id, name in (
            LabourProvider.sectors.through.objects.filter(labourprovider_id__in=provider_ids)
            .order_by("sector__name")
            .values_list("labourprovider_id", "sector__name")
        ):
            sectors[provider_id].append(name)
        principal, representatives = {}, defaultdict(list)
        for provider_id, role, authorised, name in (
            ProviderRole.objects.current()
            .filter(provider_id__in=provider_ids, role__in=PUBLIC_ROLES)
            .order_by("role", "started_on")
            .values_list("provider_id", "role", "authorised_by_regulator", "person__full_name")
        ):
            if role in PA_ROLES:
                principal.setdefault(provider_id, name)
            elif authorised:
                representatives[provider_id].append(name)
        conditions = defaultdict(list)
        for licence_id, code, text in (
            LicenceCondition.objects.filter(
                licence_id__in=[licence["pk"] for licence in licences],
                state=LicenceCondition.State.OPEN,
            )
            .order_by("due_date", "pk")
            .values_list("licence_id", "standard_code", "text")
        ):
            conditions[licence_id].append(f"{code}: {text}" if code else text)
        for licence in licences:
            provider_id = licence["provider_id"]
            yield {
                "urn": licence["urn"],
                "status": licence["state"],
                "status_words": status_words(licence["state"]),
                **_provider_fields(providers[provider_id], sectors[provider_id]),
                "principal_authority": principal.get(provider_id, ""),
                "alternative_business_representatives": representatives[provider_id],
                "conditions_in_force": conditions[licence["pk"]],
                **{name: _iso(licence[name]) for name in LICENCE_FIELDS if name.endswith("_on")},
                "refused_on": None,
                "url": licence_url(licence["urn"]),
            }


def register_rows() -> Iterator[dict]:
    """Every licence, then every provider on the register without one (refused, pending)."""
    yield from _licence_rows()
    sector_names = dict(Sector.objects.values_list("code", "name"))
    unlicensed = (
        register_entries()
        .filter(urn="")
        .order_by("pk")
        .values(*PROVIDER_FIELDS, "status", "refused_on", "sector_codes")
    )
    for provider in unlicensed.iterator(chunk_size=CHUNK_SIZE):
        sectors = sorted(
            sector_names.get(code, code) for code in provider["sector_codes"].split(",") if code
        )
        yield {
            "urn": None,
            "status": provider["status"],
            "status_words": status_words(provider["status"]),
            **_provider_fields(provider, sectors),
            "principal_authority": "",
            "alternative_business_representatives": [],
            "conditions_in_force": [],
            **{name: None for name in COLUMNS if name.endswith("_on")},
            "refused_on": _iso(provider["refused_on"]),
            "url": None,
        }


class _Echo:
    def write(self, value):
        return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    text = str(value)
    # Spreadsheets run cells starting with = + - @ as formulas.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_stream() -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(COLUMNS)
    for row in register_rows():
        yield writer.writerow([_csv_cell(row[name]) for name in COLUMNS])


JSON_TAIL = "\n]}\n"


def json_head() -> str:
    header = {
        "generated_at": timezone.now().isoformat(),
        "publisher": settings.REGULATOR_NAME,
        "licence": REUSE_LICENCE,
        "licence_url": REUSE_LICENCE_URL,
    }
    return json.dumps(header)[:-1] + ', "providers": ['


def json_stream() -> Iterator[str]:
    # Compact separators: PostgreSQL's row_to_json writes the same (api/opendata_sql.py).
    yield json_head()
    separator = "\n"
    for row in register_rows():
        yield separator + json.dumps(row, ensure_ascii=False, separators=(",", ":"))
        separator = ",\n"
    yield JSON_TAIL
