"""`{% inspection_report application %}` (or `licence=...`): the approved inspection report
an officer weighs when deciding, with the action to apply its proposed conditions."""

from django import template

from inspections.models import Inspection
from inspections.scoring import score_inspection
from inspections.selectors import latest_approved_report, latest_approved_report_for_licence

register = template.Library()


@register.inclusion_tag("inspections/_decision_report.html", takes_context=True)
def inspection_report(context, application=None, licence=None):
    user = context["request"].user
    if application is not None:
        report = latest_approved_report(application)
        perm = "licensing.decide_application"
    else:
        report = latest_approved_report_for_licence(licence)
        perm = "licensing.manage_conditions"
    score = score_inspection(report) if report else None
    return {
        "report": report,
        "score": score,
        "can_apply": report is not None
        and report.state == Inspection.State.APPROVED
        and report.conditions_applied_at is None
        and bool(score.proposed_conditions)
        and user.has_perm(perm)
        and (application is None or application.state not in application.DECIDED_STATES),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
