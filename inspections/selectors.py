"""Reads shared by the office pages, the public site and the licensing decision."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import (
    Concern,
    FeeViolation,
    Finding,
    Inspection,
    InspectionSettings,
    LicenceRisk,
    Repayment,
    normalise_concern_reference,
)
from licensing.models import Application, Licence, LicenceCondition
from registry.models import LabourProvider


@dataclass(frozen=True)
class ConcernStatus:
    """What a reporter may see about their concern: nothing personal, nothing internal."""

    reference: str
    status: str
    status_label: str
    reported_at: datetime
    updated_at: datetime
    is_closed: bool


def concern_status_for_reporter(reference: str) -> ConcernStatus | None:
    """The status of the concern with this reference, or None when there is none."""
    normalised = normalise_concern_reference(reference)
    if not normalised:
        return None
    concern = Concern.objects.filter(reference=normalised).first()
    if concern is None:
        return None
    # An opened inspection reads as "under review": visits may be unannounced, and whoever
    # holds a reference (it could be the provider) must not learn that one is coming.
    shown = (
        Concern.State.UNDER_REVIEW
        if concern.state == Concern.State.INSPECTION_OPENED
        else Concern.State(concern.state)
    )
    return ConcernStatus(
        reference=concern.reference,
        status=shown.value,
        status_label=str(shown.label),
        reported_at=concern.reported_at,
        updated_at=concern.updated_at,
        is_closed=concern.state == Concern.State.CLOSED,
    )


# Inspection reports for the licensing decision.


def latest_approved_report(application) -> Inspection | None:
    """The most recent approved inspection of this application, which the officer weighs
    when deciding."""
    return (
        Inspection.objects.filter(application=application, state=Inspection.State.APPROVED)
        .select_related("inspector", "reviewed_by", "edition")
        .order_by("-approved_at", "-pk")
        .first()
    )


def latest_approved_report_for_licence(licence) -> Inspection | None:
    return (
        Inspection.objects.filter(licence=licence, state=Inspection.State.APPROVED)
        .select_related("inspector", "reviewed_by", "edition")
        .order_by("-approved_at", "-pk")
        .first()
    )


def inspections_for(*, user=None, state=None, q="") -> QuerySet[Inspection]:
    qs = Inspection.objects.select_related("provider", "licence", "application", "inspector")
    if user is not None:
        qs = qs.filter(inspector=user)
    if state:
        qs = qs.filter(state=state)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(reference__iexact=q)
            | Q(provider__legal_name__icontains=q)
            | Q(licence__urn__iexact=q)
            | Q(application__reference__iexact=q)
        )
    return qs.order_by("scheduled_for", "pk")


def review_queue() -> QuerySet[Inspection]:
    return inspections_for(state=Inspection.State.SUBMITTED).order_by("submitted_at", "pk")


def inspections_to_schedule() -> QuerySet[Application]:
    """Applications waiting for the inspection their assessment required, with none
    scheduled yet (a cancelled one does not count)."""
    booked = Inspection.objects.filter(application=OuterRef("pk")).exclude(
        state=Inspection.State.CANCELLED
    )
    return (
        Application.objects.filter(state=Application.State.INSPECTION)
        .exclude(Exists(booked))
        .select_related("provider")
        .order_by("inspection_tasked_at", "pk")
    )


def decisions_awaiting() -> QuerySet[Application]:
    """Applications under assessment that a decision maker can decide now: their application
    inspection is approved or waived."""
    approved = Inspection.objects.filter(
        application=OuterRef("pk"), state=Inspection.State.APPROVED
    )
    return (
        Application.objects.filter(state=Application.State.UNDER_ASSESSMENT)
        .filter(Q(Exists(approved)) | ~Q(inspection_waiver_reason=""))
        .select_related("provider", "assigned_to")
        .order_by("submitted_at", "pk")
    )


def findings_by_section(inspection: Inspection):
    """Every standard of the inspection's edition grouped by section, with its finding (or
    None): what the inspector fills in and what the report shows."""
    findings = {
        finding.standard_id: finding
        for finding in inspection.findings.prefetch_related("attachments")
    }
    sections = []
    for section in inspection.edition.sections.prefetch_related("standards"):
        rows = [(standard, findings.get(standard.pk)) for standard in section.standards.all()]
        if rows:
            sections.append((section, rows))
    return sections


def concern_queue(*, state=None, q="") -> QuerySet[Concern]:
    qs = Concern.objects.select_related("provider", "assigned_to")
    if state:
        qs = qs.filter(state=state)
    else:
        qs = qs.filter(state__in=[Concern.State.RECEIVED, Concern.State.UNDER_REVIEW])
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(reference__iexact=normalise_concern_reference(q) or q)
            | Q(provider_name_given__icontains=q)
            | Q(provider__legal_name__icontains=q)
        )
    return qs.order_by("reported_at", "pk")


# Recruitment-fee violations.


@dataclass
class CurrencyTotals:
    currency: str
    charged: Decimal = Decimal("0")
    ordered: Decimal = Decimal("0")
    repaid: Decimal = Decimal("0")
    workers_affected: int = 0
    violations: int = 0

    @property
    def outstanding(self) -> Decimal:
        return max(self.ordered - self.repaid, Decimal("0"))


def fee_violation_totals(*, provider=None) -> list[CurrencyTotals]:
    """Charged, ordered and repaid per currency, for one provider or the whole register.
    Amounts in different currencies are never added together."""
    violations = FeeViolation.objects.all()
    repayments = Repayment.objects.filter(state=Repayment.State.ACCEPTED)
    if provider is not None:
        violations = violations.filter(provider=provider)
        repayments = repayments.filter(violation__provider=provider)
    totals: dict[str, CurrencyTotals] = {}
    for row in (
        violations.order_by()
        .values("currency")
        .annotate(
            charged=Sum("amount"),
            ordered=Sum("repayment_ordered"),
            workers=Sum("workers_affected"),
            n=Count("pk"),
        )
    ):
        totals[row["currency"]] = CurrencyTotals(
            currency=row["currency"],
            charged=row["charged"] or Decimal("0"),
            ordered=row["ordered"] or Decimal("0"),
            workers_affected=row["workers"] or 0,
            violations=row["n"],
        )
    for row in repayments.order_by().values("violation__currency").annotate(repaid=Sum("amount")):
        currency = row["violation__currency"]
        totals.setdefault(currency, CurrencyTotals(currency=currency)).repaid = row["repaid"]
    return [totals[code] for code in sorted(totals)]


def repaid_to_workers(provider) -> list[tuple[str, Decimal]]:
    """What the provider repaid to workers under orders, per currency, as staff accepted it:
    the public figure, with nothing about the workers."""
    rows = (
        Repayment.objects.filter(violation__provider=provider, state=Repayment.State.ACCEPTED)
        .order_by()
        .values("violation__currency")
        .annotate(total=Sum("amount"))
    )
    cents = Decimal("0.01")
    return sorted((row["violation__currency"], row["total"].quantize(cents)) for row in rows)


def fee_violations(*, provider=None, state=None) -> QuerySet[FeeViolation]:
    qs = FeeViolation.objects.select_related("provider", "inspection", "concern").annotate(
        repaid_total=Coalesce(
            Sum("repayments__amount", filter=Q(repayments__state=Repayment.State.ACCEPTED)),
            Value(Decimal("0")),
        )
    )
    if provider is not None:
        qs = qs.filter(provider=provider)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-charged_on", "-pk")


# The risk-based inspection queue.


def _count(qs, group: str):
    """A correlated subquery counting `qs` rows per `group` (0 when there are none)."""
    return Coalesce(
        Subquery(qs.order_by().values(group).annotate(n=Count("pk")).values("n")[:1]),
        Value(0),
    )


def _sum(qs, group: str, field_name: str):
    return Coalesce(
        Subquery(qs.order_by().values(group).annotate(s=Sum(field_name)).values("s")[:1]),
        Value(0),
    )


@dataclass
class RiskReason:
    label: str
    points: float


def risk_ranking(*, today=None) -> QuerySet[Licence]:
    """Licences in force, riskiest first, with the parts of their score annotated.

    Everything is computed in the database (correlated aggregate subqueries) so that the
    ranking stays one query however many licences and findings there are; the page only
    fetches one page of rows. The weights are `InspectionSettings`.
    """
    weights = InspectionSettings.load()
    today = today or timezone.localdate()
    three_years = today - timedelta(days=3 * 365)
    failed = Finding.objects.filter(
        inspection__provider=OuterRef("provider_id"),
        inspection__state=Inspection.State.APPROVED,
        inspection__visited_on__gte=three_years,
        result=Finding.Result.NOT_COMPLIANT,
    )
    conditions = LicenceCondition.objects.filter(
        licence=OuterRef("pk"), state=LicenceCondition.State.OPEN
    )
    violations = FeeViolation.objects.filter(provider=OuterRef("provider_id"))
    last_visit = Inspection.objects.filter(
        provider=OuterRef("provider_id"), visited_on__isnull=False
    ).order_by("-visited_on", "-pk")
    sector_through = LabourProvider.sectors.through
    qs = Licence.objects.in_force().annotate(
        risk_failed_points=_sum(failed, "inspection__provider", "points"),
        risk_critical_failures=_count(failed.filter(critical=True), "inspection__provider"),
        risk_open_conditions=_count(conditions, "licence"),
        risk_overdue_conditions=_count(conditions.filter(due_date__lt=today), "licence"),
        risk_fee_violations=_count(violations.filter(charged_on__gte=three_years), "provider"),
        risk_unpaid_remedies=_count(
            violations.filter(state__in=FeeViolation.UNPAID_STATES), "provider"
        ),
        risk_overdue_remedies=_count(
            violations.filter(state=FeeViolation.State.OVERDUE), "provider"
        ),
        risk_concerns=_count(
            Concern.objects.filter(
                provider=OuterRef("provider_id"),
                reported_at__gte=timezone.now() - timedelta(days=365),
            ).exclude(outcome=Concern.Outcome.NOT_UPHELD),
            "provider",
        ),
        risk_high_risk_sector=Exists(
            sector_through.objects.filter(
                labourprovider_id=OuterRef("provider_id"),
                sector__code__in=weights.high_risk_sector_codes or [""],
            )
        ),
        risk_last_visit=Subquery(last_visit.values("visited_on")[:1]),
        risk_workers=Coalesce(Subquery(last_visit.values("workers_employed")[:1]), Value(0)),
    )

    def weighted(field_name, weight):
        return Cast(F(field_name), FloatField()) * Value(float(weight))

    score = (
        weighted("risk_failed_points", weights.weight_failed_point)
        + weighted("risk_critical_failures", weights.weight_critical_failure)
        + weighted("risk_open_conditions", weights.weight_open_condition)
        + weighted("risk_overdue_conditions", weights.weight_overdue_condition)
        + weighted("risk_fee_violations", weights.weight_fee_violation)
        + weighted("risk_unpaid_remedies", weights.weight_unpaid_remedy)
        + weighted("risk_overdue_remedies", weights.weight_overdue_remedy)
        + weighted("risk_concerns", weights.weight_concern)
        + Case(
            When(risk_high_risk_sector=True, then=Value(float(weights.weight_high_risk_sector))),
            default=Value(0.0),
            output_field=FloatField(),
        )
        + weighted("risk_workers", weights.weight_per_100_workers / 100)
        + Case(
            When(risk_last_visit__isnull=True, then=Value(float(weights.weight_never_inspected))),
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    return (
        qs.annotate(risk_score=ExpressionWrapper(score, output_field=FloatField()))
        .select_related("provider")
        .order_by("-risk_score", "urn")
    )


RISK_PARTS = [
    "risk_failed_points",
    "risk_critical_failures",
    "risk_open_conditions",
    "risk_overdue_conditions",
    "risk_fee_violations",
    "risk_unpaid_remedies",
    "risk_overdue_remedies",
    "risk_concerns",
    "risk_high_risk_sector",
    "risk_last_visit",
    "risk_workers",
]


def risk_parts(source) -> dict:
    """The parts of a score, from an annotated licence or a row of values, as stored on
    `LicenceRisk.parts`."""
    if not isinstance(source, dict):
        source = {name: getattr(source, name) for name in RISK_PARTS}
    parts = dict(source)
    if parts["risk_last_visit"] is not None:
        parts["risk_last_visit"] = str(parts["risk_last_visit"])
    return parts


def risk_reasons(parts: dict, weights: InspectionSettings | None = None) -> list[RiskReason]:
    """The parts of a risk score, in words, largest first."""
    weights = weights or InspectionSettings.load()
    counted = [
        (
            "risk_failed_points",
            weights.weight_failed_point,
            _("%(n)d points of failed standards in the last 3 years"),
        ),
        (
            "risk_critical_failures",
            weights.weight_critical_failure,
            _("%(n)d critical standard(s) failed in the last 3 years"),
        ),
        ("risk_open_conditions", weights.weight_open_condition, _("%(n)d open condition(s)")),
        (
            "risk_overdue_conditions",
            weights.weight_overdue_condition,
            _("%(n)d overdue condition(s)"),
        ),
        (
            "risk_fee_violations",
            weights.weight_fee_violation,
            _("%(n)d recruitment-fee violation(s) in the last 3 years"),
        ),
        (
            "risk_unpaid_remedies",
            weights.weight_unpaid_remedy,
            _("%(n)d repayment order(s) not fully repaid"),
        ),
        (
            "risk_overdue_remedies",
            weights.weight_overdue_remedy,
            _("%(n)d repayment order(s) past their deadline"),
        ),
        ("risk_concerns", weights.weight_concern, _("%(n)d concern(s) in the last year")),
        (
            "risk_workers",
            weights.weight_per_100_workers / 100,
            _("%(n)d workers employed at the last visit"),
        ),
    ]
    reasons = [
        RiskReason(label=label % {"n": parts.get(name) or 0}, points=parts[name] * float(weight))
        for name, weight, label in counted
        if parts.get(name) and weight
    ]
    if parts.get("risk_high_risk_sector") and weights.weight_high_risk_sector:
        reasons.append(
            RiskReason(_("Works in a high-risk sector"), float(weights.weight_high_risk_sector))
        )
    if parts.get("risk_last_visit") is None and weights.weight_never_inspected:
        reasons.append(RiskReason(_("Never inspected"), float(weights.weight_never_inspected)))
    return sorted(reasons, key=lambda reason: -reason.points)


def stored_risk_ranking() -> QuerySet[LicenceRisk]:
    """Licences in force by their stored risk score, riskiest first (an index scan)."""
    return (
        LicenceRisk.objects.filter(licence__state__in=Licence.IN_FORCE_STATES)
        .select_related("licence__provider")
        .order_by("-score", "licence_id")
    )


RISK_PAGE_SIZE = 50


@dataclass(frozen=True)
class RiskPage:
    rows: list[LicenceRisk]
    # Where the next page starts ("<score>_<licence id>"), None on the last page.
    next_after: str | None


def risk_page(*, after: str = "", size: int = RISK_PAGE_SIZE) -> RiskPage:
    """One page of the stored ranking after the row ``after`` names (keyset pagination: any
    page is an index range scan of ``size`` rows, where OFFSET would read every row before
    it). An ``after`` that is not a position is the first page."""
    qs = stored_risk_ranking()
    score, _sep, licence_id = after.partition("_")
    try:
        score, licence_id = float(score), int(licence_id)
    except ValueError:
        pass
    else:
        # (score, id) after the cursor in (-score, id) order; "score <= " bounds the range.
        qs = qs.filter(Q(score__lte=score) & (Q(score__lt=score) | Q(licence_id__gt=licence_id)))
    rows = list(qs[: size + 1])
    last = rows[size - 1] if len(rows) > size else None
    return RiskPage(
        rows=rows[:size], next_after=f"{last.score!r}_{last.licence_id}" if last else None
    )


def risk_scores_computed() -> tuple[datetime | None, datetime | None]:
    """When the oldest and newest stored scores were computed: how fresh the queue is."""
    found = LicenceRisk.objects.aggregate(oldest=Min("computed_at"), newest=Max("computed_at"))
    return found["oldest"], found["newest"]


def fast_track_blockers(licence, since) -> list[str]:
    """What in the holder's inspection and complaint record since `since` stands in the way of
    a fast-track renewal: failed standards, upheld complaints, and (whenever ordered) workers
    not repaid by the deadline. Registered with
    ``licensing.fast_track`` when the app loads."""
    provider = licence.provider
    reasons = []
    failed = Finding.objects.filter(
        inspection__provider=provider,
        inspection__state=Inspection.State.APPROVED,
        inspection__visited_on__gte=since,
        result=Finding.Result.NOT_COMPLIANT,
    ).count()
    if failed:
        reasons.append(
            _("%(count)d standard(s) failed at an inspection in the last licence year.")
            % {"count": failed}
        )
    upheld = Concern.objects.filter(
        provider=provider,
        outcome=Concern.Outcome.UPHELD,
        outcome_decided_at__date__gte=since,
    ).count()
    if upheld:
        reasons.append(
            _("%(count)d complaint(s) upheld in the last licence year.") % {"count": upheld}
        )
    overdue = FeeViolation.objects.filter(
        provider=provider, state=FeeViolation.State.OVERDUE
    ).count()
    if overdue:
        reasons.append(_("%(count)d order(s) to repay workers are overdue.") % {"count": overdue})
    return reasons
