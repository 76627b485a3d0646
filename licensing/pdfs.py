"""Printable PDFs: the licence certificate, decision letters and revocation notices.

Plain functions from model instances to PDF bytes, independent of any request, so the back
office, the agencies' portal and background jobs share them (each checks permissions itself).

Pages are drawn straight on a reportlab canvas with the standard Helvetica fonts, which need
no font file to load or embed: a certificate takes a few milliseconds. Text that Helvetica
cannot encode (Polish, Romanian or Cyrillic names, for example) falls back to DejaVu Sans when
the system has it installed.
"""

import io
from datetime import date

import segno
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from core.pdf import day as _day
from core.pdf import font_for
from core.pdf import moment as _moment
from licensing.calendar import working_days_between
from licensing.models import AdverseDecision, Application, AuditAction, LicenceCondition
from licensing.signing import sign_certificate

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 56.7  # 20 mm
GREY = HexColor("#444444")
RULE = HexColor("#1d4f91")


def verify_url(certificate) -> str:
    """The public address that checks a certificate against the live register."""
    return f"{settings.SITE_URL}/verify/{certificate.code}/"


def qr_text(certificate) -> str:
    """What a certificate's QR code says: the verification address and the signed payload."""
    return f"{verify_url(certificate)}#{sign_certificate(certificate)}"


def latest_certificate(licence):
    """The certificate issued last: the one that reflects the licence as it stands."""
    return licence.certificates.select_related("licence").order_by("-issued_at", "-pk").first()


def _draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draw a QR code `size` points square (quiet zone included) with its lower left at x, y.

    Each row's runs of dark modules become one rectangle of a single filled path: a hundred or
    so rectangles, where reportlab's QR widget draws every module as a shape (30 to 45 ms).
    """
    # A fixed mask skips segno's scoring of all eight masks (about 2.5 ms); every mask is a
    # valid QR code that readers decode.
    qr = segno.make_qr(data, error="m", mask=4)
    matrix = qr.matrix
    module = size / (len(matrix) + 8)
    left = x + 4 * module
    top = y + size - 4 * module
    # PDF operators written directly: reportlab's path API formats every number in pure Python
    # unless its optional C accelerator is installed, and that alone would cost ~2 ms.
    operators = ["0 g"]
    for row_number, row in enumerate(matrix):
        row_y = top - (row_number + 1) * module
        column, width = 0, len(row)
        while column < width:
            if row[column]:
                start = column
                while column < width and row[column]:
                    column += 1
                operators.append(
                    f"{left + start * module:.3f} {row_y:.3f} {(column - start) * module:.3f} "
                    f"{module:.3f} re"
                )
            else:
                column += 1
    operators.append("f")
    canvas.saveState()
    canvas.addLiteral("\n".join(operators))
    canvas.restoreState()


class _Layout:
    """Text laid out from the top of the page down, continuing on a new page at the bottom."""

    def __init__(self, canvas: Canvas, *, top: float, bottom: float, continuation=None):
        self.canvas = canvas
        self.y = top
        self.bottom = bottom
        self.continuation = continuation

    def new_page(self):
        """Later pages use the whole height; `continuation` draws their heading."""
        self.canvas.showPage()
        self.bottom = MARGIN
        self.y = PAGE_HEIGHT - MARGIN
        if self.continuation:
            self.continuation(self)

    def text(
        self,
        text: str,
        *,
        size: float = 10.5,
        bold: bool = False,
        x: float = MARGIN,
        width: float | None = None,
        colour=black,
        after: float = 0,
    ):
        font = font_for(text, bold=bold)
        leading = size * 1.3
        width = width if width is not None else PAGE_WIDTH - MARGIN - x
        self.canvas.setFillColor(colour)
        for line in simpleSplit(text, font, size, width) or [""]:
            if self.y - leading < self.bottom:
                self.new_page()
                self.canvas.setFillColor(colour)
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, self.y - size, line)
            self.y -= leading
        self.y -= after

    def field(self, label: str, value: str, *, value_x: float = MARGIN + 150, size: float = 11):
        """A label on the left and its value, wrapped if need be, on the same line."""
        if self.y - size * 1.3 < self.bottom:
            self.new_page()
        top = self.y
        self.text(label, size=9, colour=GREY, width=value_x - MARGIN - 8)
        label_bottom = self.y
        # Both on one baseline, whatever the value's size.
        self.y = top + size - 9
        self.text(value, size=size, x=value_x)
        self.y = min(self.y, label_bottom) - 4

    def space(self, points: float):
        self.y -= points


# Uncompressed: reportlab compresses a page and then ASCII85-encodes it in pure Python, which
# costs more than the rest of a certificate; the page is small either way (see the benchmark).
PAGE_COMPRESSION = 0


def _new_canvas(buffer, title: str) -> Canvas:
    canvas = Canvas(
        buffer, pagesize=A4, pageCompression=PAGE_COMPRESSION, initialFontName="Helvetica"
    )
    canvas.setTitle(title)
    canvas.setAuthor(settings.REGULATOR_NAME)
    return canvas


def _condition_heading(condition: LicenceCondition) -> str:
    # The code only: the condition's public wording names the standard (by default its title).
    if condition.standard_code:
        return _("Standard %(code)s") % {"code": condition.standard_code}
    return _("Additional licence condition")


# The certificate.

CERTIFICATE_FOOTER_HEIGHT = 190


def licence_certificate_pdf(certificate) -> bytes:
    """The licence certificate: who holds the licence, its status and conditions, and a QR
    code and printed code that anybody can check at the public /verify/<code>/ address."""
    licence = certificate.licence
    provider = licence.provider
    pa = provider.principal_authority
    sectors = [sector.name for sector in provider.sectors.all()]
    conditions = list(licence.conditions.filter(state=LicenceCondition.State.OPEN))

    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, _("Licence certificate %(urn)s") % {"urn": licence.urn})

    def continuation(layout):
        _certificate_frame(canvas)
        layout.space(10)
        layout.text(
            _("Licence certificate %(urn)s (continued)") % {"urn": licence.urn},
            size=12,
            bold=True,
            after=10,
        )

    _certificate_frame(canvas)
    # The footer (verification code and QR) belongs to the first page, however many pages the
    # conditions need.
    _certificate_footer(canvas, certificate)
    layout = _Layout(
        canvas,
        top=PAGE_HEIGHT - MARGIN - 10,
        bottom=MARGIN + CERTIFICATE_FOOTER_HEIGHT,
        continuation=continuation,
    )
    layout.text(settings.REGULATOR_NAME, size=13, bold=True, colour=RULE, after=6)
    layout.text(_("Licence certificate"), size=26, bold=True, after=2)
    layout.text(_("Licence to act as a labour provider"), size=12, colour=GREY, after=18)

    layout.text(_("Licence holder"), size=9, colour=GREY)
    layout.text(provider.legal_name, size=17, bold=True, after=2)
    if provider.trading_names:
        layout.text(
            _("Trading as: %(names)s") % {"names": ", ".join(provider.trading_names)}, size=11
        )
    layout.space(14)

    layout.field(_("Licence number"), licence.urn, size=14)
    layout.field(_("Status"), str(licence.get_state_display()))
    layout.field(_("Sectors"), ", ".join(sectors) if sectors else _("None recorded"))
    layout.field(_("Valid from"), _day(licence.last_renewed_on or licence.granted_on))
    layout.field(_("Valid until"), _day(certificate.valid_until))
    layout.field(_("Principal Authority"), pa.full_name if pa else _("Not recorded"))
    layout.space(12)

    layout.text(_("Additional licence conditions in force"), size=12, bold=True, after=4)
    if conditions:
        for condition in conditions:
            layout.text(_condition_heading(condition), size=10.5, bold=True)
            layout.text(condition.text, size=10.5)
            layout.text(
                _("Due by %(date)s") % {"date": _day(condition.due_date)},
                size=9.5,
                colour=GREY,
                after=6,
            )
    else:
        layout.text(_("None."), size=10.5)

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _certificate_frame(canvas: Canvas) -> None:
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(2)
    canvas.rect(28, 28, PAGE_WIDTH - 56, PAGE_HEIGHT - 56, stroke=1, fill=0)


def _certificate_footer(canvas: Canvas, certificate) -> None:
    qr_size = 130
    qr_x = PAGE_WIDTH - MARGIN - qr_size + 12
    # The address for an online check, and after "#" (which browsers never send) the signed
    # payload that can be checked offline.
    _draw_qr(canvas, qr_text(certificate), qr_x, MARGIN - 12, qr_size)
    layout = _Layout(canvas, top=MARGIN + CERTIFICATE_FOOTER_HEIGHT - 30, bottom=0)
    width = qr_x - MARGIN - 12
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.75)
    canvas.line(MARGIN, layout.y + 10, PAGE_WIDTH - MARGIN, layout.y + 10)
    layout.text(_("Verification code"), size=9, colour=GREY)
    layout.text(certificate.display_code, size=20, bold=True, after=6)
    layout.text(
        _(
            "Check this certificate against the live register: scan the QR code or enter the "
            "code at %(url)s. A certificate whose code does not verify was not issued by us."
        )
        % {"url": f"{settings.SITE_URL}/verify/"},
        size=9.5,
        width=width,
        after=8,
    )
    layout.text(
        _("Issued %(moment)s") % {"moment": _moment(certificate.issued_at)},
        size=9.5,
        colour=GREY,
        width=width,
    )


# Letters.


def _letter(title: str, *, provider, dated, references: list[tuple[str, str]]):
    """Start a letter to the provider's Principal Authority at its registered address; returns
    the buffer, the canvas and a layout positioned for the subject line."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, title)
    first_reference = references[0][1]

    def continuation(layout):
        layout.text(
            _("%(reference)s, continued") % {"reference": first_reference},
            size=9,
            colour=GREY,
            after=12,
        )

    layout = _Layout(canvas, top=PAGE_HEIGHT - MARGIN, bottom=MARGIN, continuation=continuation)
    layout.text(settings.REGULATOR_NAME, size=14, bold=True, colour=RULE, after=2)
    layout.text(_("Licensing"), size=10, colour=GREY, after=24)

    top = layout.y
    pa = provider.principal_authority
    address = [
        pa.full_name if pa else _("The Principal Authority"),
        provider.legal_name,
        *[line.strip() for line in provider.registered_address.splitlines() if line.strip()],
        *[line for line in (provider.town, provider.postcode) if line],
    ]
    if provider.is_overseas:
        address.append(str(provider.country.name))
    for line in address:
        layout.text(line, size=10.5, width=250)
    address_bottom = layout.y

    layout.y = top
    side = PAGE_WIDTH - MARGIN - 190
    for label, value in [(_("Date"), _day(dated)), *references]:
        layout.text(label, size=8.5, colour=GREY, x=side)
        layout.text(value, size=10.5, x=side, after=4)
    layout.y = min(layout.y, address_bottom) - 28
    layout.text(
        _("Dear %(name)s,") % {"name": pa.full_name} if pa else _("Dear Principal Authority,"),
        after=10,
    )
    return buffer, canvas, layout


def _finish_letter(buffer, canvas, layout) -> bytes:
    layout.space(8)
    layout.text(_("Yours sincerely,"), after=18)
    layout.text(_("Licensing team"), bold=True)
    layout.text(settings.REGULATOR_NAME)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _heading(layout, text):
    layout.space(6)
    layout.text(text, size=12, bold=True, after=4)


def _paragraph(layout, text):
    layout.text(text, after=8)


def decision_letter_pdf(application) -> bytes:
    """The letter telling the Principal Authority the decision on an application: a grant (with
    any additional licence conditions) or a refusal with its reasons and the appeal deadlines."""
    if application.state not in Application.DECIDED_STATES:
        raise ValueError(f"Application {application.reference} is not decided")
    provider = application.provider
    licence = application.licence
    references = [(_("Our reference"), application.reference)]
    if licence is not None:
        references.append((_("Licence number"), licence.urn))
    buffer, canvas, layout = _letter(
        _("Decision on application %(reference)s") % {"reference": application.reference},
        provider=provider,
        dated=timezone.localtime(application.decided_at).date(),
        references=references,
    )
    outcome = {
        Application.State.GRANTED: _("granted"),
        Application.State.GRANTED_WITH_CONDITIONS: _("granted with additional licence conditions"),
        Application.State.REFUSED: _("refused"),
    }[application.state]
    layout.text(
        _("Your application %(reference)s (%(kind)s): %(outcome)s")
        % {
            "reference": application.reference,
            "kind": application.get_kind_display(),
            "outcome": outcome,
        },
        size=12,
        bold=True,
        after=10,
    )
    if application.state == Application.State.REFUSED:
        _refusal(layout, application)
    else:
        _grant(layout, application)
    return _finish_letter(buffer, canvas, layout)


GRANTS = [AuditAction.GRANT, AuditAction.GRANT_WITH_CONDITIONS, AuditAction.FAST_TRACK_RENEWAL]


def _valid_until_when_decided(application):
    """The expiry date the decision gave the licence, even when the letter is printed after a
    later renewal: the grant's audit entry records it."""
    entry = application.audit_entries.filter(action__in=GRANTS).order_by("-at", "-pk").first()
    if entry is not None and entry.data.get("valid_until"):
        return date.fromisoformat(entry.data["valid_until"])
    return application.licence.expires_on


def _grant(layout, application):
    licence = application.licence
    kind = application.kind
    if kind == Application.Kind.NEW:
        _paragraph(
            layout,
            _(
                "We have granted your application for a licence. Your licence number is %(urn)s. "
                "The licence is valid from %(start)s until %(end)s and must be renewed every year."
            )
            % {
                "urn": licence.urn,
                "start": _day(licence.granted_on),
                "end": _day(_valid_until_when_decided(application)),
            },
        )
    elif kind == Application.Kind.RENEWAL:
        _paragraph(
            layout,
            _("We have renewed your licence %(urn)s. It is now valid until %(end)s.")
            % {"urn": licence.urn, "end": _day(_valid_until_when_decided(application))},
        )
    elif kind == Application.Kind.CHANGE_OF_PA:
        _paragraph(
            layout,
            _(
                "We have authorised the change of Principal Authority for licence %(urn)s and "
                "updated the public register."
            )
            % {"urn": licence.urn},
        )
    elif kind == Application.Kind.CHANGE:
        _paragraph(
            layout,
            _(
                "We have accepted the change of circumstances you notified for licence %(urn)s "
                "and updated the public register."
            )
            % {"urn": licence.urn},
        )
    else:
        _paragraph(
            layout,
            _(
                "We have accepted the surrender of licence %(urn)s. The licence ended on "
                "%(date)s: you may no longer supply workers in the regulated sectors under it."
            )
            % {"urn": licence.urn, "date": _day(licence.surrendered_on)},
        )
    conditions = list(application.conditions.order_by("due_date", "pk"))
    if not conditions:
        return
    _heading(layout, _("Additional licence conditions"))
    _paragraph(
        layout,
        _(
            "Your licence is granted on the following conditions. Meet each condition by its due "
            "date and send us the evidence through the portal. A condition that is not met can "
            "lead to the revocation of your licence."
        ),
    )
    for number, condition in enumerate(conditions, start=1):
        layout.text(f"{number}. {_condition_heading(condition)}", bold=True)
        layout.text(condition.text, x=MARGIN + 14)
        layout.text(
            _("Due by %(date)s") % {"date": _day(condition.due_date)},
            x=MARGIN + 14,
            colour=GREY,
            after=8,
        )


def _refusal(layout, application):
    decision = application.decisions.filter(kind=AdverseDecision.Kind.REFUSAL).latest(
        "decided_on", "pk"
    )
    _paragraph(layout, _("We have refused your application for the reasons below."))
    _heading(layout, _("Reasons for the decision"))
    _paragraph(layout, decision.reasons)
    _heading(layout, _("Your right to challenge the decision"))
    if decision.pre_appeal_deadline:
        _paragraph(
            layout,
            _(
                "Pre-appeal: if you believe the decision rests on a factual error, you may ask us "
                "to reconsider it within %(days)d days, by %(date)s. Write to us quoting "
                "reference %(reference)s and explain the error."
            )
            % {
                "days": (decision.pre_appeal_deadline - decision.decided_on).days,
                "date": _day(decision.pre_appeal_deadline),
                "reference": application.reference,
            },
        )
    _paragraph(
        layout,
        _(
            "Appeal: you may appeal to the tribunal within %(days)d working days of the decision, "
            "by %(date)s. The tribunal decides whether to admit an appeal lodged after that date."
        )
        % {
            "days": working_days_between(decision.decided_on, decision.appeal_deadline),
            "date": _day(decision.appeal_deadline),
        },
    )


def revocation_notice_pdf(decision) -> bytes:
    """The notice of a licence revocation: its reasons, when it takes effect and the deadline
    for an appeal to the tribunal."""
    if decision.kind != AdverseDecision.Kind.REVOCATION:
        raise ValueError(f"Decision {decision.pk} is not a revocation")
    licence = decision.licence
    buffer, canvas, layout = _letter(
        _("Notice of revocation of licence %(urn)s") % {"urn": licence.urn},
        provider=decision.provider,
        dated=decision.decided_on,
        references=[(_("Licence number"), licence.urn)],
    )
    values = {
        "urn": licence.urn,
        "decided": _day(decision.decided_on),
        "deadline": _day(decision.appeal_deadline),
        "days": working_days_between(decision.decided_on, decision.appeal_deadline),
    }
    if decision.immediate_effect:
        title = _("Revocation of licence %(urn)s with immediate effect")
        effect = _(
            "We have revoked your licence %(urn)s with immediate effect: it was revoked on "
            "%(decided)s. From that date you must not supply workers in the regulated sectors, "
            "and labour users must not use workers you supply."
        )
    else:
        title = _("Notice of revocation of licence %(urn)s")
        effect = _(
            "We have decided to revoke your licence %(urn)s. The revocation does not take effect "
            "at once: your licence stays in force until the appeal window closes on "
            "%(deadline)s. If you appeal by then, the licence stays in force until the appeal is "
            "decided; if the appeal is dismissed, the revocation takes effect."
        )
    layout.text(title % values, size=12, bold=True, after=10)
    _paragraph(layout, effect % values)
    _heading(layout, _("Reasons for the decision"))
    _paragraph(layout, decision.reasons)
    _heading(layout, _("Your right of appeal"))
    if decision.immediate_effect:
        appeal = _(
            "You may appeal to the tribunal within %(days)d working days of the decision, by "
            "%(deadline)s. The revocation remains in effect while an appeal is pending."
        )
    else:
        appeal = _(
            "You may appeal to the tribunal within %(days)d working days of the decision, by "
            "%(deadline)s. Without an appeal, the revocation takes effect once that date "
            "has passed."
        )
    _paragraph(layout, appeal % values)
    return _finish_letter(buffer, canvas, layout)
