"""Concerns from the public, and their triage by staff."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import (
    Concern,
    ConcernUpdate,
    Inspection,
    new_phrase,
    normalise_concern_reference,
    secret_hash,
)
from inspections.services.inspections import inspection_schedule
from inspections.services.risk import refresh_risk_on_commit
from licensing.models import AuditAction
from licensing.workflow import (
    ServiceError,
    TransitionRefused,
    audit,
    lock,
    require_perm,
    transition,
)

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
    reporter's details stay on the concern, where only permitted staff see them. The
    mailbox's secret phrase is returned on the concern (``secret_phrase``) to be shown once;
    only its hash is stored.
    """
    description = _clean_text(description, missing=_("Describe what happened."))
    if provider is None and not (provider_name or "").strip():
        raise ServiceError(_("Name the labour provider (or choose it from the register)."))
    phrase = new_phrase()
    with transaction.atomic():
        concern = Concern.objects.create(
            phrase_hash=secret_hash(phrase),
            provider=provider,
            provider_name_given=(provider_name or "").strip()[:200],
            description=description,
            language=(language or "en")[:10],
            contact_name=(contact_name or "").strip()[:200],
            contact_email=(contact_email or "").strip(),
            contact_phone=(contact_phone or "").strip()[:40],
        )
        audit(
            actor=None,
            action=AuditAction.CONCERN_REPORTED,
            obj=concern,
            to_state=concern.state,
            data={"language": concern.language},
        )
        refresh_risk_on_commit(concern.provider_id)
    concern.secret_phrase = phrase
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
        audit(
            actor=None,
            action=AuditAction.CONCERN_INFORMATION_ADDED,
            obj=concern,
            data={"update": update.pk},
        )
    return update


# Triage of concerns by staff.


def concern_start_review(*, concern, actor, expected_version=None) -> Concern:
    require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = lock(concern, expected_version)
        transition(concern, "start_review", actor=actor)
        if concern.assigned_to_id is None:
            concern.assigned_to = actor
            concern.save(update_fields=["assigned_to", "updated_at"])
    return concern


def concern_assess(
    *, concern, actor, provider=None, assessment: str = "", expected_version=None
) -> Concern:
    """Link the concern to a provider on the register and record the assessment."""
    require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = lock(concern, expected_version)
        if concern.state in (Concern.State.CLOSED,):
            raise TransitionRefused(_("This concern is closed."))
        concern.provider = provider
        concern.assessment = assessment.strip()
        concern.version += 1
        concern.save()
        audit(
            actor=actor,
            action=AuditAction.CONCERN_ASSESSED,
            obj=concern,
            data={"provider": provider.pk if provider else None},
        )
        refresh_risk_on_commit(concern.provider_id)
    return concern


def concern_close(*, concern, actor, reason: str, outcome: str, expected_version=None) -> Concern:
    """Close a concern with a reason and an outcome: upheld or not upheld. An upheld concern
    counts against the provider's fast-track renewal for a licence year."""
    require_perm(actor, "inspections.triage_concern")
    if outcome not in (Concern.Outcome.UPHELD, Concern.Outcome.NOT_UPHELD):
        raise ServiceError(_("Say whether the concern was upheld."))
    with transaction.atomic():
        concern = lock(concern, expected_version)
        concern.closed_reason = reason.strip()
        concern.outcome = outcome
        concern.outcome_decided_at = timezone.now()
        transition(concern, "close", actor=actor, reason=reason)
        refresh_risk_on_commit(concern.provider_id)
    return concern


def concern_open_inspection(
    *, concern, actor, inspector, scheduled_for: date, licence=None
) -> Inspection:
    """Turn a concern about an identified provider into a complaint-led inspection."""
    require_perm(actor, "inspections.triage_concern")
    with transaction.atomic():
        concern = lock(concern)
        if licence is None and concern.provider_id:
            licence = concern.provider.licences.in_force().order_by("-granted_on").first()
        transition(concern, "open_inspection", actor=actor)
        return inspection_schedule(
            actor=actor,
            kind=Inspection.Kind.COMPLAINT,
            provider=concern.provider,
            licence=licence,
            concern=concern,
            inspector=inspector,
            scheduled_for=scheduled_for,
        )
