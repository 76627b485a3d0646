"""The inspection report as a PDF: visit, findings by section, score and recommendation.

Staff-only: it names no reporter and no worker (workers' names stay on the violation record).
"""

import io

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from core.money import money as format_money
from core.pdf import day as _day
from core.pdf import stylesheet
from inspections.scoring import score_inspection
from inspections.selectors import findings_by_section


def _p(text, style):
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def inspection_report_pdf(inspection) -> bytes:
    styles = stylesheet()
    normal, heading = styles["BodyText"], styles["Heading2"]
    score = score_inspection(inspection)
    story = [
        _p(
            _("Inspection report %(reference)s") % {"reference": inspection.reference},
            styles["Title"],
        ),
        _p(f"{inspection.provider.legal_name} — {inspection.get_kind_display()}", normal),
    ]
    facts = [
        (_("Status"), inspection.get_state_display()),
        (_("Licence"), inspection.licence.urn if inspection.licence else "–"),
        (_("Application"), inspection.application.reference if inspection.application else "–"),
        (_("Standards"), inspection.edition.name),
        (_("Inspector"), inspection.inspector.get_full_name() or inspection.inspector.username),
        (_("Date of the visit"), _day(inspection.visited_on)),
        (_("Sites visited"), inspection.sites or "–"),
        (_("Workers employed"), inspection.workers_employed or "–"),
        (_("Workers interviewed"), inspection.workers_interviewed or "–"),
        (_("Interpreter used"), _("Yes") if inspection.interpreter_used else _("No")),
        (_("Labour users visited"), inspection.labour_users_visited or "–"),
    ]
    if inspection.approved_at:
        facts.append((_("Approved"), _day(timezone.localtime(inspection.approved_at))))
    table = Table(
        [[_p(label, normal), _p(value, normal)] for label, value in facts],
        colWidths=[45 * mm, 125 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [Spacer(1, 4 * mm), table]

    story.append(_p(_("Score and recommendation"), heading))
    if not score.recorded:
        story.append(
            _p(_("No finding recorded yet: the score appears with the first finding."), normal)
        )
    else:
        story += _score_paragraphs(score, normal)
    if score.proposed_conditions:
        story.append(_p(_("Proposed additional licence conditions"), styles["Heading3"]))
        for condition in score.proposed_conditions:
            story.append(_p(f"{condition.text} ({_('due')} {_day(condition.due_date)})", normal))
    if inspection.summary:
        story += [_p(_("Inspector's summary"), heading), _p(inspection.summary, normal)]

    story.append(_p(_("Findings"), heading))
    for section, rows in findings_by_section(inspection):
        story.append(_p(str(section), styles["Heading3"]))
        data = [[_p(_("Standard"), normal), _p(_("Result"), normal), _p(_("Evidence"), normal)]]
        failed_rows = []
        for index, (standard, finding) in enumerate(rows, start=1):
            result = finding.get_result_display() if finding else _("No finding")
            if finding and finding.is_failure:
                result = (
                    f"{result} ({finding.points}{' ' + _('critical') if finding.critical else ''})"
                )
                failed_rows.append(index)
            data.append(
                [
                    _p(f"{standard.code} {standard.title}", normal),
                    _p(result, normal),
                    _p(finding.evidence if finding else "", normal),
                ]
            )
        findings_table = Table(data, colWidths=[70 * mm, 35 * mm, 65 * mm], repeatRows=1)
        style = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
        ]
        style += [
            ("BACKGROUND", (1, row), (1, row), colors.HexColor("#f6d5d5")) for row in failed_rows
        ]
        findings_table.setStyle(TableStyle(style))
        story.append(findings_table)

    violations = inspection.fee_violations.all()
    if violations:
        story.append(_p(_("Recruitment-fee violations"), heading))
        for violation in violations:
            story.append(
                _p(
                    f"{violation.get_subcategory_display()}: "
                    f"{format_money(violation.amount, violation.currency)}, "
                    f"{violation.workers_affected} "
                    f"{_('workers')}, {violation.get_collected_by_display()} "
                    f"({violation.get_state_display()})",
                    normal,
                )
            )
    if inspection.review_comments:
        story += [_p(_("Reviewer's comments"), heading), _p(inspection.review_comments, normal)]

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Inspection report {inspection.reference}",
    )
    document.build(story)
    return buffer.getvalue()


def _score_paragraphs(score, normal):
    return [
        _p(
            _(
                "Points of failed standards: %(points)d (fail at %(threshold)d or any critical "
                "failure). Critical failures: %(critical)d."
            )
            % {
                "points": score.failed_points,
                "threshold": score.threshold,
                "critical": score.critical_failures,
            },
            normal,
        ),
        _p(score.recommendation, normal),
    ]
