"""Reads for the API, on top of the public register's own selectors, and the API's cursors.

Everything here returns public fields only (see ``public_register``).
"""

import hashlib
import json
from dataclasses import asdict
from datetime import date

from django.core import signing

from api.models import PublicChange
from licensing.models import AuditAction, Licence
from public_register.licences import licence_url, public_licence
from public_register.outcomes import OutcomeKey
from public_register.search import RankedEntries, RegisterRow, search_register, search_rows
from public_register.words import public_status

SEARCH_SALT = "api.search.cursor"
ADVERSE_SALT = "api.adverse.cursor"


# Licences.


def licence_data(licence: Licence) -> dict:
    data = asdict(public_licence(licence))
    data.pop("updated_at", None)
    data["url"] = licence_url(licence.urn)
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


def search_page(params: dict, *, offset: int, limit: int) -> tuple[list[RegisterRow], bool]:
    """One page of the register search. Results are ranked by relevance, so pages are
    offsets into the ranking (inside a signed cursor) rather than keys."""
    qs = search_register(
        q=params.get("q") or "",
        sector=params.get("sector") or None,
        status=params.get("status") or None,
        country=params.get("country") or None,
        location=params.get("location") or None,
    )
    entries = list(qs[offset : offset + limit + 1])
    close = qs.close if isinstance(qs, RankedEntries) else ()
    return search_rows(entries[:limit], close=close), len(entries) > limit


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
        "status": public_status(entry.to_state) or None,
        "previous_status": public_status(entry.from_state) or None,
        # The provider's standing on the register when this change moved it (entered, left
        # or changed), and its whole public record after the change (see
        # ``licensing.public_record``): enough for a copy of the register to apply it.
        "register_status": entry.data.get("register_status"),
        "record": entry.data.get("record"),
    }


# Refused and revoked.


def encode_adverse_cursor(key: OutcomeKey) -> str:
    decided_on, kind, pk = key
    return signing.dumps([decided_on.isoformat(), kind, pk], salt=ADVERSE_SALT)


def decode_adverse_cursor(cursor: str) -> OutcomeKey | None:
    try:
        decided_on, kind, pk = signing.loads(cursor, salt=ADVERSE_SALT)
        return date.fromisoformat(decided_on), int(kind), int(pk)
    except (signing.BadSignature, ValueError, TypeError):
        return None
