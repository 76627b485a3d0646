"""The printable register record of a licence, stamped with the date and time it was made."""

from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.pdf import clip, day, stamp, stylesheet
from public_register.licences import PublicLicence, licence_url
from public_register.receipts import display_code, receipt_url
from public_register.words import country_names


def licence_record_pdf(licence: PublicLicence, *, stamped_at, receipt_code: str = "") -> bytes:
    buffer = BytesIO()
    url = licence_url(licence.urn)
    stamped = stamp(stamped_at)
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
    styles = stylesheet()

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
        (_("Granted on"), day(licence.granted_on)),
        (_("Last renewed on"), day(licence.last_renewed_on)),
        (_("Expires on"), day(licence.expires_on)),
    ]
    for label, value in (
        (_("Suspended on"), licence.suspended_on),
        (_("Revoked on"), licence.revoked_on),
        (_("Surrendered on"), licence.surrendered_on),
        (_("Expired on"), licence.expired_on),
    ):
        if value:
            rows.append((label, day(value)))
    table = Table(
        [[para(label), para(clip(value))] for label, value in rows], colWidths=[60 * mm, 112 * mm]
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
        para(stamped, "Heading4"),
        para(_("Check the live record at %(url)s") % {"url": url}),
    ]
    if receipt_code:
        story.append(
            para(
                _(
                    "Receipt %(code)s: anyone can confirm what this record said, and when, at "
                    "%(url)s"
                )
                % {"code": display_code(receipt_code), "url": receipt_url(receipt_code)}
            )
        )
    story += [
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
                    % {"code": code, "text": condition.text, "date": day(condition.due_date)}
                )
            )
    else:
        story.append(para(_("None.")))
    story.append(para(_("History"), "Heading2"))
    for entry in licence.history:
        story.append(para(f"{day(timezone.localtime(entry.at))}: {entry.words}"))
    if not licence.history:
        story.append(para(_("No recorded changes.")))
    story += [Spacer(1, 6 * mm), para(stamped, "Italic")]
    doc.build(story)
    return buffer.getvalue()
