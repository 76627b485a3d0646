"""Every write to concerns, inspections, findings and recruitment-fee violations.

Same pattern as ``licensing.services``: keyword-only arguments, one transaction, a
permission check, the row locked, the django-fsm transition and an audit entry in the
same transaction.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.currencies import ISO_4217, normalise_currency
from inspections.models import (
    Concern,
    ConcernUpdate,
    FeeSubcategory,
    FeeViolation,
    Finding,
    FindingAttachment,
    Inspection,
    LicenceRisk,
    Repayment,
    Standard,
    StandardsEdition,
    category_of,
    normalise_concern_reference,
)
from inspections.scoring import score_inspection
from licensing import services as licensing_services
from licensing.models import Application, Licence
from licensing.services import (
    ServiceError,
    TransitionRefused,
    _lock,
    _require_perm,
    _transition,
    record_audit,
)
from licensing.uploads import validate_upload

DESCRIPTION_MAX_CHARS = 10_000


def _clean_text(text: str, *, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(missing)
    if len(text) > DESCRIPTION_MAX_CHARS:
        raise ServiceError(
            _("Keep it under %(count)d characters.") % {"count": DESCRIPTION_MAX_CHARS}
        )
    return text


# Concerns from the public.


def concern_report(
    *,
    provider=None,
    provider_name: str = "",
    description: str,
    language: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Concern:
    """Record a concern from the public. Anyone may report, anonymously: there is no actor.

    The audit entry says that a concern arrived and nothing about who sent it: the
    reporter's details stay on the concern, where only permitted staff see them.
    """
    description = _clean_text(description, missing=_("Describe what happened."))
    if provider is None and not (provider_name or "").strip():
        raise ServiceError(_("Name the labour provider (or choose it from the register)."))
    with transaction.atomic():
        concern = Concern.objects.create(
            provider=provider,
            provider_name_given=(provider_name or "").strip()[:200],
            description=description,
            language=(language or "en")[:10],
            contact_name=(contact_name or "").strip()[:200],
            contact_email=(contact_email or "").strip(),
            contact_phone=(contact_phone or "").strip()[:40],
        )
        record_audit(
            actor=None,
            action="concern_reported",
            obj=concern,
            to_state=concern.state,
            data={"language": concern.language},
        )
        _refresh_risk_on_commit(concern.provider_id)
    return concern


def _concern_by_reference(reference: str) -> Concern:
    normalised = normalise_concern_reference(reference)
    concern = Concern.objects.filter(reference=normalised).first() if normalised else None
    if concern is None:
        raise ServiceError(
            _(
                "We have no concern with the reference “%(reference)s”. Check it against the "
                "reference you were given, for example C-7K2M-9XQ4."
            )
            % {"reference": (reference or "").strip()[:20]}
        )
    return concern


def concern_add_information(*, reference: str, text: str) -> ConcernUpdate:
    """The reporter adds information to their concern using its reference."""
    text = _clean_text(text, missing=_("Write the information you want to add."))
    with transaction.atomic():
        concern = _concern_by_reference(reference)
        update = ConcernUpdate.objects.create(concern=concern, text=text, from_reporter=True)
        record_audit(
            actor=None,
            action="concern_information_added",
            obj=concern,
            data={"update": update.pk},
        )
    return update


# Triage of concerns by staff.


def _concern_transition(concern, actor, name, *, reason=""):
    """Run a transition on a concern the caller has locked, with its audit entry."""
    from_state = _transition(concern, name)
    record_audit(
        actor=actor,
        action=f"concern_{name}",
        obj=concern,
        from_state=from_state,
        to_state=concern.state,
        reason=reason,
    )
    return concern


def concern_start_review(*, concern, actor, expected_version=None) -> Concern:
    _require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = _lock(concern, expected_version)
        _concern_transition(concern, actor, "start_review")
        if concern.assigned_to_id is None:
            concern.assigned_to = actor
            concern.save(update_fields=["assigned_to", "updated_at"])
    return concern


def concern_assess(
    *, concern, actor, provider=None, assessment: str = "", expected_version=None
) -> Concern:
    """Link the concern to a provider on the register and record the assessment."""
    _require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = _lock(concern, expected_version)
        if concern.state in (Concern.State.CLOSED,):
            raise TransitionRefused(_("This concern is closed."))
        concern.provider = provider
        concern.assessment = assessment.strip()
        concern.version += 1
        concern.save()
        record_audit(
            actor=actor,
            action="concern_assessed",
            obj=concern,
            data={"provider": provider.pk if provider else None},
        )
        _refresh_risk_on_commit(concern.provider_id)
    return concern


def concern_close(*, concern, actor, reason: str, outcome: str, expected_version=None) -> Concern:
    """Close a concern with a reason and an outcome: upheld or not upheld. An upheld concern
    counts against the provider's fast-track renewal for a licence year."""
    _require_perm(actor, "inspections.triage_concern")
    if outcome not in (Concern.Outcome.UPHELD, Concern.Outcome.NOT_UPHELD):
        raise ServiceError(_("Say whether the concern was upheld."))
    with transaction.atomic():
        concern = _lock(concern, expected_version)
        concern.closed_reason = reason.strip()
        concern.outcome = outcome
        concern.outcome_decided_at = timezone.now()
        _concern_transition(concern, actor, "close", reason=reason)
        _refresh_risk_on_commit(concern.provider_id)
    return concern


def concern_open_inspection(
    *, concern, actor, inspector, scheduled_for: date, licence=None
) -> Inspection:
    """Turn a concern about an identified provider into a complaint-led inspection."""
    _require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = _lock(concern)
        if licence is None and concern.provider_id:
            licence = concern.provider.licences.in_force().order_by("-granted_on").first()
        _concern_transition(concern, actor, "open_inspection")
        return inspection_schedule(
            actor=actor,
            kind=Inspection.Kind.COMPLAINT,
            provider=concern.provider,
            licence=licence,
            concern=concern,
            inspector=inspector,
            scheduled_for=scheduled_for,
        )


# Standards.


def current_edition() -> StandardsEdition:
    edition = StandardsEdition.objects.current()
    if edition is None:
        raise ServiceError(_("No edition of the licensing standards is published."))
    return edition


def standards_edition_copy(*, edition, name: str, actor) -> StandardsEdition:
    """Start a new (unpublished) edition as a copy of an existing one, to correct and publish;
    inspections already made keep the edition they used."""
    _require_perm(actor, "inspections.add_standardsedition")
    name = name.strip()
    if not name:
        raise ServiceError(_("Name the new edition."))
    if StandardsEdition.objects.filter(name=name).exists():
        raise ServiceError(_("An edition with that name already exists."))
    with transaction.atomic():
        copy = StandardsEdition.objects.create(name=name, notes=_("Copied from %s.") % edition)
        for section in edition.sections.prefetch_related("standards"):
            new_section = copy.sections.create(number=section.number, title=section.title)
            for standard in section.standards.all():
                Standard.objects.create(
                    edition=copy,
                    section=new_section,
                    code=standard.code,
                    title=standard.title,
                    guidance=standard.guidance,
                    critical=standard.critical,
                    points=standard.points,
                    position=standard.position,
                )
        record_audit(actor=actor, action="standards_edition_created", obj=copy)
    return copy


def standards_edition_publish(*, edition, actor, published_on: date | None = None):
    _require_perm(actor, "inspections.change_standardsedition")
    if edition.published_on is not None:
        raise ServiceError(_("This edition is already published."))
    if not edition.standards.exists():
        raise ServiceError(_("An edition needs at least one standard."))
    with transaction.atomic():
        edition.published_on = published_on or timezone.localdate()
        edition.save(update_fields=["published_on"])
        record_audit(actor=actor, action="standards_edition_published", obj=edition)
    return edition


# Inspections.


def _require_assigned_inspector(actor, inspection):
    _require_perm(actor, "inspections.record_findings")
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
    _require_perm(actor, "inspections.schedule_inspection")
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
        record_audit(
            actor=actor,
            action="inspection_scheduled",
            obj=inspection,
            to_state=inspection.state,
            data={"inspection": inspection.reference, "kind": kind},
        )
    return inspection


def inspection_reassign(
    *, inspection, actor, inspector, scheduled_for: date, expected_version=None
) -> Inspection:
    _require_perm(actor, "inspections.schedule_inspection")
    _check_inspector(inspector)
    with transaction.atomic():
        inspection = _lock(inspection, expected_version)
        if inspection.state not in (Inspection.State.SCHEDULED, Inspection.State.IN_PROGRESS):
            raise TransitionRefused(_("Only an inspection not yet reported on can be reassigned."))
        inspection.inspector = inspector
        inspection.scheduled_for = scheduled_for
        inspection.version += 1
        inspection.save()
        record_audit(
            actor=actor,
            action="inspection_reassigned",
            obj=inspection,
            data={"inspector": inspector.get_username(), "scheduled_for": str(scheduled_for)},
        )
    return inspection


def _inspection_transition(inspection, actor, name, *, reason=""):
    """Run a transition on an inspection the caller has locked, with its audit entry."""
    from_state = _transition(inspection, name)
    record_audit(
        actor=actor,
        action=f"inspection_{name}",
        obj=inspection,
        from_state=from_state,
        to_state=inspection.state,
        reason=reason,
        data={"inspection": inspection.reference},
    )
    return inspection


def inspection_start(*, inspection, actor) -> Inspection:
    _require_assigned_inspector(actor, inspection)
    with transaction.atomic():
        inspection = _lock(inspection)
        return _inspection_transition(inspection, actor, "start")


EDITABLE_STATES = (Inspection.State.IN_PROGRESS, Inspection.State.RETURNED)


def _require_editable(inspection):
    if inspection.state not in EDITABLE_STATES:
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
        inspection = _lock(inspection, expected_version)
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
        record_audit(actor=actor, action="inspection_visit_recorded", obj=inspection)
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
        inspection = _lock(inspection)
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
        record_audit(
            actor=actor,
            action="evidence_attached",
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
        inspection = _lock(inspection, expected_version)
        score = _store_score(inspection)
        _inspection_transition(inspection, actor, "submit")
        record_audit(
            actor=actor,
            action="inspection_scored",
            obj=inspection,
            data={"points": score.failed_points, "outcome": score.outcome},
        )
    return inspection


def _require_reviewer(actor, inspection):
    _require_perm(actor, "inspections.review_report")
    if actor.pk == inspection.inspector_id:
        raise PermissionDenied(_("Inspectors cannot review their own reports."))


def inspection_return(*, inspection, actor, comments: str, expected_version=None) -> Inspection:
    _require_reviewer(actor, inspection)
    with transaction.atomic():
        inspection = _lock(inspection, expected_version)
        inspection.review_comments = comments.strip()
        inspection.reviewed_by = actor
        _inspection_transition(inspection, actor, "return_to_inspector", reason=comments)
    return inspection


def inspection_approve(
    *, inspection, actor, comments: str = "", expected_version=None
) -> Inspection:
    """A decision maker approves the report. An application inspection hands the case back to
    the licensing officer; a complaint-led one settles its concern (upheld when any standard
    failed)."""
    _require_reviewer(actor, inspection)
    with transaction.atomic():
        inspection = _lock(inspection, expected_version)
        score = _store_score(inspection)
        inspection.review_comments = comments.strip()
        inspection.reviewed_by = actor
        _inspection_transition(inspection, actor, "approve", reason=comments)
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
            concern = _lock(concern)
            concern.outcome = Concern.Outcome.UPHELD if score.failed else Concern.Outcome.NOT_UPHELD
            concern.outcome_decided_at = timezone.now()
            concern.closed_reason = _("Complaint-led inspection %(reference)s: %(outcome)s.") % {
                "reference": inspection.reference,
                "outcome": score.outcome_label,
            }
            _concern_transition(concern, actor, "close", reason=concern.closed_reason)
        _refresh_risk_on_commit(inspection.provider_id)
    return inspection


def inspection_cancel(*, inspection, actor, reason: str, expected_version=None) -> Inspection:
    _require_perm(actor, "inspections.schedule_inspection")
    with transaction.atomic():
        inspection = _lock(inspection, expected_version)
        inspection.cancelled_reason = reason.strip()
        return _inspection_transition(inspection, actor, "cancel", reason=reason)


def inspection_apply_conditions(*, inspection, actor, reason: str = ""):
    """Apply the conditions an approved report proposes, in one action: grant the application
    with them, or impose them on the licence."""
    application = inspection.application
    if application is not None and application.state not in Application.DECIDED_STATES:
        _require_perm(actor, "licensing.decide_application")
    else:
        _require_perm(actor, "licensing.manage_conditions")
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
        inspection = _lock(inspection)
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
        record_audit(
            actor=actor,
            action="inspection_conditions_applied",
            obj=inspection,
            data={"conditions": len(proposed)},
        )
    return result


# Recruitment-fee violations.


def _decimal(value, *, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, TypeError) as exc:
        raise ServiceError(
            _("%(field)s must be an amount, like 350.00.") % {"field": field}
        ) from exc
    if not amount.is_finite() or amount <= 0:
        raise ServiceError(_("%(field)s must be more than zero.") % {"field": field})
    if amount != amount.quantize(Decimal("0.01")):
        raise ServiceError(_("%(field)s can have at most two decimal places.") % {"field": field})
    return amount


def fee_violation_record(
    *,
    actor,
    subcategory: str,
    amount,
    currency: str,
    workers_affected: int,
    collected_by: str,
    country: str,
    charged_on: date,
    inspection=None,
    concern=None,
    category: str = "",
    evidence: str = "",
    standard_code: str = "7.1",
    worker_names: str = "",
) -> FeeViolation:
    """Record recruitment fees or related costs charged to workers, found on an inspection or
    reported in a concern."""
    _require_perm(actor, "inspections.record_findings")
    if inspection is None and concern is None:
        raise ServiceError(_("A violation is found on an inspection or reported in a concern."))
    provider = inspection.provider if inspection is not None else concern.provider
    if provider is None:
        raise ServiceError(_("Link the concern to a labour provider first."))
    derived = category_of(subcategory)
    if not derived:
        raise ServiceError(_("Choose what the workers were charged for."))
    if category and category != derived:
        raise ServiceError(
            _("“%(type)s” is not in the category you chose.")
            % {"type": FeeSubcategory(subcategory).label}
        )
    amount = _decimal(amount, field=_("The amount"))
    currency = normalise_currency(currency)
    if currency not in ISO_4217:
        raise ServiceError(_("Give the currency as an ISO 4217 code, like GBP, EUR or PLN."))
    if not workers_affected or int(workers_affected) < 1:
        raise ServiceError(_("Say how many workers were affected (at least one)."))
    if collected_by not in FeeViolation.CollectedBy.values:
        raise ServiceError(_("Say who collected the money."))
    if not country:
        raise ServiceError(_("Say in which country the money was charged."))
    if charged_on is None or charged_on > timezone.localdate():
        raise ServiceError(_("Give the date the money was charged (not in the future)."))
    with transaction.atomic():
        violation = FeeViolation.objects.create(
            provider=provider,
            inspection=inspection,
            concern=concern,
            category=derived,
            subcategory=subcategory,
            amount=amount,
            currency=currency,
            workers_affected=int(workers_affected),
            collected_by=collected_by,
            country=country,
            charged_on=charged_on,
            evidence=evidence.strip(),
            standard_code=standard_code.strip() or "7.1",
            worker_names=worker_names.strip(),
            recorded_by=actor,
        )
        record_audit(
            actor=actor,
            action="fee_violation_recorded",
            obj=violation,
            data={"amount": str(amount), "currency": currency, "workers": int(workers_affected)},
        )
        _refresh_risk_on_commit(violation.provider_id)
    return violation


def fee_violation_order_repayment(
    *, violation, actor, amount, deadline: date, expected_version=None
) -> FeeViolation:
    _require_perm(actor, "inspections.order_repayment")
    amount = _decimal(amount, field=_("The repayment"))
    if deadline is None or deadline < timezone.localdate():
        raise ServiceError(_("Give a repayment deadline that has not passed."))
    with transaction.atomic():
        violation = _lock(violation, expected_version)
        if amount > violation.amount:
            raise ServiceError(_("The repayment ordered cannot exceed the amount charged."))
        violation.repayment_ordered = amount
        violation.repayment_deadline = deadline
        from_state = _transition(violation, "order_repayment")
        record_audit(
            actor=actor,
            action="repayment_ordered",
            obj=violation,
            from_state=from_state,
            to_state=violation.state,
            data={"amount": str(amount), "currency": violation.currency, "by": str(deadline)},
        )
        _refresh_risk_on_commit(violation.provider_id)
    return violation


def repayment_record(
    *,
    violation,
    actor,
    amount,
    paid_on: date,
    workers_paid: int | None = None,
    confirmed_by_workers: bool = False,
    notes: str = "",
) -> Repayment:
    """Record money returned to workers, in the currency they were charged in."""
    _require_perm(actor, "inspections.record_findings")
    amount = _decimal(amount, field=_("The amount repaid"))
    if paid_on is None or paid_on > timezone.localdate():
        raise ServiceError(_("Give the date of the repayment (not in the future)."))
    with transaction.atomic():
        violation = _lock(violation)
        repayment = Repayment.objects.create(
            violation=violation,
            amount=amount,
            paid_on=paid_on,
            workers_paid=workers_paid,
            confirmed_by_workers=confirmed_by_workers,
            notes=notes.strip(),
            recorded_by=actor,
        )
        from_state = _transition(violation, "repayment_made")
        if (
            violation.state == FeeViolation.State.REPAID
            and not violation.repayments.filter(confirmed_by_workers=False).exists()
        ):
            violation.workers_confirmed_at = timezone.now()
            violation.save(update_fields=["workers_confirmed_at"])
        record_audit(
            actor=actor,
            action="repayment_recorded",
            obj=violation,
            from_state=from_state,
            to_state=violation.state,
            data={"amount": str(amount), "currency": violation.currency},
        )
        _refresh_risk_on_commit(violation.provider_id)
    return repayment


def repayment_confirm(*, repayment, actor) -> Repayment:
    """The workers confirmed they received this repayment."""
    _require_perm(actor, "inspections.record_findings")
    with transaction.atomic():
        violation = _lock(repayment.violation)
        repayment.confirmed_by_workers = True
        repayment.save(update_fields=["confirmed_by_workers"])
        if (
            violation.state == FeeViolation.State.REPAID
            and not violation.repayments.filter(confirmed_by_workers=False).exists()
        ):
            violation.workers_confirmed_at = timezone.now()
            violation.save(update_fields=["workers_confirmed_at"])
        record_audit(
            actor=actor,
            action="repayment_confirmed",
            obj=violation,
            data={"repayment": repayment.pk},
        )
    return repayment


def fee_violations_mark_overdue() -> int:
    """Orders not fully repaid by their deadline become overdue (run daily; idempotent)."""
    count = 0
    for pk in FeeViolation.objects.filter(
        state__in=[FeeViolation.State.ORDERED, FeeViolation.State.PARTLY_REPAID],
        repayment_deadline__lt=timezone.localdate(),
    ).values_list("pk", flat=True):
        with transaction.atomic():
            violation = FeeViolation.objects.select_for_update().get(pk=pk)
            if not violation.deadline_passed() or violation.state not in (
                FeeViolation.State.ORDERED,
                FeeViolation.State.PARTLY_REPAID,
            ):
                continue
            from_state = _transition(violation, "mark_overdue")
            record_audit(
                actor=None,
                action="repayment_overdue",
                obj=violation,
                from_state=from_state,
                to_state=violation.state,
            )
            count += 1
    return count


# Stored risk scores.

RISK_BATCH = 5000


def risk_scores_refresh(*, licence_ids=None) -> int:
    """Recompute and store the risk score of every licence in force (or of those given) with
    the aggregate ranking query; returns how many were stored."""
    from inspections.selectors import RISK_PARTS, risk_parts, risk_ranking

    ranking = risk_ranking()
    if licence_ids is not None:
        ranking = ranking.filter(pk__in=list(licence_ids))
    now = timezone.now()
    stored = 0
    rows = ranking.only("pk").values_list("pk", "risk_score", *RISK_PARTS)
    batch = []

    def flush():
        LicenceRisk.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["licence"],
            update_fields=["score", "parts", "computed_at"],
        )
        batch.clear()

    for pk, score, *values in rows.iterator(chunk_size=RISK_BATCH):
        parts = risk_parts(dict(zip(RISK_PARTS, values, strict=True)))
        batch.append(LicenceRisk(licence_id=pk, score=score, parts=parts, computed_at=now))
        stored += 1
        if len(batch) >= RISK_BATCH:
            flush()
    if batch:
        flush()
    if licence_ids is None:
        LicenceRisk.objects.exclude(licence__state__in=Licence.IN_FORCE_STATES).delete()
    return stored


def _refresh_risk_on_commit(provider_id):
    """Once the change is committed, rescore the provider's licences in force."""
    if provider_id is None:
        return

    def refresh():
        ids = list(
            Licence.objects.in_force().filter(provider_id=provider_id).values_list("pk", flat=True)
        )
        if ids:
            risk_scores_refresh(licence_ids=ids)

    transaction.on_commit(refresh)
