"""Investigations of unlicensed activity opened from a concern, each step audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from inspections.models import Concern, UnlicensedInvestigation
from licensing.models import AuditAction
from licensing.workflow import ServiceError, audit, lock, require_perm, transition

TRIAGE = "inspections.triage_concern"


def investigation_open(*, concern, actor, business_name: str, labour_user_name: str = ""):
    """Record a concern as unlicensed activity and open its investigation."""
    require_perm(actor, TRIAGE)
    business_name = (business_name or "").strip() or concern.provider_name_given
    if not business_name:
        raise ServiceError(_("Name the business that supplies the workers."))
    with transaction.atomic():
        concern = lock(concern)
        Concern.objects.filter(pk=concern.pk).update(is_unlicensed_activity=True)
        investigation = UnlicensedInvestigation.objects.create(
            concern=concern,
            business_name=business_name[:200],
            labour_user_name=(labour_user_name or "").strip()[:200],
            opened_by=actor,
        )
        audit(
            actor=actor,
            action=AuditAction.INVESTIGATION_OPENED,
            obj=investigation,
            to_state=investigation.state,
            data={"concern": concern.reference},
        )
    return investigation


def _step(investigation, name, *, actor, reason, **kwargs):
    require_perm(actor, TRIAGE)
    if not reason.strip():
        raise ServiceError(_("Say what was done."))
    with transaction.atomic():
        investigation = lock(investigation)
        transition(investigation, name, actor=actor, reason=reason, **kwargs)
    return investigation


def investigation_gather_evidence(*, investigation, actor, evidence: str):
    return _step(investigation, "gather_evidence", actor=actor, reason=evidence, evidence=evidence)


def investigation_refer(*, investigation, actor, to: str):
    return _step(investigation, "refer", actor=actor, reason=to, to=to)


def investigation_close(*, investigation, actor, outcome: str, reason: str):
    if outcome not in UnlicensedInvestigation.Outcome.values:
        raise ServiceError(_("Choose the outcome."))
    return _step(investigation, "close", actor=actor, reason=reason, outcome=outcome, why=reason)
