"""Licences after the grant: certificates, additional licence conditions, suspension,
surrender, early expiry and revocation."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.calendar import add_working_days
from licensing.models import (
    AdverseDecision,
    AuditAction,
    Certificate,
    Licence,
    LicenceCondition,
    LicensingPolicy,
)
from licensing.selectors import pending_revocation
from licensing.workflow import (
    ServiceError,
    TransitionRefused,
    audit,
    lock,
    require_four_eyes,
    require_office,
    transition,
)

MANAGE_LICENCE = "licensing.manage_licence"
MANAGE_CONDITIONS = "licensing.manage_conditions"


@dataclass(frozen=True)
class ConditionSpec:
    text: str
    due_date: date
    standard_code: str = ""
    standard_title: str = ""
    # The inspector's private note behind the condition: staff see it, the public never.
    evidence: str = ""


def issue_certificate(*, licence) -> Certificate:
    """A fresh certificate (and verification code) for the licence as it stands now."""
    return Certificate.objects.create(licence=licence, valid_until=licence.expires_on)


# Additional licence conditions.


def conditions_impose(
    *, licence, actor, conditions: list[ConditionSpec], reason: str, application=None
) -> tuple[Licence, list[LicenceCondition]]:
    """Add conditions to a licence in force, inside the caller's transaction; returns the
    licence as it now stands and the conditions."""
    licence = lock(licence)
    created = [
        LicenceCondition.objects.create(
            licence=licence,
            application=application,
            text=spec.text,
            inspection_evidence=spec.evidence,
            due_date=spec.due_date,
            standard_code=spec.standard_code,
            standard_title=spec.standard_title,
        )
        for spec in conditions
    ]
    transition(
        licence,
        "impose_conditions",
        actor=actor,
        reason=reason,
        public=True,
        data={"conditions": [c.pk for c in created]},
    )
    issue_certificate(licence=licence)
    return licence, created


def licence_impose_conditions(
    *, licence, actor, conditions, reason: str = "", expected_version=None
) -> list[LicenceCondition]:
    require_office(actor, MANAGE_CONDITIONS, licence.provider)
    if not conditions:
        raise ServiceError(_("Add at least one condition."))
    with transaction.atomic():
        if expected_version is not None:
            lock(licence, expected_version)
        _licence, created = conditions_impose(
            licence=licence, actor=actor, conditions=list(conditions), reason=reason
        )
        for condition in created:
            notifications.condition_imposed(condition)
    return created


def condition_mark_met(*, condition, actor, reason: str = "") -> LicenceCondition:
    return _resolve_condition(condition, actor, "mark_met", reason)


def condition_mark_breached(*, condition, actor, reason: str = "") -> LicenceCondition:
    return _resolve_condition(condition, actor, "mark_breached", reason)


def _resolve_condition(condition, actor, name, reason):
    require_office(actor, MANAGE_CONDITIONS, condition.licence.provider)
    with transaction.atomic():
        licence = lock(condition.licence)
        condition = lock(condition)
        transition(
            condition,
            name,
            actor=actor,
            reason=reason,
            public=True,
            data={"condition": condition.text},
        )
        if (
            licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
            and licence.has_no_open_conditions()
        ):
            transition(licence, "conditions_all_met", actor=actor, public=True)
            issue_certificate(licence=licence)
    return condition


# Suspension, surrender, early expiry and revocation.


def licence_end(licence, name: str, *, actor, reason: str, data=None):
    """Run a status change on a locked licence and keep the reason on it; the change is public
    (it shows on the register, the changes feed and watchers' alerts)."""
    licence.ended_reason = reason
    return transition(licence, name, actor=actor, reason=reason, public=True, data=data)


def _licence_status(licence, name, *, actor, reason, expected_version):
    require_office(actor, MANAGE_LICENCE, licence.provider)
    if name == "suspend":
        require_four_eyes(actor, licence=licence)
    with transaction.atomic():
        licence = lock(licence, expected_version)
        licence_end(licence, name, actor=actor, reason=reason)
        notifications.licence_status_changed(licence, reason)
    return licence


def licence_suspend(*, licence, actor, reason: str, expected_version=None) -> Licence:
    if not reason.strip():
        raise ServiceError(_("Give the reason for the suspension."))
    return _licence_status(
        licence, "suspend", actor=actor, reason=reason, expected_version=expected_version
    )


def licence_lift_suspension(*, licence, actor, reason: str = "", expected_version=None) -> Licence:
    require_office(actor, MANAGE_LICENCE, licence.provider)
    with transaction.atomic():
        licence = lock(licence, expected_version)
        licence_end(licence, "lift_suspension", actor=actor, reason=reason)
        issue_certificate(licence=licence)
        notifications.licence_status_changed(licence, reason)
    return licence


def licence_surrender(*, licence, actor, reason: str = "", expected_version=None) -> Licence:
    """Staff record a surrender (holders use a surrender application in the portal)."""
    return _licence_status(
        licence, "surrender", actor=actor, reason=reason, expected_version=expected_version
    )


def licence_expire(*, licence, actor, reason: str, expected_version=None) -> Licence:
    """End a licence early: the company was dissolved or its identity changed."""
    return _licence_status(
        licence, "expire", actor=actor, reason=reason, expected_version=expected_version
    )


def licence_revoke(
    *, licence, actor, reasons: str, immediate: bool, expected_version=None
) -> AdverseDecision:
    """Revoke a licence. With immediate effect it applies at once (appeal within 10 working
    days); otherwise the licence stays in force until the 20-working-day appeal window closes
    or an appeal is dismissed."""
    require_office(actor, MANAGE_LICENCE, licence.provider)
    require_four_eyes(actor, licence=licence)
    if not reasons.strip():
        raise ServiceError(_("Give the reasons for the revocation."))
    with transaction.atomic():
        licence = lock(licence, expected_version)
        if pending_revocation(licence) is not None:
            raise TransitionRefused(_("A revocation of this licence is already pending."))
        if not licence.is_in_force:
            raise TransitionRefused(
                _("Only a licence in force can be revoked; this one is “%(state)s”.")
                % {"state": licence.get_state_display()}
            )
        policy = LicensingPolicy.load()
        today = timezone.localdate()
        days = (
            policy.immediate_revocation_appeal_working_days
            if immediate
            else policy.appeal_working_days
        )
        decision = AdverseDecision.objects.create(
            kind=AdverseDecision.Kind.REVOCATION,
            licence=licence,
            provider=licence.provider,
            immediate_effect=immediate,
            reasons=reasons,
            decided_on=today,
            decided_by=actor,
            appeal_deadline=add_working_days(today, days),
        )
        data = {"decision": decision.pk, "appeal_deadline": str(decision.appeal_deadline)}
        if immediate:
            licence_end(
                licence, "revoke_with_immediate_effect", actor=actor, reason=reasons, data=data
            )
        else:
            # The licence stays in force: only the notice is recorded.
            licence.version += 1
            licence.save(update_fields=["version", "updated_at"])
            audit(
                actor=actor,
                action=AuditAction.REVOCATION_NOTICE,
                obj=licence,
                from_state=licence.state,
                to_state=licence.state,
                reason=reasons,
                public=True,
                data=data,
            )
        notifications.revocation_notice(decision)
    return decision
