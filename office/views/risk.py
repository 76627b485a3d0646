"""The risk-ranked queue of licences to inspect."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspections import selectors
from inspections.models import InspectionSettings, LicenceRisk
from office.access import staff_required
from office.views.inspections import PAGE_SIZE, SCHEDULE, VIEW


@require_GET
@staff_required(VIEW)
def risk_queue(request):
    paginator = Paginator(selectors.stored_risk_ranking(), PAGE_SIZE)
    # Counting without the join to licences: the hourly refresh drops licences no longer in
    # force, so the count is off by at most the licences that left force within the hour.
    paginator.count = LicenceRisk.objects.count()
    page = paginator.get_page(request.GET.get("page"))
    weights = InspectionSettings.load()
    rows = [(risk, selectors.risk_reasons(risk.parts, weights)) for risk in page.object_list]
    oldest, newest = selectors.risk_scores_computed()
    return render(
        request,
        "office/inspections/risk_queue.html",
        {
            "office_section": "risk",
            "page": page,
            "rows": rows,
            "query": "",
            "oldest": oldest,
            "newest": newest,
            "can_schedule": request.user.has_perm(SCHEDULE),
        },
    )
