"""Pre-appeals and appeals against refusals and revocations, and what their outcomes do."""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.models import AdverseDecision, Appeal, AuditAction, Licence
from licensing.services.licences import issue_certificate, licence_end
from licensing.workflow import ServiceError, audit, lock, require_office, transition

DECIDE = "licensing.decide_application"


def appeal_lodge(
    *, decision, actor, kind: str, lodged_on: date, grounds: str = "", late_admitted=False
) -> Appeal:
    """Record a pre-appeal or appeal. A late appeal needs the tribunal's admission."""
    require_office(actor, DECIDE, decision.provider)
    with transaction.atomic():
        decision = lock(decision)
        if kind == Appeal.Kind.PRE_APPEAL:
            if decision.kind != AdverseDecision.Kind.REFUSAL:
                raise ServiceError(_("A pre-appeal is only possible against a refusal."))
            deadline = decision.pre_appeal_deadline
        else:
            deadline = decision.appeal_deadline
        is_late = lodged_on > deadline
        if is_late and not late_admitted:
            raise ServiceError(
                _(
                    "The deadline was %(date)s. Record a late appeal only once the tribunal has "
                    "admitted it."
                )
                % {"date": deadline.strftime("%d %B %Y")}
            )
        appeal = Appeal.objects.create(
            decision=decision, kind=kind, lodged_on=lodged_on, is_late=is_late, grounds=grounds
        )
        transition(
            decision,
            "appeal_lodged",
            actor=actor,
            reason=grounds,
            data={"appeal": appeal.pk, "kind": kind, "late": is_late},
        )
    return appeal


# An appeal's outcome: the appeal's own transition and the decision's.
OUTCOMES = {
    Appeal.State.ALLOWED: ("allow", "appeal_allowed"),
    Appeal.State.DISMISSED: ("dismiss", "appeal_dismissed"),
    Appeal.State.WITHDRAWN: ("withdraw", "appeal_withdrawn"),
}


def appeal_decide(*, appeal, actor, outcome: str, reason: str = "") -> Appeal:
    """Record the outcome: allowed reverses the decision, dismissed lets it take effect,
    withdrawn leaves it as if no appeal was lodged."""
    require_office(actor, DECIDE, appeal.decision.provider)
    if outcome not in OUTCOMES:
        raise ServiceError(_("Choose allowed, dismissed or withdrawn."))
    appeal_transition, decision_transition = OUTCOMES[outcome]
    with transaction.atomic():
        decision = lock(appeal.decision)
        appeal = lock(appeal)
        transition(appeal, appeal_transition, actor=actor, reason=reason)
        transition(
            decision,
            decision_transition,
            actor=actor,
            reason=reason,
            public=True,
            data={"appeal": appeal.pk},
        )
        if decision.state == AdverseDecision.State.REVERSED:
            _reverse(decision, actor, reason)
        elif decision.state == AdverseDecision.State.DUE:
            revocation_takes_effect(decision, actor=actor)
    return appeal


def _reverse(decision, actor, reason):
    if decision.kind == AdverseDecision.Kind.REFUSAL:
        application = lock(decision.application)
        transition(application, "reopen_after_appeal", actor=actor, reason=reason, public=True)
    elif decision.licence.state == Licence.State.REVOKED:
        licence = lock(decision.licence)
        transition(licence, "reinstate", actor=actor, reason=reason, public=True)
        issue_certificate(licence=licence)
    else:
        # The licence stayed in force throughout; the pending revocation simply lapses.
        audit(
            actor=actor,
            action=AuditAction.REVOCATION_WITHDRAWN,
            obj=decision.licence,
            reason=reason,
            from_state=decision.licence.state,
            to_state=decision.licence.state,
            public=True,
        )


def revocation_takes_effect(decision, *, actor) -> None:
    """A revocation that became due (window closed, or appeal dismissed) revokes the licence,
    inside the caller's transaction, and the decision becomes final."""
    licence = lock(decision.licence)
    if licence.is_in_force:
        licence_end(licence, "revocation_takes_effect", actor=actor, reason=decision.reasons)
        notifications.licence_status_changed(licence, decision.reasons)
    transition(decision, "took_effect", actor=actor)
