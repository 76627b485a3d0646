"""The workbench: the licensing officers' queues of open cases."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspections import selectors as inspection_selectors
from inspections.models import Inspection
from licensing import selectors
from licensing.models import Application, IdentityReview, LicensingPolicy
from office.access import staff_required
from office.actions import DECIDE
from office.forms import licensing as forms
from office.views.parts import CaseAge, paginate


@require_GET
@staff_required()
def workbench(request):
    filters = forms.WorkbenchFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    assigned = {"me": request.user, "none": "none"}.get(chosen.get("assigned"))
    queue = selectors.office_queue(
        state=chosen.get("state") or None,
        kind=chosen.get("kind") or None,
        assigned_to=assigned,
        q=chosen.get("q", ""),
    )
    page, query = paginate(request, queue)
    target = LicensingPolicy.load().application_target_days
    rows = [(case, CaseAge(selectors.case_age_days(case), target)) for case in page]
    counts = selectors.queue_counts()
    tabs = [
        (state, label, counts.get(state, 0))
        for state, label in Application.State.choices
        if state in Application.OPEN_STATES
    ]
    user = request.user
    return render(
        request,
        "office/workbench.html",
        {
            "office_section": "workbench",
            "filters": filters,
            "page": page,
            "rows": rows,
            "tabs": tabs,
            "open_total": sum(counts.values()),
            "current_state": chosen.get("state", ""),
            "query": query,
            "overdue_conditions": selectors.overdue_conditions()[:50],
            "identity_reviews": IdentityReview.objects.filter(
                state=IdentityReview.State.OPEN
            ).select_related("licence", "provider")[:50],
            **_my_next_steps(user),
        },
    )


def _my_next_steps(user) -> dict:
    """What waits for this person in particular: inspections to schedule and to carry out,
    reports to review (never their own) and cases ready for a decision."""
    steps = {}
    if user.has_perm("inspections.schedule_inspection"):
        steps["to_schedule"] = inspection_selectors.inspections_to_schedule()[:50]
    if user.has_perm("inspections.record_findings"):
        steps["my_inspections"] = inspection_selectors.inspections_for(user=user).exclude(
            state__in=[Inspection.State.APPROVED, Inspection.State.CANCELLED]
        )[:50]
    if user.has_perm("inspections.review_report"):
        steps["reports_to_review"] = inspection_selectors.review_queue().exclude(inspector=user)[
            :50
        ]
    if user.has_perm(DECIDE):
        steps["decisions_awaiting"] = inspection_selectors.decisions_awaiting()[:50]
    return steps
