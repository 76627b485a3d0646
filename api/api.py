"""The public JSON API, version 1 (``/api/v1/``), built with django-ninja.

Public data only: exactly the fields of the public licence page (``public_register``).
Every error is JSON ``{"detail": "..."}`` with its status; endpoints stay thin and read
through selectors.
"""

import json
import logging
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Literal

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Query, Schema, Status
from ninja.errors import HttpError, Throttled, ValidationError
from pydantic import Field, field_validator

from api import bulk, changes, selectors
from api.exclusions import router as exclusions_router
from api.openapi import BULK_REQUEST_BODY
from api.ratelimit import ApiKeyOrAnonymous, ClientThrottle
from api.receipts import ReceiptQuery, ReceiptRefOut, receipt_ref
from api.receipts import router as receipts_router
from public_register import receipts
from public_register.certificates import NOT_ISSUED, check_certificate
from public_register.conditional import PUBLIC_MAX_AGE, licence_validators
from public_register.licences import licence_for_public, licence_url, public_licence
from public_register.outcomes import refused_and_revoked as refused_and_revoked_outcomes
from public_register.words import STATUS_CHOICES, normalise_urn

logger = logging.getLogger(__name__)

DESCRIPTION = """
The public register of licensed labour providers, for procurement systems and anyone
who reuses it. Public data only: the same fields as the licence pages on the register.

**Rate limits.** Without a key each address may make %(anonymous)s requests a minute. An
organisation that needs more asks the regulator for an API key and sends it in the
`X-API-Key` header. Over the limit the API answers `429` with a `Retry-After` header.

**Errors** are JSON `{"detail": "..."}`: `400` bad parameters or cursor, `401` unknown
key, `404` not on the register, `413` upload too large, `422` invalid input, `429` too
many requests.

**Pagination.** `search`, `changes` and `refused-and-revoked` return `next_cursor`:
pass it back unchanged as `cursor` (or `since`) for the next page. Cursors are opaque
and signed.

**Keeping a mirror in step.** `GET /changes` lists every public change (grants,
renewals, conditions, suspensions, revocations, surrenders, expiries, refusals,
named-individual changes) in the order the regulator's database committed them. Each
change gets its position only after it committed, and positions become visible strictly
in order, so a client that always passes back the last `next_cursor` receives every
change exactly once, even while changes are being made during its paging. A timestamp
in `since` is a starting point for a new mirror; after that, use the cursor.
Re-fetch `GET /licences/{urn}` for the full record of a changed licence.

**Bulk check.** `POST /bulk-check` matches up to 10,000 suppliers at once (JSON or a CSV
file) and returns JSON, CSV (`?format=csv`) or a PDF evidence record (`?format=pdf`).

**Reuse.** The data is published under the Open Government Licence v3.0; see
`/open-data/`.
"""


class ErrorOut(Schema):
    detail: str


class ConditionOut(Schema):
    standard_code: str
    standard_title: str
    text: str
    due_date: date
    status: str
    status_words: str


class HistoryOut(Schema):
    at: datetime
    action: str
    words: str
    status: str


class LicenceOut(Schema):
    urn: str
    status: str = Field(description="A licence state: active, active_with_conditions, …")
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
    conditions_in_force: list[ConditionOut]
    granted_on: date
    last_renewed_on: date | None
    expires_on: date
    suspended_on: date | None
    revoked_on: date | None
    surrendered_on: date | None
    expired_on: date | None
    renewal_under_consideration: bool = Field(
        description="A renewal submitted by the expiry date is being decided: the licence "
        "stays in force until then."
    )
    history: list[HistoryOut]
    url: str
    receipt: ReceiptRefOut | None = None


# A public_register.search.RegisterRow: the same row as on the register's search page.
class SearchItemOut(Schema):
    holder_name: str
    trading_names: list[str]
    urn: str | None
    status: str
    status_words: str
    town: str
    country: str
    sectors: list[str]
    url: str | None

    @staticmethod
    def resolve_url(row) -> str | None:
        return licence_url(row.urn) if row.urn else None


class SearchOut(Schema):
    results: list[SearchItemOut]
    next_cursor: str | None


StatusParam = Literal[tuple(code for code, _label in STATUS_CHOICES)]


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="Name, licence number or company number.")
    sector: str = Field("", max_length=60, description="Sector code, e.g. agriculture.")
    status: StatusParam | None = None
    country: str = Field("", max_length=2, description="ISO 3166 code: based, recruits, supplies.")
    location: str = Field("", max_length=100, description="Town or start of postcode.")
    cursor: str = Field("", max_length=500)
    limit: int = Field(20, ge=1, le=100)

    @field_validator("q", "sector", "location", "cursor")
    @classmethod
    def no_null_characters(cls, value: str) -> str:
        # The database cannot store or compare a NUL byte: refuse it here with a 422.
        if "\x00" in value:
            raise ValueError("Null characters are not allowed.")
        return value


# A public_register.certificates.CertificateCheck: what the /verify/ page says.
class VerifyOut(Schema):
    issued_by_regulator: bool
    code: str
    detail: str
    urn: str
    holder_name: str
    status: str
    status_words: str
    is_in_force: bool
    is_latest_certificate: bool
    issued_at: datetime
    valid_until: date
    url: str
    receipt: ReceiptRefOut | None = None


class ChangeOut(Schema):
    position: int
    at: datetime
    action: str
    description: str
    urn: str | None
    holder_name: str | None
    status: str | None
    previous_status: str | None


class ChangesOut(Schema):
    changes: list[ChangeOut]
    next_cursor: str
    has_more: bool


class ChangesQuery(Schema):
    since: str = Field(
        "",
        max_length=500,
        description="A next_cursor from an earlier response, or an ISO 8601 timestamp.",
    )
    limit: int = Field(100, ge=1, le=1000)


# A public_register.outcomes.AdverseOutcome, as on the refused and revoked page.
class AdverseOut(Schema):
    outcome: Literal["refused", "revoked"]
    outcome_words: str
    decided_on: date
    holder_name: str
    trading_names: list[str]
    urn: str | None
    company_number: str
    under_appeal: bool


class AdverseListOut(Schema):
    results: list[AdverseOut]
    next_cursor: str | None


class PageQuery(Schema):
    cursor: str = Field("", max_length=500)
    limit: int = Field(50, ge=1, le=500)


class BulkMatchOut(Schema):
    urn: str | None
    holder_name: str
    trading_names: list[str]
    status: str
    status_words: str
    conditions: list[str]
    confidence: float = Field(description="0 to 1.")
    reason: str = Field(description='Why it matched, e.g. "exact URN", "company number".')
    url: str | None


class BulkSupplierOut(Schema):
    name: str
    company_number: str
    urn: str
    country: str


class BulkRowOut(Schema):
    row: int
    supplier: BulkSupplierOut
    outcome: Literal["matched", "uncertain", "no_licence_found"]
    match: BulkMatchOut | None
    alternatives: list[BulkMatchOut]
    note: str


class BulkSummaryOut(Schema):
    matched: int
    uncertain: int
    no_licence_found: int


class BulkCheckOut(Schema):
    checked_at: datetime
    receipt: ReceiptRefOut
    summary: BulkSummaryOut
    results: list[BulkRowOut]


class RegisterAPI(NinjaAPI):
    """The schema depends only on the code, so each worker builds it once (about 100 ms)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schemas = self.__dict__.setdefault("_built_schemas", {})
        if path_prefix not in schemas:
            schemas[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return schemas[path_prefix]


api = RegisterAPI(
    title="Public register of labour providers",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=ApiKeyOrAnonymous(),
    throttle=ClientThrottle(),
)
api.add_router("/receipts", receipts_router)
api.add_router("/exclusions", exclusions_router)


# Errors: always JSON with a detail, never a 500 on any input.


def _location(loc) -> str:
    parts = [str(part) for part in loc if part not in ("query", "path", "body", "header")]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    messages = [f"{_location(e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in exc.errors]
    return api.create_response(
        request, {"detail": "Invalid request. " + "; ".join(messages[:5])}, status=422
    )


@api.exception_handler(Throttled)
def throttled(request, exc):
    wait = int(exc.wait or 60) + 1
    response = api.create_response(
        request,
        {"detail": f"Too many requests. Try again in {wait} seconds, or ask for an API key."},
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return api.create_response(request, {"detail": "The request is too large."}, status=413)


@api.exception_handler(SuspiciousOperation)
def suspicious(request, exc):
    return api.create_response(request, {"detail": "The request cannot be read."}, status=400)


@api.exception_handler(Exception)
def unexpected(request, exc):
    logger.exception("Unexpected API error", exc_info=exc)
    return api.create_response(
        request,
        {"detail": "Something went wrong on our side; it has been logged. Please try again."},
        status=500,
    )


def bad_request(message: str):
    raise HttpError(400, message)


# Licences.


@api.get(
    "/licences/{urn}",
    response={200: LicenceOut, 304: None, 400: ErrorOut, 404: ErrorOut},
    summary="Look up a licence by its number (URN)",
    tags=["licences"],
)
def licence_lookup(request, urn: str, response: HttpResponse, asked: Query[ReceiptQuery]):
    """Everything on the public licence page. Sends ``ETag`` and ``Last-Modified``; a
    request with a matching ``If-None-Match`` (or, without one, an ``If-Modified-Since``
    no older than the last change) gets ``304 Not Modified`` with no body."""
    normalised = normalise_urn(urn)
    if normalised is None:
        bad_request("A licence number is four letters and four digits, for example EARL0002.")
    licence = licence_for_public(normalised)
    if licence is None:
        raise HttpError(404, f"No licence numbered {normalised} is on the register.")
    if asked.receipt:
        data = selectors.licence_data(licence)
        data["receipt"] = receipt_ref(receipts.licence_lookup_receipt(public_licence(licence)))
        patch_cache_control(response, no_store=True)
        return Status(200, data)
    validators = licence_validators(licence)
    not_modified = validators.not_modified(request)
    if not_modified is not None:
        # Returned as it is: ninja does not copy the headers below onto it.
        patch_cache_control(not_modified, public=True, max_age=PUBLIC_MAX_AGE)
        return not_modified
    for name, value in validators.headers.items():
        response[name] = value
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return Status(200, selectors.licence_data(licence))


@api.get(
    "/search",
    response={200: SearchOut, 400: ErrorOut},
    summary="Search the register",
    tags=["licences"],
)
def search(request, filters: Query[SearchQuery]):
    """The register's own search: a name (typos and word order tolerated), a licence
    number or a company number, with optional filters. Best matches first; pass
    ``next_cursor`` back as ``cursor`` for the next page. A name search returns at most the
    500 closest providers: add words or filters to narrow a broader one."""
    params = filters.dict(exclude={"cursor", "limit"})
    offset = 0
    if filters.cursor:
        offset = selectors.decode_search_cursor(filters.cursor, params)
        if offset is None:
            bad_request("This cursor was not issued for this search; start again without it.")
    rows, has_more = selectors.search_page(params, offset=offset, limit=filters.limit)
    next_cursor = (
        selectors.encode_search_cursor(offset + filters.limit, params) if has_more else None
    )
    return {"results": rows, "next_cursor": next_cursor}


@api.get(
    "/verify/{code}",
    response={200: VerifyOut, 404: ErrorOut},
    summary="Verify a certificate code",
    tags=["licences"],
)
def verify(request, code: str, asked: Query[ReceiptQuery]):
    """The code printed on a certificate (or in its QR code): who it was issued to and the
    licence's live status. A code the regulator never issued is 404."""
    check = check_certificate(code)
    if check is None:
        raise HttpError(404, str(NOT_ISSUED))
    data = asdict(check)
    data["url"] = licence_url(check.urn)
    if asked.receipt:
        data["receipt"] = receipt_ref(receipts.certificate_check_receipt(check.code, data))
    return data


# Changes.


@api.get(
    "/changes",
    response={200: ChangesOut, 400: ErrorOut},
    summary="Every public change, in commit order",
    tags=["changes"],
)
def changes_feed(request, filters: Query[ChangesQuery]):
    """Every public change since a cursor (or timestamp), oldest first.

    Guarantee: each change is given its position only after its transaction committed,
    by one sequencer at a time, so positions become visible strictly in order. Passing
    back ``next_cursor`` therefore misses nothing and repeats nothing, even while other
    changes commit during paging. ``next_cursor`` is returned even when there is nothing
    new: poll with it."""
    since = filters.since.strip()
    position = 0
    if since:
        try:
            position = changes.decode_cursor(since)
        except changes.BadCursor:
            moment = _parse_timestamp(since)
            if moment is None:
                bad_request(
                    "since must be a next_cursor from an earlier response or an ISO 8601 "
                    "timestamp such as 2026-01-31T09:00:00Z."
                )
            position = changes.position_before(moment)
    page = changes.changes_after(position, limit=filters.limit + 1)
    has_more = len(page) > filters.limit
    page = page[: filters.limit]
    last = page[-1].position if page else position
    return {
        "changes": [selectors.change_data(change) for change in page],
        "next_cursor": changes.encode_cursor(last),
        "has_more": has_more,
    }


def _parse_timestamp(text: str):
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "+", 1))
    except ValueError:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=UTC)
    return moment


@api.get(
    "/refused-and-revoked",
    response={200: AdverseListOut, 400: ErrorOut},
    summary="Providers refused a licence or whose licence was revoked",
    tags=["licences"],
)
def refused_and_revoked(request, page: Query[PageQuery]):
    """Newest first: the list buyers need to stop using a provider. A refusal that was
    reversed on appeal is not listed; ``under_appeal`` marks decisions still open."""
    after = None
    if page.cursor:
        after = selectors.decode_adverse_cursor(page.cursor)
        if after is None:
            bad_request("This cursor is not one the API issued; start again without it.")
    rows, next_key = refused_and_revoked_outcomes(after=after, limit=page.limit)
    return {
        "results": rows,
        "next_cursor": selectors.encode_adverse_cursor(next_key) if next_key else None,
    }


# Bulk check.


class BulkFormat(Schema):
    format: Literal["json", "csv", "pdf"] = "json"


@api.post(
    "/bulk-check",
    response={200: BulkCheckOut, 400: ErrorOut, 413: ErrorOut, 415: ErrorOut, 422: ErrorOut},
    summary="Check up to 10,000 suppliers at once",
    tags=["bulk check"],
    openapi_extra=BULK_REQUEST_BODY,
)
def bulk_check(request, output: Query[BulkFormat]):
    """Send JSON (a list of suppliers, or ``{"suppliers": [...]}``), a CSV body
    (``text/csv``) or a CSV file (``multipart/form-data``, field ``file``). CSV columns:
    ``name`` (required) and optionally ``company number``, ``licence number``,
    ``country``. Each row comes back with its best match (licence number, holder,
    status, conditions, confidence 0–1 and why it matched) or ``no_licence_found``, with
    close alternatives when the match is uncertain. ``?format=csv`` or ``?format=pdf``
    returns the result as a file (the PDF is an evidence record stamped with the time of
    the check)."""
    suppliers = _bulk_input(request)
    check = bulk.run_check(suppliers)
    check["receipt"] = receipt_ref(receipts.bulk_check_receipt(check))
    if output.format == "csv":
        reply = HttpResponse(bulk.results_csv(check), content_type="text/csv; charset=utf-8")
        reply["Content-Disposition"] = 'attachment; filename="bulk-check.csv"'
        return reply
    if output.format == "pdf":
        reply = HttpResponse(bulk.results_pdf(check), content_type="application/pdf")
        reply["Content-Disposition"] = 'attachment; filename="bulk-check.pdf"'
        return reply
    # Up to 10,000 rows: already in the documented shape, so skip re-validating them.
    return JsonResponse(check)


def _bulk_input(request):
    content_type = (request.content_type or "").lower()
    if content_type != "multipart/form-data" and not request.body:
        raise HttpError(422, "The request is empty: send a list of suppliers as JSON or CSV.")
    try:
        if content_type == "multipart/form-data":
            upload = request.FILES.get("file")
            if upload is None:
                raise HttpError(400, 'Upload the CSV file in a form field named "file".')
            if upload.size > bulk.MAX_UPLOAD_BYTES:
                raise HttpError(413, "The file is larger than 5 MB.")
            return bulk.suppliers_from_csv(upload.read())
        if content_type in ("text/csv", "text/plain", "application/csv"):
            return bulk.suppliers_from_csv(request.body)
        if content_type in ("application/json", ""):
            try:
                data = json.loads(request.body or b"null")
            except (ValueError, UnicodeDecodeError):
                raise HttpError(400, "The body is not valid JSON.") from None
            return bulk.suppliers_from_json(data)
    except bulk.BulkInputError as exc:
        raise HttpError(422, str(exc)) from exc
    raise HttpError(415, "Send JSON, text/csv or a multipart/form-data upload.")
