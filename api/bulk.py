"""Bulk check input and output: CSV or JSON in, JSON, CSV or a PDF evidence record out.

Bad input raises ``BulkInputError`` with a message that names the row (spreadsheet row
numbers: the header is row 1), so the API and the upload page can show it as it is.
"""

import csv
import io
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import BaseModel, ConfigDict, Field
from pydantic import ValidationError as PydanticValidationError

from api.matching import (
    MAX_CELL_LENGTH,
    MAX_SUPPLIERS,
    CheckResult,
    Match,
    Supplier,
    check_suppliers,
)
from registry.models import normalise_company_number

MAX_UPLOAD_BYTES = 5 * 1024 * 1024

COLUMN_NAMES = {
    "name": {"name", "supplier", "supplier name", "company name", "legal name", "provider"},
    "company_number": {
        "company number",
        "company_number",
        "company no",
        "registration number",
        "company registration number",
    },
    "urn": {"urn", "licence number", "license number", "licence", "licence no"},
    "country": {"country", "country code"},
}


class BulkInputError(ValueError):
    pass


class SupplierIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field("", max_length=MAX_CELL_LENGTH, description="Legal or trading name.")
    company_number: str = Field("", max_length=40)
    urn: str = Field("", max_length=20, description="Licence number, e.g. EARL0002.")
    country: str = Field("", max_length=60, description="ISO 3166 code, e.g. GB.")


class BulkCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    suppliers: list[SupplierIn] = Field(..., max_length=MAX_SUPPLIERS)


def _supplier(row: int, name: str, company_number: str, urn: str, country: str) -> Supplier:
    if not (name or company_number or urn):
        raise BulkInputError(
            _("Row %(row)d: give at least a name, a company number or a licence number.")
            % {"row": row}
        )
    return Supplier(
        row=row,
        name=name,
        company_number=normalise_company_number(company_number),
        urn=urn.replace(" ", "").upper(),
        country=country.strip().upper()[:2] if len(country.strip()) == 2 else "",
    )


def suppliers_from_json(data) -> list[Supplier]:
    """A JSON list of suppliers, or an object with a "suppliers" list."""
    if isinstance(data, list):
        data = {"suppliers": data}
    try:
        parsed = BulkCheckIn.model_validate(data)
    except PydanticValidationError as exc:
        error = exc.errors()[0]
        location = list(error["loc"])
        if len(location) >= 2 and location[0] == "suppliers" and isinstance(location[1], int):
            field = ".".join(str(part) for part in location[2:]) or _("the row")
            raise BulkInputError(
                _("Supplier %(row)d, %(field)s: %(message)s")
                % {"row": location[1] + 1, "field": field, "message": error["msg"]}
            ) from exc
        if error["type"] == "too_long":
            raise BulkInputError(
                _("At most %(max)d suppliers can be checked at once.") % {"max": MAX_SUPPLIERS}
            ) from exc
        raise BulkInputError(
            _('Send a list of suppliers, or an object with a "suppliers" list: %(message)s')
            % {"message": error["msg"]}
        ) from exc
    if not parsed.suppliers:
        raise BulkInputError(_("The list of suppliers is empty."))
    return [
        _supplier(number, s.name, s.company_number, s.urn, s.country)
        for number, s in enumerate(parsed.suppliers, start=1)
    ]


def _column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for position, title in enumerate(header):
        key = " ".join(title.strip().lower().replace("_", " ").split())
        for column, names in COLUMN_NAMES.items():
            if (key in names or key.replace(" ", "_") in names) and column not in found:
                found[column] = position
    return found


def suppliers_from_csv(data: bytes) -> list[Supplier]:
    """Suppliers from a CSV file whose first row names the columns."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise BulkInputError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_UPLOAD_BYTES // 1024 // 1024}
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        raise BulkInputError(
            _(
                "Row %(row)d is not UTF-8 text. Save the file as “CSV UTF-8” from your "
                "spreadsheet and upload it again."
            )
            % {"row": row}
        ) from exc
    if "\x00" in text:
        row = text[: text.index("\x00")].count("\n") + 1
        raise BulkInputError(
            _("Row %(row)d contains binary data: upload a CSV text file.") % {"row": row}
        )
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    suppliers = []
    try:
        header = next(reader, None)
        if not header or not any(cell.strip() for cell in header):
            raise BulkInputError(_("The file is empty."))
        columns = _column_map(header)
        if "name" not in columns:
            raise BulkInputError(
                _(
                    "Row 1 must name the columns, including a “name” column (optional: "
                    "“company number”, “licence number”, “country”). Found: %(found)s."
                )
                % {"found": ", ".join(cell.strip()[:40] for cell in header[:10]) or "—"}
            )
        for cells in reader:
            row = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(suppliers) >= MAX_SUPPLIERS:
                raise BulkInputError(
                    _("Row %(row)d: at most %(max)d suppliers can be checked at once.")
                    % {"row": row, "max": MAX_SUPPLIERS}
                )
            values = {}
            for column, position in columns.items():
                value = cells[position].strip() if position < len(cells) else ""
                if len(value) > MAX_CELL_LENGTH:
                    raise BulkInputError(
                        _("Row %(row)d: the %(column)s is longer than %(max)d characters.")
                        % {"row": row, "column": column.replace("_", " "), "max": MAX_CELL_LENGTH}
                    )
                values[column] = value
            suppliers.append(
                _supplier(
                    row,
                    values.get("name", ""),
                    values.get("company_number", "")[:40],
                    values.get("urn", "")[:20],
                    values.get("country", ""),
                )
            )
    except csv.Error as exc:
        raise BulkInputError(
            _("Row %(row)d cannot be read as CSV: %(error)s")
            % {"row": reader.line_num, "error": exc}
        ) from exc
    if not suppliers:
        raise BulkInputError(_("The file has a header row but no suppliers."))
    return suppliers


def suppliers_from_lines(text: str) -> list[Supplier]:
    """Names pasted one per line (the upload page's alternative to a file)."""
    suppliers = []
    for row, line in enumerate(text.splitlines(), start=1):
        name = line.strip()
        if not name:
            continue
        if len(suppliers) >= MAX_SUPPLIERS:
            raise BulkInputError(
                _("Line %(row)d: at most %(max)d suppliers can be checked at once.")
                % {"row": row, "max": MAX_SUPPLIERS}
            )
        if len(name) > MAX_CELL_LENGTH:
            raise BulkInputError(
                _("Line %(row)d is longer than %(max)d characters.")
                % {"row": row, "max": MAX_CELL_LENGTH}
            )
        suppliers.append(_supplier(row, name, "", "", ""))
    if not suppliers:
        raise BulkInputError(_("Paste at least one supplier name."))
    return suppliers


# Output.


def _match_dict(match: Match | None) -> dict | None:
    if match is None:
        return None
    licence = match.licence
    return {
        "urn": licence.urn or None,
        "holder_name": licence.holder_name,
        "trading_names": licence.trading_names,
        "status": licence.status,
        "status_words": licence.status_words,
        "conditions": licence.conditions,
        "confidence": match.confidence,
        "reason": match.reason,
        "url": licence.url or None,
    }


def result_dicts(results: list[CheckResult]) -> list[dict]:
    return [
        {
            "row": result.supplier.row,
            "supplier": {
                "name": result.supplier.name,
                "company_number": result.supplier.company_number,
                "urn": result.supplier.urn,
                "country": result.supplier.country,
            },
            "outcome": result.outcome,
            "match": _match_dict(result.best),
            "alternatives": [_match_dict(m) for m in result.alternatives],
            "note": result.note,
        }
        for result in results
    ]


def run_check(suppliers: list[Supplier]) -> dict:
    """The check as stored and served: when it ran, a summary and one result per row."""
    rows = result_dicts(check_suppliers(suppliers))
    summary = {"matched": 0, "uncertain": 0, "no_licence_found": 0}
    for row in rows:
        summary[row["outcome"]] += 1
    return {"checked_at": timezone.now().isoformat(), "summary": summary, "results": rows}


OUTCOME_WORDS = {
    "matched": gettext_lazy("Licence found"),
    "uncertain": gettext_lazy("Possible match: check the alternatives"),
    "no_licence_found": gettext_lazy("No licence found"),
}

CSV_HEADER = [
    "row",
    "supplier name",
    "supplier company number",
    "supplier licence number",
    "outcome",
    "licence number",
    "licence holder",
    "status",
    "conditions",
    "confidence",
    "why it matched",
    "alternatives",
    "register page",
    "checked at",
    "receipt",
]


def _safe_cell(value) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas; quote them."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def results_csv(check: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in check["results"]:
        match = row["match"] or {}
        writer.writerow(
            _safe_cell(value)
            for value in [
                row["row"],
                row["supplier"]["name"],
                row["supplier"]["company_number"],
                row["supplier"]["urn"],
                str(OUTCOME_WORDS[row["outcome"]]),
                match.get("urn") or "",
                match.get("holder_name", ""),
                match.get("status_words", ""),
                " | ".join(match.get("conditions", [])),
                match.get("confidence", ""),
                match.get("reason", "") + (f" ({row['note']})" if row["note"] else ""),
                " | ".join(
                    f"{a['holder_name']} {a['urn'] or ''} {a['confidence']}".strip()
                    for a in row["alternatives"]
                ),
                match.get("url") or "",
                check["checked_at"],
                (check.get("receipt") or {}).get("code", ""),
            ]
        )
    return out.getvalue()


def check_stamp(check: dict) -> str:
    checked_at = timezone.localtime(datetime.fromisoformat(check["checked_at"]))
    stamp = _("Checked against the live register on %(date)s at %(time)s (%(zone)s)") % {
        "date": date_format(checked_at, "j F Y"),
        "time": date_format(checked_at, "H:i:s"),
        "zone": checked_at.tzname(),
    }
    receipt = check.get("receipt")
    if receipt:
        stamp += ". " + _("Receipt %(code)s, confirm at %(url)s") % {
            "code": receipt["display_code"],
            "url": receipt["url"],
        }
    return stamp


def results_pdf(check: dict) -> bytes:
    """A due-diligence record of the check, stamped with its date and time on every page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(_("Bulk licence check"))
    pdf.setAuthor(settings.REGULATOR_NAME)
    stamp = check_stamp(check)
    summary = check["summary"]
    columns = [
        (12 * mm, _("Row"), 10),
        (25 * mm, _("Supplier"), 40),
        (95 * mm, _("Outcome"), 24),
        (140 * mm, _("Licence"), 9),
        (160 * mm, _("Licence holder"), 38),
        (225 * mm, _("Status"), 22),
        (262 * mm, _("Confidence and reason"), 30),
    ]
    rows = check["results"]
    per_page = 34
    pages = max(1, (len(rows) + per_page - 1) // per_page)

    def clip(text, length):
        text = str(text or "")
        return text if len(text) <= length else text[: length - 1] + "…"

    for page in range(pages):
        y = height - 15 * mm
        pdf.setFont("Helvetica-Bold", 13)
        pdf.drawString(
            12 * mm, y, clip(f"{settings.REGULATOR_NAME}: " + _("bulk licence check"), 90)
        )
        pdf.setFont("Helvetica", 9)
        y -= 6 * mm
        pdf.drawString(12 * mm, y, stamp)
        y -= 5 * mm
        pdf.drawString(
            12 * mm,
            y,
            _(
                "%(total)d suppliers: %(matched)d licence found, %(uncertain)d possible "
                "matches, %(none)d no licence found. Page %(page)d of %(pages)d."
            )
            % {
                "total": len(rows),
                "matched": summary["matched"],
                "uncertain": summary["uncertain"],
                "none": summary["no_licence_found"],
                "page": page + 1,
                "pages": pages,
            },
        )
        y -= 8 * mm
        pdf.setFont("Helvetica-Bold", 8)
        for x, title, _length in columns:
            pdf.drawString(x, y, title)
        pdf.setFont("Helvetica", 8)
        for row in rows[page * per_page : (page + 1) * per_page]:
            y -= 4.6 * mm
            match = row["match"] or {}
            reason = f"{match['confidence']:.2f} {match['reason']}" if match else row["note"]
            values = [
                row["row"],
                row["supplier"]["name"] or row["supplier"]["urn"],
                str(OUTCOME_WORDS[row["outcome"]]),
                match.get("urn") or "",
                match.get("holder_name", ""),
                match.get("status_words", ""),
                reason,
            ]
            for (x, _title, length), value in zip(columns, values, strict=True):
                pdf.drawString(x, y, clip(value, length))
        pdf.setFont("Helvetica", 7)
        pdf.drawString(
            12 * mm,
            8 * mm,
            clip(
                _(
                    "The register can change after this check. Confirm a licence on %(site)s "
                    "before relying on it."
                )
                % {"site": settings.SITE_URL + "/register/"},
                200,
            ),
        )
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
