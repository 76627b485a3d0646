"""Reads for the API and open data, on top of the public register's own selectors.

Everything here returns public fields only (see ``public_register``).
"""

import hashlib
import json
from dataclasses import asdict
from datetime import date

from django.conf import settings
from django.core import signing
from django.db.models import Exists, OuterRef, Q

from api.models import PublicChange
from licensing.models import AdverseDecision, Application, AuditAction, Certificate, Licence
from public_register import licences as register
from public_register import words
from public_register.search import search_register
from public_register.words import STATUS_WORDS, URN_PATTERN, status_words

SEARCH_SALT = "api.search.cursor"
ADVERSE_SALT = "api.adverse.cursor"


def register_url(urn: str | None) -> str | None:
    return f"{settings.SITE_URL}/register/{urn}/" if urn else None


# Licences.


def is_urn(text: str) -> bool:
    return bool(URN_PATTERN.match(text))


def licence(urn: str) -> Licence | None:
    return register.licence_for_public(urn)


def freshness(licence: Licence):
    """(version string, last modified) in one query: for ETag and Last-Modified."""
    return register.licence_freshness(licence)


def licence_data(licence: Licence) -> dict:
    data = asdict(register.public_licence(licence))
    data.pop("updated_at", None)
    data["url"] = register_url(licence.urn)
    return data


# Search.


def _search_key(params: dict) -> str:
    return hashlib.sha256(json.dumps(params, sort_keys=True, default=str).encode()).hexdigest()[:16]


def encode_search_cursor(offset: int, params: dict) -> str:
    return signing.dumps([offset, _search_key(params)], salt=SEARCH_SALT)


def decode_search_cursor(cursor: str, params: dict) -> int | None:
    """The offset a cursor points at, or None when it was not issued for this search."""
    try:
        offset, key = signing.loads(cursor, salt=SEARCH_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(offset, int) or offset < 0 or key != _search_key(params):
        return None
    return offset


def search_page(params: dict, *, offset: int, limit: int) -> tuple[list[dict], bool]:
    """One page of the register search. Results are ranked by relevance, so pages are
    offsets into the ranking (inside a signed cursor) rather than keys."""
    qs = search_register(
        q=params.get("q") or "",
        sector=params.get("sector") or None,
        status=params.get("status") or None,
        country=params.get("country") or None,
        location=params.get("location") or None,
    )
    providers = list(qs[offset : offset + limit + 1])
    rows = [
        {
            "holder_name": p.legal_name,
            "trading_names": [t for t in p.trading_names or [] if isinstance(t, str)],
            "urn": p.urn,
            "status": p.register_status,
            "status_words": status_words(p.register_status),
            "town": p.town,
            "country": p.country.code,
            "sectors": [s.name for s in p.sectors.all()],
            "url": register_url(p.urn),
        }
        for p in providers[:limit]
    ]
    return rows, len(providers) > limit


# Certificates.


def verify_certificate(code: str) -> dict | None:
    normalised = Certificate.normalise_code(code)
    if len(normalised) != 12:
        return None
    certificate = (
        Certificate.objects.select_related("licence__provider").filter(code=normalised).first()
    )
    if certificate is None:
        return None
    licence = certificate.licence
    latest = licence.certificates.order_by("-issued_at", "-pk").values_list("pk", flat=True)[:1]
    is_latest = certificate.pk in list(latest)
    if not licence.is_in_force:
        detail = "Issued by the regulator, but the licence is no longer in force."
    elif licence.state == Licence.State.SUSPENDED:
        detail = "Issued by the regulator, but the licence is suspended."
    elif not is_latest:
        detail = "Issued by the regulator; a newer certificate has since been issued."
    else:
        detail = "Issued by the regulator; the licence is in force."
    return {
        "issued_by_regulator": True,
        "code": certificate.display_code,
        "detail": detail,
        "urn": licence.urn,
        "holder_name": licence.provider.legal_name,
        "status": licence.state,
        "status_words": status_words(licence.state),
        "is_in_force": licence.is_in_force,
        "is_latest_certificate": is_latest,
        "issued_at": certificate.issued_at,
        "valid_until": certificate.valid_until,
        "url": register_url(licence.urn),
    }


# Changes.


def change_data(change: PublicChange) -> dict:
    """A public change in plain words: never the reasons staff wrote, nor who made it."""
    entry = change.entry
    licence = entry.licence
    provider = entry.provider or (licence.provider if licence else None)
    return {
        "position": change.position,
        "at": entry.at,
        "action": entry.action,
        "description": AuditAction.wording(entry.action),
        "urn": licence.urn if licence else None,
        "holder_name": provider.legal_name if provider else None,
        "status": entry.to_state if entry.to_state in STATUS_WORDS else None,
        "previous_status": entry.from_state if entry.from_state in STATUS_WORDS else None,
    }


# Refused and revoked.

REVOKED, REFUSED = 0, 1


def encode_adverse_cursor(key: tuple) -> str:
    decided_on, kind, pk = key
    return signing.dumps([decided_on.isoformat(), kind, pk], salt=ADVERSE_SALT)


def decode_adverse_cursor(cursor: str) -> tuple | None:
    try:
        decided_on, kind, pk = signing.loads(cursor, salt=ADVERSE_SALT)
        return date.fromisoformat(decided_on), int(kind), int(pk)
    except (signing.BadSignature, ValueError, TypeError):
        return None


def _after(after, kind: int, date_field: str) -> Q:
    """Rows after the key (date newest first, revocations before refusals, id descending)."""
    if after is None:
        return Q()
    decided_on, after_kind, pk = after
    older = Q(**{f"{date_field}__lt": decided_on})
    if kind > after_kind:
        return older | Q(**{date_field: decided_on})
    if kind < after_kind:
        return older
    return older | Q(**{date_field: decided_on, "pk__lt": pk})


def refused_and_revoked_page(*, after, limit: int) -> tuple[list[dict], tuple | None]:
    open_decision = AdverseDecision.objects.filter(
        licence=OuterRef("pk"),
        kind=AdverseDecision.Kind.REVOCATION,
        state=AdverseDecision.State.UNDER_APPEAL,
    )
    revoked = (
        Licence.objects.filter(state=Licence.State.REVOKED, revoked_on__isnull=False)
        .filter(_after(after, REVOKED, "revoked_on"))
        .annotate(under_appeal=Exists(open_decision))
        .select_related("provider")
        .order_by("-revoked_on", "-pk")[: limit + 1]
    )
    refusals = (
        AdverseDecision.objects.filter(
            kind=AdverseDecision.Kind.REFUSAL, application__kind=Application.Kind.NEW
        )
        .exclude(state=AdverseDecision.State.REVERSED)
        .filter(_after(after, REFUSED, "decided_on"))
        .select_related("provider")
        .order_by("-decided_on", "-pk")[: limit + 1]
    )
    rows = [
        (
            (licence.revoked_on, REVOKED, licence.pk),
            {
                "outcome": "revoked",
                "outcome_words": status_words(Licence.State.REVOKED),
                "decided_on": licence.revoked_on,
                "holder_name": licence.provider.legal_name,
                "trading_names": list(licence.provider.trading_names or []),
                "urn": licence.urn,
                "company_number": licence.provider.company_number,
                "under_appeal": licence.under_appeal,
            },
        )
        for licence in revoked
    ]
    rows += [
        (
            (decision.decided_on, REFUSED, decision.pk),
            {
                "outcome": "refused",
                "outcome_words": status_words(words.REFUSED),
                "decided_on": decision.decided_on,
                "holder_name": decision.provider.legal_name,
                "trading_names": list(decision.provider.trading_names or []),
                "urn": None,
                "company_number": decision.provider.company_number,
                "under_appeal": decision.state == AdverseDecision.State.UNDER_APPEAL,
            },
        )
        for decision in refusals
    ]
    rows.sort(key=lambda row: (-row[0][0].toordinal(), row[0][1], -row[0][2]))
    page = rows[:limit]
    next_key = page[-1][0] if len(rows) > limit else None
    return [data for _key, data in page], next_key
