"""`{% inspection_report application %}` (or `licence=...`): the approved inspection report
an officer weighs when deciding, with the step to apply its proposed conditions."""

from django import template

from inspections.scoring import score_inspection
from inspections.selectors import latest_approved_report, latest_approved_report_for_licence
from office.actions import may_apply_conditions

register = template.Library()


@register.inclusion_tag("office/inspections/_decision_report.html", takes_context=True)
def inspection_report(context, application=None, licence=None):
    user = context["request"].user
    if application is not None:
        report = latest_approved_report(application)
    else:
        report = latest_approved_report_for_licence(licence)
    score = score_inspection(report) if report else None
    return {
        "report": report,
        "score": score,
        # A decided application can no longer be granted with them.
        "can_apply": report is not None
        and may_apply_conditions(user, report, score)
        and (application is None or application.state not in application.DECIDED_STATES),
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
    }
