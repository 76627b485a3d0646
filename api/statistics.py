"""Enforcement statistics as open data: the figures of the statistics page, small counts
suppressed exactly as there (``public_register.statistics``)."""

import csv
import io

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from public_register.statistics import cached_enforcement_statistics, shown


def _rows(stats):
    """Long format: one row per figure."""
    for key, _words in stats.events:
        for quarter in stats.quarters:
            yield ["quarter", "", quarter, key, shown(stats.by_quarter[key][quarter]), ""]
    for dimension in ("sector", "country"):
        for (event, quarter, value), count in sorted(stats.by_dimension[dimension].items()):
            yield [dimension, value, quarter, event, shown(count), ""]
    for number, title, count in stats.failed_by_section:
        yield ["standards_section", f"{number}. {title}", "", "failed_standards", shown(count), ""]
    for row in stats.fee_violations:
        for measure in ("charged", "ordered", "repaid"):
            amount = row[measure]
            yield [
                "fee_category",
                row["category"],
                "",
                f"fee_violations_{measure}",
                row["violations"],
                "" if amount is None else f"{amount} {row['currency']}",
            ]
    for row in stats.processing:
        yield [
            "processing_time",
            row["measure"],
            "",
            f"average {row['unit']} (target {row['target']})",
            row["cases"],
            "" if row["average"] is None else str(row["average"]),
        ]


HEADER = ["dimension", "value", "quarter", "figure", "count", "amount"]


@require_GET
def statistics_csv(request):
    stats = cached_enforcement_statistics()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(_rows(stats))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="enforcement-statistics.csv"'
    return response


@require_GET
def statistics_json(request):
    stats = cached_enforcement_statistics()
    return JsonResponse(
        {
            "generated_at": stats.generated_at.isoformat(),
            "suppressed_below": 5,
            "figures": [dict(zip(HEADER, row, strict=True)) for row in _rows(stats)],
        }
    )
