"""The risk-ranked queue of licences to inspect."""

from django.core.cache import cache
from django.shortcuts import render
from django.views.decorators.http import require_GET

from inspections import selectors
from inspections.models import InspectionSettings, LicenceRisk
from office.access import staff_required
from office.views.inspections import SCHEDULE, VIEW

RISK_COUNT_KEY = "office:risk-queue:count"


def _position(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10**9 else 1


@require_GET
@staff_required(VIEW)
def risk_queue(request):
    # Pages follow one another by the last row's (score, id), not by number: any page is as
    # quick as the first (no OFFSET over the rows before it).
    page = selectors.risk_page(after=request.GET.get("after", ""))
    start = _position(request.GET.get("from")) if request.GET.get("after") else 1
    weights = InspectionSettings.load()
    rows = [(risk, selectors.risk_reasons(risk.parts, weights)) for risk in page.rows]
    oldest, newest = selectors.risk_scores_computed()
    return render(
        request,
        "office/inspections/risk_queue.html",
        {
            "office_section": "risk",
            "rows": rows,
            "start": start,
            "next_after": page.next_after,
            "next_start": start + len(page.rows),
            "is_first": start == 1,
            # Counting without the join to licences, and at most every few minutes: the
            # hourly refresh drops licences no longer in force, so the total is off by at most
            # those that left within the hour, and counting 100,000 rows costs more than the
            # page itself.
            "total": cache.get_or_set(RISK_COUNT_KEY, LicenceRisk.objects.count, 300),
            "oldest": oldest,
            "newest": newest,
            "can_schedule": request.user.has_perm(SCHEDULE),
        },
    )
