"""The whole public register as CSV and JSON, written as a stream.

Rows are read in chunks (``iterator(chunk_size=...)``, with each chunk's related rows
prefetched), so memory stays flat whatever the register's size.
"""

import csv
import json
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from licensing.models import Licence, LicenceCondition
from registry.models import ProviderRole
from registry.selectors import register_entries, status_words

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


def _licences():
    roles = (
        ProviderRole.objects.current()
        .filter(
            role__in=[
                ProviderRole.Role.PRINCIPAL_AUTHORITY,
                ProviderRole.Role.SOLE_TRADER,
                ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
            ]
        )
        .select_related("person")
        .only("provider_id", "role", "authorised_by_regulator", "person__full_name")
    )
    return (
        Licence.objects.select_related("provider")
        .prefetch_related(
            "provider__sectors",
            Prefetch("provider__roles", queryset=roles, to_attr="public_roles"),
            Prefetch(
                "conditions",
                queryset=LicenceCondition.objects.filter(state=LicenceCondition.State.OPEN),
                to_attr="open_conditions",
            ),
        )
        .order_by("pk")
    )


def _provider_fields(provider) -> dict:
    return {
        "holder_name": provider.legal_name,
        "trading_names": [t for t in provider.trading_names or [] if isinstance(t, str)],
        "company_number": provider.company_number,
        "town": provider.town,
        "country": provider.country.code,
        "sectors": [sector.name for sector in provider.sectors.all()],
        "recruits_from": [c.code for c in provider.recruits_from],
        "supplies_to": [c.code for c in provider.supplies_to],
    }


def register_rows() -> Iterator[dict]:
    """Every licence, then every provider on the register without one (refused, pending)."""
    pa_roles = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
    abr = ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE
    for licence in _licences().iterator(chunk_size=CHUNK_SIZE):
        roles = licence.provider.public_roles
        yield {
            "urn": licence.urn,
            "status": licence.state,
            "status_words": status_words(licence.state),
            **_provider_fields(licence.provider),
            "principal_authority": next(
                (r.person.full_name for r in roles if r.role in pa_roles), ""
            ),
            "alternative_business_representatives": [
                r.person.full_name for r in roles if r.role == abr and r.authorised_by_regulator
            ],
            "conditions_in_force": [
                f"{c.standard_code}: {c.text}" if c.standard_code else c.text
                for c in licence.open_conditions
            ],
            "granted_on": _iso(licence.granted_on),
            "last_renewed_on": _iso(licence.last_renewed_on),
            "expires_on": _iso(licence.expires_on),
            "suspended_on": _iso(licence.suspended_on),
            "revoked_on": _iso(licence.revoked_on),
            "surrendered_on": _iso(licence.surrendered_on),
            "expired_on": _iso(licence.expired_on),
            "refused_on": None,
            "url": f"{settings.SITE_URL}/register/{licence.urn}/",
        }
    unlicensed = register_entries().filter(urn__isnull=True).order_by("pk")
    for provider in unlicensed.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "urn": None,
            "status": provider.register_status,
            "status_words": status_words(provider.register_status),
            **_provider_fields(provider),
            "principal_authority": "",
            "alternative_business_representatives": [],
            "conditions_in_force": [],
            **{name: None for name in COLUMNS if name.endswith("_on")},
            "refused_on": _iso(provider.refused_on),
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


def json_stream() -> Iterator[str]:
    header = {
        "generated_at": timezone.now().isoformat(),
        "publisher": settings.REGULATOR_NAME,
        "licence": REUSE_LICENCE,
        "licence_url": REUSE_LICENCE_URL,
    }
    yield json.dumps(header)[:-1] + ', "providers": ['
    separator = "\n"
    for row in register_rows():
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"
