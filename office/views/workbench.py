"""The workbench: the licensing officers' queues of open cases."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from licensing import selectors
from licensing.models import Application, IdentityReview, LicensingPolicy
from office.access import staff_required
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
        },
    )
