"""Inspections: scheduling, the visit, findings and evidence, the report and its review, and
applying the conditions an approved report proposes."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import Concern, Finding, FindingAttachment, Inspection
from inspections.scoring import score_inspection
from inspections.services.risk import refresh_risk_on_commit
from inspections.services.standards import current_edition
from licensing import services as licensing_services
from licensing.models import Application, AuditAction
from licensing.uploads import validate_upload
from licensing.workflow import (
    ServiceError,
    TransitionRefused,
    audit,
    lock,
    require_independent,
    require_office,
    require_perm,
    transition,
)


def _require_assigned_inspector(actor, inspection):
    require_office(actor, "inspections.record_findings", inspection.provider)
    if actor.pk != inspection.inspector_id:
        raise PermissionDenied(_("Only the inspector assigned to this inspection can do this."))


def _check_inspector(inspector):
    if inspector is None or not inspector.has_perm("inspections.record_findings"):
        raise ServiceError(_("Choose an inspector."))


def inspection_schedule(
    *,
    actor,
    kind: str,
    inspector,
    scheduled_for: date,
    provider=None,
    licence=None,
    application=None,
    concern=None,
) -> Inspection:
    """Schedule an inspection and assign it to an inspector. An application inspection needs
    the application to be at its inspection step; compliance inspections and re-inspections
    are of a licence; a complaint-led one follows a concern."""
    require_perm(actor, "inspections.schedule_inspection")
    _check_inspector(inspector)
    if kind not in Inspection.Kind.values:
        raise ServiceError(_("Choose the kind of inspection."))
    if scheduled_for is None:
        raise ServiceError(_("Give the date of the visit."))
    if kind == Inspection.Kind.APPLICATION:
        if application is None:
            raise ServiceError(_("An application inspection must name the application."))
        if application.state != Application.State.INSPECTION:
            raise ServiceError(
                _("The licensing officer has not tasked an inspection on this application.")
            )
        provider = application.provider
    elif kind == Inspection.Kind.COMPLAINT:
        if concern is None:
            raise ServiceError(_("A complaint-led inspection must follow a concern."))
        provider = concern.provider
    else:
        if licence is None:
            raise ServiceError(_("Compliance inspections and re-inspections are of a licence."))
        provider = licence.provider
    if provider is None:
        raise ServiceError(_("Link the concern to a labour provider first."))
    if licence is not None and licence.provider_id != provider.pk:
        raise ServiceError(_("That licence belongs to another provider."))
    for who in (actor, inspector):
        require_independent(who, provider)
    with transaction.atomic():
        inspection = Inspection.objects.create(
            kind=kind,
            provider=provider,
            licence=licence,
            application=application,
            concern=concern,
            edition=current_edition(),
            inspector=inspector,
            scheduled_for=scheduled_for,
            scheduled_by=actor,
        )
        audit(
            actor=actor,
            action=AuditAction.INSPECTION_SCHEDULED,
            obj=inspection,
            to_state=inspection.state,
            data={"inspection": inspection.reference, "kind": kind},
        )
    return inspection


def inspection_reassign(
    *, inspection, actor, inspector, scheduled_for: date, expected_version=None
) -> Inspection:
    require_office(actor, "inspections.schedule_inspection", inspection.provider)
    _check_inspector(inspector)
    require_independent(inspector, inspection.provider)
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        if inspection.state not in (Inspection.State.SCHEDULED, Inspection.State.IN_PROGRESS):
            raise TransitionRefused(_("Only an inspection not yet reported on can be reassigned."))
        inspection.inspector = inspector
        inspection.scheduled_for = scheduled_for
        inspection.version += 1
        inspection.save()
        audit(
            actor=actor,
            action=AuditAction.INSPECTION_REASSIGNED,
            obj=inspection,
            data={"inspector": inspector.get_username(), "scheduled_for": str(scheduled_for)},
        )
    return inspection


def inspection_start(*, inspection, actor) -> Inspection:
    _require_assigned_inspector(actor, inspection)
    with transaction.atomic():
        inspection = lock(inspection)
        transition(inspection, "start", actor=actor)
    return inspection


def _require_editable(inspection):
    if inspection.state not in Inspection.EDITABLE_STATES:
        raise TransitionRefused(
            _("The report can only be changed while the inspection is in progress or returned.")
        )


def inspection_record_visit(
    *,
    inspection,
    actor,
    visited_on: date,
    workers_employed: int | None,
    workers_interviewed: int | None,
    sites: str = "",
    interpreter_used: bool = False,
    labour_users_visited: str = "",
    summary: str = "",
    expected_version=None,
) -> Inspection:
    _require_assigned_inspector(actor, inspection)
    if visited_on and visited_on > timezone.localdate():
        raise ServiceError(_("The date of the visit cannot be in the future."))
    if (
        workers_employed is not None
        and workers_interviewed is not None
        and workers_interviewed > workers_employed
    ):
        raise ServiceError(_("More workers interviewed than employed: check the numbers."))
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        _require_editable(inspection)
        inspection.visited_on = visited_on
        inspection.workers_employed = workers_employed
        inspection.workers_interviewed = workers_interviewed
        inspection.sites = sites.strip()
        inspection.interpreter_used = interpreter_used
        inspection.labour_users_visited = labour_users_visited.strip()
        inspection.summary = summary.strip()
        inspection.version += 1
        inspection.save()
        audit(actor=actor, action=AuditAction.INSPECTION_VISIT_RECORDED, obj=inspection)
    return inspection


def finding_record(*, inspection, actor, standard, result: str, evidence: str = "") -> Finding:
    """Record (or correct) the finding on one standard. Its points and critical flag are
    copied from the standard now, so later corrections to the catalogue never rescore it."""
    _require_assigned_inspector(actor, inspection)
    if result not in Finding.Result.values:
        raise ServiceError(_("Choose compliant, not compliant or not assessed."))
    if standard.edition_id != inspection.edition_id:
        raise ServiceError(_("That standard is not in the edition this inspection uses."))
    if result == Finding.Result.NOT_COMPLIANT and not evidence.strip():
        raise ServiceError(
            _("Standard %(code)s: describe the evidence for a failure.") % {"code": standard.code}
        )
    with transaction.atomic():
        inspection = lock(inspection)
        _require_editable(inspection)
        finding, _created = Finding.objects.update_or_create(
            inspection=inspection,
            standard=standard,
            defaults={
                "result": result,
                "evidence": evidence.strip(),
                "points": standard.points,
                "critical": standard.critical,
                "recorded_by": actor,
                "recorded_at": timezone.now(),
            },
        )
    return finding


def finding_attach(*, finding, actor, file) -> FindingAttachment:
    """Attach evidence to a finding; the same file rules as the portal (PDF, JPEG or PNG)."""
    _require_assigned_inspector(actor, finding.inspection)
    _require_editable(finding.inspection)
    try:
        content_type = validate_upload(file)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        attachment = FindingAttachment.objects.create(
            finding=finding,
            file=file,
            original_name=(getattr(file, "name", "") or "evidence")[:255],
            content_type=content_type,
            size=file.size,
            uploaded_by=actor,
        )
        audit(
            actor=actor,
            action=AuditAction.EVIDENCE_ATTACHED,
            obj=finding.inspection,
            data={"standard": finding.standard.code, "attachment": attachment.pk},
        )
    return attachment


def _store_score(inspection):
    score = score_inspection(inspection)
    inspection.failed_points = score.failed_points
    inspection.critical_failures = score.critical_failures
    inspection.outcome = score.outcome
    return score


def inspection_submit(*, inspection, actor, expected_version=None) -> Inspection:
    """The inspector submits the report for review; the score is computed from the findings."""
    _require_assigned_inspector(actor, inspection)
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        score = _store_score(inspection)
        transition(
            inspection,
            "submit",
            actor=actor,
            data={"points": score.failed_points, "outcome": score.outcome},
        )
    return inspection


def _require_reviewer(actor, inspection):
    require_office(actor, "inspections.review_report", inspection.provider)
    if actor.pk == inspection.inspector_id:
        raise PermissionDenied(_("Inspectors cannot review their own reports."))


def inspection_return(*, inspection, actor, comments: str, expected_version=None) -> Inspection:
    _require_reviewer(actor, inspection)
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        inspection.review_comments = comments.strip()
        inspection.reviewed_by = actor
        transition(inspection, "return_to_inspector", actor=actor, reason=comments)
    return inspection


def inspection_approve(
    *, inspection, actor, comments: str = "", expected_version=None
) -> Inspection:
    """A decision maker approves the report. An application inspection hands the case back to
    the licensing officer; a complaint-led one settles its concern (upheld when any standard
    failed)."""
    _require_reviewer(actor, inspection)
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        score = _store_score(inspection)
        inspection.review_comments = comments.strip()
        inspection.reviewed_by = actor
        transition(inspection, "approve", actor=actor, reason=comments)
        application = inspection.application
        if application is not None and application.state == Application.State.INSPECTION:
            licensing_services.application_complete_inspection(
                application=application,
                actor=actor,
                reason=_("Inspection %(reference)s approved: %(outcome)s")
                % {"reference": inspection.reference, "outcome": score.outcome_label},
            )
        concern = inspection.concern
        if concern is not None and concern.state == Concern.State.INSPECTION_OPENED:
            concern = lock(concern)
            concern.outcome = Concern.Outcome.UPHELD if score.failed else Concern.Outcome.NOT_UPHELD
            concern.outcome_decided_at = timezone.now()
            concern.closed_reason = _("Complaint-led inspection %(reference)s: %(outcome)s.") % {
                "reference": inspection.reference,
                "outcome": score.outcome_label,
            }
            transition(concern, "close", actor=actor, reason=concern.closed_reason)
        refresh_risk_on_commit(inspection.provider_id)
    return inspection


def inspection_cancel(*, inspection, actor, reason: str, expected_version=None) -> Inspection:
    require_office(actor, "inspections.schedule_inspection", inspection.provider)
    with transaction.atomic():
        inspection = lock(inspection, expected_version)
        inspection.cancelled_reason = reason.strip()
        transition(inspection, "cancel", actor=actor, reason=reason)
    return inspection


def inspection_apply_conditions(*, inspection, actor, reason: str = ""):
    """Apply the conditions an approved report proposes, in one action: grant the application
    with them, or impose them on the licence."""
    application = inspection.application
    if application is not None and application.state not in Application.DECIDED_STATES:
        require_perm(actor, "licensing.decide_application")
    else:
        require_perm(actor, "licensing.manage_conditions")
    if inspection.state != Inspection.State.APPROVED:
        raise TransitionRefused(_("Only an approved report's conditions can be applied."))
    if inspection.conditions_applied_at is not None:
        raise TransitionRefused(_("These conditions were already applied."))
    proposed = score_inspection(inspection).proposed_conditions
    if not proposed:
        raise ServiceError(_("This report proposes no conditions."))
    reason = reason.strip() or _("Conditions proposed by inspection %(reference)s.") % {
        "reference": inspection.reference
    }
    with transaction.atomic():
        inspection = lock(inspection)
        if inspection.conditions_applied_at is not None:
            raise TransitionRefused(_("These conditions were already applied."))
        application = inspection.application
        if application is not None and application.state not in Application.DECIDED_STATES:
            result = licensing_services.application_grant(
                application=application, actor=actor, reason=reason, conditions=proposed
            )
        elif inspection.licence is not None:
            result = licensing_services.licence_impose_conditions(
                licence=inspection.licence, actor=actor, conditions=proposed, reason=reason
            )
        else:
            raise ServiceError(_("There is no open application or licence to apply them to."))
        inspection.conditions_applied_at = timezone.now()
        inspection.save(update_fields=["conditions_applied_at"])
        audit(
            actor=actor,
            action=AuditAction.INSPECTION_CONDITIONS_APPLIED,
            obj=inspection,
            data={"conditions": len(proposed)},
        )
    return result
