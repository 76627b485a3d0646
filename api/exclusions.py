"""Exclusion data for procurement systems: CSV and JSON files, the API lookup
``GET /api/v1/exclusions`` and the data dictionary that documents every field.

The JSON follows the shape of the Open Contracting Data Standard's parties (an
``identifier`` with a scheme, ``additionalIdentifiers``) so that e-procurement systems can
match suppliers by company number.
"""

import csv
import io
import json
from datetime import date

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from api.opendata import REUSE_LICENCE, REUSE_LICENCE_URL
from api.receipts import ReceiptRefOut, receipt_ref
from public_register.exclusions import Exclusion, all_exclusions, exclusion_lookup
from public_register.licences import licence_url
from public_register.models import Receipt
from public_register.receipts import receipt_issue

# The org-id.guide list a company number belongs to (GB-COH: Companies House).
COMPANY_SCHEME = getattr(settings, "COMPANY_NUMBER_SCHEME", "GB-COH")
URN_SCHEME = "LICENCE-URN"
STANDARDS_SCHEME = "LICENSING-STANDARDS"

# The data dictionary: every field of the CSV (the JSON's fields are named alongside).
FIELDS = [
    ("id", "id", _("Stable identifier of this refusal or revocation.")),
    ("outcome", "status", _("refused (an application for a new licence) or revoked.")),
    ("holder_name", "party.name", _("The provider's legal name.")),
    ("trading_names", "party.tradingNames", _("Other names it traded under, separated by |.")),
    (
        "company_number",
        "party.identifier.id",
        _("Company or registration number; party.identifier.scheme says which register."),
    ),
    ("licence_number", "party.additionalIdentifiers", _("The revoked licence's number (URN).")),
    ("decided_on", "decisionDate", _("Date the decision was made (ISO 8601).")),
    (
        "effective_on",
        "effectiveDate",
        _(
            "Date it took effect: for a revocation without immediate effect, when the appeal "
            "window closed or an appeal was dismissed."
        ),
    ),
    (
        "reapplication_refused_until",
        "exclusionPeriod.endDate",
        _(
            "Until this date a new application by the provider will be refused (the regulator's "
            "policy); empty when there is no such period."
        ),
    ),
    ("under_appeal", "underAppeal", _("true while an appeal against the decision is pending.")),
    (
        "grounds",
        "grounds",
        _(
            "The licensing standards failed, by code (for example 7.1; the section is the "
            "number before the dot), separated by |."
        ),
    ),
    (
        "linked_providers",
        "relatedParties",
        _(
            "Successor or associated providers the regulator's staff confirmed: name, company "
            "number and kind of link."
        ),
    ),
    (
        "linked_individuals",
        "relatedPeople",
        _(
            "Named individuals (directors, Principal Authorities…) involved, as confirmed by "
            "staff: name and role only."
        ),
    ),
    ("url", "uri", _("The licence's page on the register, for a revocation.")),
]


# Fields only the JSON has: the parts of the lists that the CSV joins into one cell.
JSON_ONLY_FIELDS = [
    ("statusDetails", _("The outcome in words.")),
    ("grounds[].description", _("The failed standard's title.")),
    ("grounds[].section, grounds[].sectionTitle", _("The section of the standards it is in.")),
    ("grounds[].critical", _("true for a critical standard (one failure can justify refusal).")),
    ("relatedParties[].relationship", _("successor or associated.")),
    ("relatedParties[].note", _("What staff recorded as the public reason for the link.")),
    (
        "relatedParties[].confirmedDate, relatedPeople[].confirmedDate",
        _("When staff confirmed it."),
    ),
    (
        "publishedDate, publisher, license",
        _("When the file was made, by whom, and its reuse licence."),
    ),
]


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def csv_row(row: Exclusion) -> list[str]:
    providers = [link for link in row.links if not link.person_name]
    people = [link for link in row.links if link.person_name]
    return [
        row.id,
        row.outcome,
        row.holder_name,
        " | ".join(row.trading_names),
        row.company_number,
        row.urn or "",
        _iso(row.decided_on),
        _iso(row.effective_on),
        _iso(row.reapplication_refused_until),
        "true" if row.under_appeal else "false",
        " | ".join(g.standard_code for g in row.grounds),
        " | ".join(f"{p.provider_name} ({p.company_number}; {p.kind})" for p in providers),
        " | ".join(f"{p.person_name} ({p.role})" for p in people),
        licence_url(row.urn) if row.urn else "",
    ]


def ocds_party(row: Exclusion) -> dict:
    """One exclusion in the OCDS-like shape of the JSON file and the API."""
    return {
        "id": row.id,
        "status": row.outcome,
        "statusDetails": row.outcome_words,
        "party": {
            "name": row.holder_name,
            "tradingNames": row.trading_names,
            "identifier": {"scheme": COMPANY_SCHEME, "id": row.company_number}
            if row.company_number
            else None,
            "additionalIdentifiers": [{"scheme": URN_SCHEME, "id": row.urn}] if row.urn else [],
        },
        "decisionDate": _iso(row.decided_on),
        "effectiveDate": _iso(row.effective_on),
        "exclusionPeriod": {"endDate": _iso(row.reapplication_refused_until) or None},
        "underAppeal": row.under_appeal,
        "grounds": [
            {
                "scheme": STANDARDS_SCHEME,
                "id": g.standard_code,
                "description": g.standard_title,
                "section": g.section,
                "sectionTitle": g.section_title,
                "critical": g.critical,
            }
            for g in row.grounds
        ],
        "relatedParties": [
            {
                "name": link.provider_name,
                "identifier": {"scheme": COMPANY_SCHEME, "id": link.company_number}
                if link.company_number
                else None,
                "relationship": link.kind,
                "note": link.note,
                "confirmedDate": _iso(link.confirmed_on),
            }
            for link in row.links
            if not link.person_name
        ],
        "relatedPeople": [
            {"name": link.person_name, "role": link.role, "confirmedDate": _iso(link.confirmed_on)}
            for link in row.links
            if link.person_name
        ],
        "uri": licence_url(row.urn) if row.urn else None,
    }


def _csv_stream():
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _json, _words in FIELDS])
    for row in all_exclusions():
        writer.writerow(csv_row(row))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _json_stream():
    head = {
        "version": "1",
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": settings.REGULATOR_NAME},
        "license": REUSE_LICENCE_URL,
    }
    yield json.dumps(head)[:-1] + ', "exclusions": ['
    for n, row in enumerate(all_exclusions()):
        yield ("," if n else "") + json.dumps(ocds_party(row))
    yield "]}"


@require_GET
def exclusions_csv(request):
    response = StreamingHttpResponse(_csv_stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="exclusions.csv"'
    return response


@require_GET
def exclusions_json(request):
    return StreamingHttpResponse(_json_stream(), content_type="application/json; charset=utf-8")


@require_GET
def exclusions_dictionary(request):
    return render(
        request,
        "api/exclusions_dictionary.html",
        {
            "fields": FIELDS,
            "json_only_fields": JSON_ONLY_FIELDS,
            "company_scheme": COMPANY_SCHEME,
            "reuse_licence": REUSE_LICENCE,
            "reuse_licence_url": REUSE_LICENCE_URL,
        },
    )


# The API lookup.


class ExclusionQuery(Schema):
    company_number: str = Field("", max_length=40, description="Company or registration number.")
    name: str = Field("", max_length=200, description="Legal or trading name, exactly.")
    receipt: bool = Field(False, description="Set to 1 for a due-diligence receipt code.")


class ExclusionsOut(Schema):
    results: list[dict]
    receipt: ReceiptRefOut | None = None


class ErrorOut(Schema):
    detail: str


router = Router(tags=["exclusions"])


@router.get(
    "",
    response={200: ExclusionsOut, 400: ErrorOut},
    summary="Is this supplier refused, revoked or linked to one that is?",
)
def exclusions_lookup(request, query: Query[ExclusionQuery]):
    """Refusals and revocations of the providers with this company number or name, and of
    refused or revoked providers that staff linked to them (successors, associates). An
    empty ``results`` means none is recorded. Fields: see ``/open-data/exclusions/``."""
    if "\x00" in query.company_number + query.name:
        raise HttpError(400, "Null characters are not allowed.")
    if not query.company_number.strip() and not query.name.strip():
        raise HttpError(400, "Give a company_number or a name.")
    results = [
        ocds_party(row)
        for row in exclusion_lookup(company_number=query.company_number, name=query.name)
    ]
    data = {"results": results, "receipt": None}
    if query.receipt:
        receipt = receipt_issue(
            kind=Receipt.Kind.EXCLUSION_LOOKUP,
            asked={"company_number": query.company_number, "name": query.name},
            answer=results,
            subjects=[],
        )
        data["receipt"] = receipt_ref(receipt)
    return JsonResponse(data)
