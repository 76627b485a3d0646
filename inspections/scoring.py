"""The scheme's scoring, computed from the findings and never typed in.

The points of every failed standard are added. A critical failure, or a total at or above the
policy's fail threshold (30), is a fail. Fewer points with failures recommend one additional
licence condition per failed standard; no failures is a pass.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import Finding, Inspection, InspectionSettings
from licensing.models import LicensingPolicy
from licensing.services import ConditionSpec


@dataclass
class Score:
    failed_points: int
    critical_failures: int
    failed: list[Finding]
    outcome: str
    threshold: int
    proposed_conditions: list[ConditionSpec] = field(default_factory=list)

    @property
    def outcome_label(self) -> str:
        return str(Inspection.Outcome(self.outcome).label)

    @property
    def recommendation(self) -> str:
        if self.outcome == Inspection.Outcome.FAIL:
            if self.critical_failures:
                return _(
                    "Fail: %(count)d critical standard(s) failed. Refuse the application, or "
                    "consider revoking the licence."
                ) % {"count": self.critical_failures}
            return _(
                "Fail: %(points)d points of failed standards, at or above the threshold of "
                "%(threshold)d. Refuse the application, or consider revoking the licence."
            ) % {"points": self.failed_points, "threshold": self.threshold}
        if self.outcome == Inspection.Outcome.CONDITIONS:
            return _(
                "%(points)d points, under the threshold of %(threshold)d: grant or keep the "
                "licence with %(count)d additional licence condition(s)."
            ) % {
                "points": self.failed_points,
                "threshold": self.threshold,
                "count": len(self.proposed_conditions),
            }
        return _("Pass: no standard failed.")


def score_findings(findings, *, today: date | None = None) -> Score:
    """Score a set of findings with the points recorded on each finding."""
    policy = LicensingPolicy.load()
    threshold = policy.fail_threshold_points
    failed = [finding for finding in findings if finding.result == Finding.Result.NOT_COMPLIANT]
    points = sum(finding.points for finding in failed)
    critical = sum(1 for finding in failed if finding.critical)
    if critical or points >= threshold:
        outcome = Inspection.Outcome.FAIL
    elif failed:
        outcome = Inspection.Outcome.CONDITIONS
    else:
        outcome = Inspection.Outcome.PASS
    proposed = []
    if outcome == Inspection.Outcome.CONDITIONS:
        due = (today or timezone.localdate()) + timedelta(
            days=InspectionSettings.load().condition_due_days
        )
        proposed = [
            ConditionSpec(
                # The public wording by default: the standard's title (the register shows its
                # code and the due date beside it); the evidence stays with the staff.
                text=finding.standard.title or _("Put right what the inspection found."),
                evidence=finding.evidence.strip(),
                due_date=due,
                standard_code=finding.standard.code,
                standard_title=finding.standard.title[:200],
            )
            for finding in failed
        ]
    return Score(
        failed_points=points,
        critical_failures=critical,
        failed=failed,
        outcome=outcome,
        threshold=threshold,
        proposed_conditions=proposed,
    )


def score_inspection(inspection: Inspection, *, today: date | None = None) -> Score:
    findings = inspection.findings.select_related("standard")
    return score_findings(list(findings), today=today)
