"""The printable register record of a licence, stamped with the date and time it was made."""

from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from registry.selectors import PublicLicence, country_names

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _font() -> tuple[str, str]:
    """DejaVu where installed: the built-in PDF fonts lack Polish and Cyrillic letters."""
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return "DejaVuSans", "DejaVuSans-Bold"


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else "—"


def licence_record_pdf(licence: PublicLicence, *, stamped_at) -> bytes:
    buffer = BytesIO()
    url = settings.SITE_URL + reverse("public_site:licence", args=[licence.urn])
    stamp = _("Record produced on %(date)s at %(time)s (%(zone)s).") % {
        "date": formats.date_format(stamped_at, "j F Y"),
        "time": stamped_at.strftime("%H:%M:%S"),
        "zone": stamped_at.tzname(),
    }
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=_("Register record %(urn)s") % {"urn": licence.urn},
        author=settings.REGULATOR_NAME,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
    )
    styles = getSampleStyleSheet()
    regular, bold = _font()
    for style in styles.byName.values():
        if hasattr(style, "fontName"):
            style.fontName = (
                bold
                if "Bold" in style.fontName or style.name.startswith(("Heading", "Title"))
                else regular
            )

    def para(text, style="BodyText"):
        return Paragraph(escape(str(text)), styles[style])

    rows = [
        (_("Licence holder"), licence.holder_name),
        (_("Trading names"), ", ".join(licence.trading_names) or "—"),
        (_("Licence number"), licence.urn),
        (_("Status"), licence.status_words),
        (_("Company or registration number"), licence.company_number or "—"),
        (_("Based in"), ", ".join(filter(None, [licence.town, licence.country_name]))),
        (_("Sectors"), ", ".join(licence.sectors) or "—"),
        (_("Recruits from"), ", ".join(country_names(licence.recruits_from)) or "—"),
        (_("Supplies workers to"), ", ".join(country_names(licence.supplies_to)) or "—"),
        (_("Principal Authority"), licence.principal_authority or "—"),
        (
            _("Alternative Business Representatives"),
            ", ".join(licence.alternative_business_representatives) or "—",
        ),
        (_("Granted on"), _date(licence.granted_on)),
        (_("Last renewed on"), _date(licence.last_renewed_on)),
        (_("Expires on"), _date(licence.expires_on)),
    ]
    for label, value in (
        (_("Suspended on"), licence.suspended_on),
        (_("Revoked on"), licence.revoked_on),
        (_("Surrendered on"), licence.surrendered_on),
        (_("Expired on"), licence.expired_on),
    ):
        if value:
            rows.append((label, _date(value)))
    table = Table(
        [[para(label), para(value)] for label, value in rows], colWidths=[60 * mm, 112 * mm]
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ]
        )
    )
    story = [
        para(settings.REGULATOR_NAME, "Heading3"),
        para(_("Public register record: %(urn)s") % {"urn": licence.urn}, "Title"),
        para(stamp, "Heading4"),
        para(_("Check the live record at %(url)s") % {"url": url}),
        Spacer(1, 6 * mm),
        table,
        para(_("Additional licence conditions in force"), "Heading2"),
    ]
    if licence.conditions_in_force:
        for condition in licence.conditions_in_force:
            code = f"{condition.standard_code} " if condition.standard_code else ""
            story.append(
                para(
                    _("%(code)s%(text)s (due %(date)s)")
                    % {"code": code, "text": condition.text, "date": _date(condition.due_date)}
                )
            )
    else:
        story.append(para(_("None.")))
    story.append(para(_("History"), "Heading2"))
    for entry in licence.history:
        story.append(para(f"{_date(timezone.localtime(entry.at))}: {entry.words}"))
    if not licence.history:
        story.append(para(_("No recorded changes.")))
    story += [Spacer(1, 6 * mm), para(stamp, "Italic")]
    doc.build(story)
    return buffer.getvalue()
