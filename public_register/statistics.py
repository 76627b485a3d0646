"""Enforcement statistics: what regulators are asked for most under freedom-of-information
rules, published as a page and as open data.

Counts by quarter, sector and country; failed standards by section; recruitment-fee
violations by ILO category with amounts per currency; processing times against the
policy's targets. Every count from 1 to 4 is suppressed (shown as "<5", with the amounts
behind it), so that no provider or worker can be picked out.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from statistics import median

from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django_countries import countries

from inspections.models import FeeCategory, FeeViolation, Finding, Inspection, Repayment
from licensing.models import (
    AdverseDecision,
    Application,
    AuditAction,
    AuditEntry,
    Holiday,
    Licence,
    LicensingPolicy,
)
from registry.models import Sector

QUARTERS_SHOWN = 8
SUPPRESS_BELOW = 5
SUPPRESSED = "<5"

EVENTS = [
    ("applications", gettext_lazy("Applications")),
    ("grants", gettext_lazy("Licences granted")),
    ("refusals", gettext_lazy("Applications refused")),
    ("revocations", gettext_lazy("Licences revoked")),
    ("suspensions", gettext_lazy("Licences suspended")),
]


def shown(count: int) -> str:
    """A count as published: small ones suppressed."""
    return SUPPRESSED if 0 < count < SUPPRESS_BELOW else str(count)


def _quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters(today: date, count: int = QUARTERS_SHOWN) -> list[tuple[int, int]]:
    """The last ``count`` quarters as (year, quarter), oldest first, this one included."""
    start = _quarter_start(today)
    result = []
    for _n in range(count):
        result.append((start.year, (start.month - 1) // 3 + 1))
        start = _quarter_start(start - timedelta(days=1))
    return result[::-1]


def _event_sources(since: date):
    """Each event's rows since a date: (queryset, date field, path to the provider)."""
    return {
        "applications": (
            Application.objects.filter(kind=Application.Kind.NEW, submitted_at__date__gte=since),
            "submitted_at",
            "provider",
        ),
        "grants": (Licence.objects.filter(granted_on__gte=since), "granted_on", "provider"),
        "refusals": (
            AdverseDecision.objects.filter(
                kind=AdverseDecision.Kind.REFUSAL, decided_on__gte=since
            ).exclude(state=AdverseDecision.State.REVERSED),
            "decided_on",
            "provider",
        ),
        "revocations": (
            Licence.objects.filter(state=Licence.State.REVOKED, revoked_on__gte=since),
            "revoked_on",
            "provider",
        ),
        "suspensions": (
            AuditEntry.objects.filter(action=AuditAction.SUSPEND, at__date__gte=since),
            "at",
            "provider",
        ),
    }


@dataclass
class Statistics:
    generated_at: datetime
    quarters: list[str]
    # event → quarter label → count (raw; suppress when shown).
    by_quarter: dict[str, dict[str, int]]
    # dimension ("sector" or "country") → (event, quarter label, value) → count.
    by_dimension: dict[str, dict[tuple[str, str, str], int]]
    # dimension → event → value → count over all quarters shown.
    totals_by_dimension: dict[str, dict[str, dict[str, int]]]
    failed_by_section: list[tuple[int, str, int]]
    fee_violations: list[dict]
    processing: list[dict]
    events: list[tuple[str, str]] = field(default_factory=list)


def _label(year: int, quarter: int) -> str:
    return f"{year} Q{quarter}"


def _counts(since: date):
    by_quarter = {key: defaultdict(int) for key, _words in EVENTS}
    by_dimension = {"sector": defaultdict(int), "country": defaultdict(int)}
    totals = {
        "sector": defaultdict(lambda: defaultdict(int)),
        "country": defaultdict(lambda: defaultdict(int)),
    }
    sector_names = dict(Sector.objects.values_list("code", "name"))
    for event, (queryset, date_field, provider) in _event_sources(since).items():
        dated = queryset.annotate(year=ExtractYear(date_field), quarter=ExtractQuarter(date_field))
        dimensions = {
            # A provider in two sectors counts in both.
            "sector": f"{provider}__sectors__code",
            "country": f"{provider}__country",
        }
        for dimension, path in dimensions.items():
            # Each row has one country, so the country rows also give the quarter totals; a
            # provider in two sectors has one row per sector, never two in the same group.
            rows = dated.values("year", "quarter", value=F(path)).annotate(n=Count("pk")).order_by()
            for row in rows:
                if dimension == "country":
                    by_quarter[event][_label(row["year"], row["quarter"])] += row["n"]
                value = row["value"] or ""
                if dimension == "sector":
                    value = sector_names.get(value, value) or _("No sector")
                else:
                    value = str(countries.name(value)) or value
                key = (event, _label(row["year"], row["quarter"]), value)
                by_dimension[dimension][key] += row["n"]
                totals[dimension][event][value] += row["n"]
    return by_quarter, by_dimension, totals


def _failed_by_section(since: date) -> list[tuple[int, str, int]]:
    rows = (
        Finding.objects.filter(
            result=Finding.Result.NOT_COMPLIANT,
            inspection__approved_at__date__gte=since,
        )
        .values("standard__section__number", "standard__section__title")
        .annotate(n=Count("pk"))
        .order_by("standard__section__number")
    )
    merged: dict[int, list] = {}
    for row in rows:
        number = row["standard__section__number"]
        entry = merged.setdefault(number, [number, row["standard__section__title"], 0])
        entry[2] += row["n"]
    return [tuple(entry) for entry in merged.values()]


def _fee_violations(since: date) -> list[dict]:
    recorded = FeeViolation.objects.filter(charged_on__gte=since)
    rows = (
        recorded.values("category", "currency")
        .annotate(
            n=Count("pk"),
            workers=Sum("workers_affected"),
            charged=Sum("amount"),
            ordered=Sum("repayment_ordered"),
        )
        .order_by("category", "currency")
    )
    repaid = {
        (row["violation__category"], row["violation__currency"]): row["total"]
        for row in Repayment.objects.filter(violation__in=recorded, state=Repayment.State.ACCEPTED)
        .values("violation__category", "violation__currency")
        .annotate(total=Sum("amount"))
        .order_by()
    }
    result = []
    for row in rows:
        small = row["n"] < SUPPRESS_BELOW
        result.append(
            {
                "category": row["category"],
                "category_words": str(FeeCategory(row["category"]).label),
                "currency": row["currency"],
                "violations": shown(row["n"]),
                # Amounts behind a small count could identify the workers: suppressed too.
                "charged": None if small else row["charged"] or Decimal(0),
                "ordered": None if small else row["ordered"] or Decimal(0),
                "repaid": None
                if small
                else repaid.get((row["category"], row["currency"]), Decimal(0)),
            }
        )
    return result


def _working_days(start: date, end: date, holidays: set[date]) -> int:
    days, current = 0, start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5 and current not in holidays:
            days += 1
    return days


def _processing(since: date) -> list[dict]:
    policy = LicensingPolicy.load()
    application_days = [
        (decided - tasked).days
        for tasked, decided in Application.objects.filter(
            decided_at__date__gte=since, inspection_tasked_at__isnull=False
        ).values_list("inspection_tasked_at", "decided_at")
    ]
    compliance = list(
        Inspection.objects.filter(
            ~Q(kind__in=[Inspection.Kind.APPLICATION]), approved_at__date__gte=since
        ).values_list("scheduled_for", "approved_at")
    )
    holidays = set(
        Holiday.objects.filter(date__gte=since - timedelta(days=400)).values_list("date", flat=True)
    )
    compliance_days = [
        _working_days(scheduled, approved.date(), holidays) for scheduled, approved in compliance
    ]

    def measure(name, unit, target, values):
        within = sum(1 for v in values if v <= target)
        return {
            "measure": name,
            "unit": unit,
            "target": target,
            "cases": shown(len(values)),
            "average": round(sum(values) / len(values)) if len(values) >= SUPPRESS_BELOW else None,
            "median": round(median(values)) if len(values) >= SUPPRESS_BELOW else None,
            "within_target_percent": round(100 * within / len(values))
            if len(values) >= SUPPRESS_BELOW
            else None,
        }

    return [
        measure(
            _("Application inspection tasked to decision"),
            _("days"),
            policy.application_target_days,
            application_days,
        ),
        measure(
            _("Compliance case, inspection to approved report"),
            _("working days"),
            policy.compliance_target_working_days,
            compliance_days,
        ),
    ]


CACHE_SECONDS = 600


def cached_enforcement_statistics() -> Statistics:
    """The statistics as published: worked out at most every ten minutes per language (the
    aggregates read the whole register; the figures move slowly)."""
    key = f"enforcement-statistics:{timezone.localdate()}:{get_language()}"
    return cache.get_or_set(key, enforcement_statistics, CACHE_SECONDS)


def enforcement_statistics(*, today: date | None = None) -> Statistics:
    today = today or timezone.localdate()
    shown_quarters = quarters(today)
    since = date(shown_quarters[0][0], 3 * (shown_quarters[0][1] - 1) + 1, 1)
    by_quarter, by_dimension, totals = _counts(since)
    labels = [_label(y, q) for y, q in shown_quarters]
    return Statistics(
        generated_at=timezone.now(),
        quarters=labels,
        by_quarter={
            event: {q: counts.get(q, 0) for q in labels} for event, counts in by_quarter.items()
        },
        by_dimension=by_dimension,
        totals_by_dimension={
            dimension: {event: dict(values) for event, values in events.items()}
            for dimension, events in totals.items()
        },
        failed_by_section=_failed_by_section(since),
        fee_violations=_fee_violations(since),
        processing=_processing(since),
        events=[(key, str(words)) for key, words in EVENTS],
    )
