"""The repayment order letter the provider receives, and the slips the inspector hands to
workers. The letter counts workers, it never names them; each slip carries one code and one
amount, for the worker it is handed to."""

import io

from django.conf import settings
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.pdf import day, stylesheet
from inspections.notifications import PORTAL_ORDERS_PATH
from inspections.services.remedy import worker_shares

# The public page where workers answer (public_site serves it; a test holds the two together).
WORKER_ANSWER_PATH = "/repaid/"


def _p(text, style):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _build(story) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(story)
    return out.getvalue()


def repayment_order_pdf(violation) -> bytes:
    styles = stylesheet()
    normal, heading = styles["BodyText"], styles["Heading2"]
    provider = violation.provider
    pa = provider.principal_authority
    story = [
        _p(settings.REGULATOR_NAME, normal),
        _p(day(timezone.localdate()), normal),
        Spacer(1, 4 * mm),
        _p(pa.full_name if pa is not None else provider.legal_name, normal),
        _p(_("Principal Authority, %(provider)s") % {"provider": provider.legal_name}, normal),
        _p(_("Order to repay workers"), styles["Title"]),
        _p(
            _(
                "Workers supplied by %(provider)s were charged %(category)s (%(type)s) in "
                "%(country)s on %(date)s. You must repay them %(amount)s %(currency)s in "
                "total by %(deadline)s."
            )
            % {
                "provider": provider.legal_name,
                "category": violation.get_category_display().lower(),
                "type": violation.get_subcategory_display(),
                "country": violation.country.name,
                "date": day(violation.charged_on),
                "amount": violation.repayment_ordered,
                "currency": violation.currency,
                "deadline": day(violation.repayment_deadline),
            },
            normal,
        ),
        _p(_("Amount for each worker"), heading),
    ]
    shares = worker_shares(violation.repayment_ordered, violation.workers_affected)
    rows = [[_("Worker"), _("Amount"), _("Currency")]]
    rows += [[str(n), str(share), violation.currency] for n, share in enumerate(shares, start=1)]
    table = Table(rows, colWidths=[30 * mm, 40 * mm, 30 * mm], repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), styles["Heading4"].fontName)]))
    story += [
        table,
        _p(
            _(
                "Our inspector knows which worker each line is for. Pay every worker in full, "
                "in %(currency)s, into an account in their own name; never ask for any of it "
                "back."
            )
            % {"currency": violation.currency},
            normal,
        ),
        _p(_("Legal basis"), heading),
        _p(
            _(
                "Licensing standard %(code)s: no fee may be charged to workers for finding them "
                "work, and work may not be made conditional on buying other services. Workers "
                "pay no recruitment fees or related costs (the Employer Pays Principle; ILO "
                "General Principles and Operational Guidelines for Fair Recruitment, and the "
                "ILO Definition of Recruitment Fees and Related Costs, 2019)."
            )
            % {"code": violation.standard_code},
            normal,
        ),
        _p(_("What you must do"), heading),
        _p(
            _(
                "Report each repayment in the portal with its evidence (a bank transfer "
                "record), at %(url)s. We check the evidence and ask the workers themselves. An "
                "order not repaid by its deadline raises your risk score, stops a fast-track "
                "renewal and can lead to conditions on your licence or its revocation."
            )
            % {"url": settings.SITE_URL + PORTAL_ORDERS_PATH},
            normal,
        ),
        KeepTogether(
            [
                _p(_("How to appeal"), heading),
                _p(
                    _(
                        "If you think this order is wrong, write to us within 20 working days "
                        "of this letter, saying why and sending your evidence. You may then "
                        "appeal to the tribunal. An appeal does not stop the deadline unless "
                        "we or the tribunal say so."
                    ),
                    normal,
                ),
            ]
        ),
    ]
    return _build(story)


def worker_slips_pdf(violation, issued) -> bytes:
    """One slip per worker, to cut apart: the code, where to use it, and no name."""
    styles = stylesheet()
    normal, big = styles["BodyText"], styles["Heading1"]
    url = settings.SITE_URL + WORKER_ANSWER_PATH
    story = []
    for slip, code in issued:
        block = [
            _p(settings.REGULATOR_NAME, normal),
            _p(
                _("Slip %(number)d — were you repaid the recruitment fees you were charged?")
                % {"number": slip.number},
                styles["Heading3"],
            ),
            _p(
                _(
                    "Go to %(url)s and enter this code. You will see the amount you are owed "
                    "and can tell us, safely and without giving your name, whether you were "
                    "repaid. Keep this slip to yourself."
                )
                % {"url": url},
                normal,
            ),
            _p(code, big),
            Spacer(1, 6 * mm),
        ]
        table = Table([[block]], colWidths=[170 * mm])
        table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, "#888888")]))
        story += [table, Spacer(1, 6 * mm)]
    return _build(story)
