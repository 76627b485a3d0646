"""Every write to applications, licences, conditions and appeals.

Each service: keyword-only arguments, one transaction, a permission check,
the row locked (``select_for_update``; SQLite serialises writers instead),
the django-fsm transition, and an audit entry in the same transaction.
Emails are queued with ``transaction.on_commit`` so nothing is sent for a
change that rolled back.

Staff pass ``expected_version``: the version of the case they were looking
at. If somebody else changed the case meanwhile the service raises
``CaseChanged`` instead of overwriting their work.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from licensing import notifications
from licensing.calendar import add_working_days
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    AuditEntry,
    CaseMessage,
    Certificate,
    FeeBand,
    FeePayment,
    Licence,
    LicenceCondition,
    LicensingPolicy,
    random_code,
)
from licensing.urn import next_urn
from registry.models import LabourProvider, OrganisationMember, ProviderRole


class ServiceError(Exception):
    """A request that cannot be carried out; the message is shown to the user as it is."""


class TransitionRefused(ServiceError):
    pass


class CaseChanged(ServiceError):
    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "This case changed while you were working on it. Nothing was saved: "
                "review the latest version and try again."
            )
        )


@dataclass(frozen=True)
class ConditionSpec:
    text: str
    due_date: date
    standard_code: str = ""
    standard_title: str = ""


# Who may do what.


def is_member(user, provider: LabourProvider) -> bool:
    if not user or not user.is_authenticated:
        return False
    return OrganisationMember.objects.filter(provider=provider, user=user, is_active=True).exists()


def _require_perm(actor, perm: str):
    if actor is None or not actor.has_perm(perm):
        raise PermissionDenied(_("You do not have permission to do this."))


def _require_member(actor, provider):
    if not is_member(actor, provider):
        raise PermissionDenied(_("Only the labour provider's own users can do this."))


def _require_member_or_perm(actor, provider, perm):
    if not (is_member(actor, provider) or (actor is not None and actor.has_perm(perm))):
        raise PermissionDenied(_("You do not have permission to do this."))


# Audit.


def actor_display_name(actor) -> str:
    if actor is None:
        return _("System")
    return actor.get_full_name() or actor.get_username()


def record_audit(
    *,
    actor,
    action: str,
    obj: models.Model,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    is_public: bool = False,
    data: dict | None = None,
) -> AuditEntry:
    """Append an audit entry; call it inside the transaction of the change it records."""
    application = licence = provider = None
    if isinstance(obj, Application):
        application, licence, provider = obj, obj.licence, obj.provider
    elif isinstance(obj, Licence):
        licence, provider = obj, obj.provider
    elif isinstance(obj, LabourProvider):
        provider = obj
    else:
        application = getattr(obj, "application", None)
        licence = getattr(obj, "licence", None) or getattr(application, "licence", None)
        provider = getattr(obj, "provider", None) or getattr(
            licence or application, "provider", None
        )
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_name=actor_display_name(actor),
        action=action,
        object_type=obj._meta.model_name,
        object_id=obj.pk,
        provider=provider,
        application=application,
        licence=licence,
        from_state=from_state,
        to_state=to_state,
        reason=reason,
        is_public=is_public,
        data=data or {},
    )


# Transitions.


def _lock(instance, expected_version=None):
    """Reload `instance` with a row lock and check nobody changed it since it was shown."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if expected_version is not None and getattr(locked, "version", None) != expected_version:
        raise CaseChanged()
    return locked


def refusal_reasons(instance, transition_name: str) -> list[str]:
    """Why `transition_name` cannot run now, in words for the user; empty when it can."""
    method = getattr(instance, transition_name)
    meta = method._django_fsm
    state = meta.field.get_state(instance) if not isinstance(meta.field, str) else None
    if state is None:
        state = instance.state
    if not meta.has_transition(state):
        label = dict(meta.field.choices).get(state, state)
        return [
            _("This cannot be done while the %(thing)s is “%(state)s”.")
            % {"thing": instance._meta.verbose_name, "state": label}
        ]
    transition_ = meta.get_transition(state)
    return [
        str(getattr(condition, "refusal_message", _("A condition for this step is not met.")))
        for condition in transition_.conditions or []
        if not condition(instance)
    ]


def available_transitions(instance) -> list[str]:
    """Names of the transitions allowed from the instance's current state."""
    return [t.name for t in instance.get_available_state_transitions()]


def _transition(instance, transition_name: str, **kwargs):
    reasons = refusal_reasons(instance, transition_name)
    if reasons:
        raise TransitionRefused(" ".join(reasons))
    from_state = instance.state
    try:
        getattr(instance, transition_name)(**kwargs)
    except TransitionNotAllowed as exc:
        raise TransitionRefused(str(exc)) from exc
    if hasattr(instance, "version"):
        instance.version += 1
    instance.save()
    return from_state


# Applications.


def application_start(*, provider, kind, actor, licence=None) -> Application:
    """Open a draft application for the provider (by its own users or by staff)."""
    _require_member_or_perm(actor, provider, "licensing.process_application")
    if kind != Application.Kind.NEW and licence is None:
        raise ServiceError(_("Renewals, changes and surrenders must name the licence."))
    if licence is not None and licence.provider_id != provider.pk:
        raise PermissionDenied(_("That licence belongs to another provider."))
    with transaction.atomic():
        application = Application.objects.create(
            provider=provider, kind=kind, licence=licence, created_by=actor
        )
        record_audit(actor=actor, action="created", obj=application, to_state=application.state)
    return application


def fees_for(*, kind: str, turnover: Decimal) -> tuple[FeeBand, Decimal, Decimal]:
    """The band, application fee and inspection fee for a declared turnover."""
    try:
        band = FeeBand.for_turnover(turnover)
    except FeeBand.DoesNotExist as exc:
        raise ServiceError(_("No fee band covers that turnover.")) from exc
    inspection_fee = band.inspection_fee if kind == Application.Kind.NEW else Decimal("0")
    application_fee = (
        band.application_fee
        if kind in (Application.Kind.NEW, Application.Kind.RENEWAL)
        else Decimal("0")
    )
    return band, application_fee, inspection_fee


def application_submit(*, application, actor) -> Application:
    """The applicant submits a complete draft; the fee due is fixed at this point."""
    _require_member(actor, application.provider)
    with transaction.atomic():
        application = _lock(application)
        if application.declared_turnover is not None:
            band, app_fee, insp_fee = fees_for(
                kind=application.kind, turnover=application.declared_turnover
            )
            application.fee_band = band
            application.application_fee = app_fee
            application.inspection_fee = insp_fee
            application.fee_currency = band.currency
        from_state = _transition(application, "submit")
        record_audit(
            actor=actor,
            action="submit",
            obj=application,
            from_state=from_state,
            to_state=application.state,
        )
        notifications.application_submitted(application)
    return application


def application_validate(*, application, actor, expected_version=None) -> Application:
    return _staff_transition(
        application, "validate", actor, "licensing.process_application", expected_version
    )


def application_start_assessment(*, application, actor, expected_version=None) -> Application:
    return _staff_transition(
        application, "start_assessment", actor, "licensing.process_application", expected_version
    )


def application_require_inspection(
    *, application, actor, reason="", expected_version=None
) -> Application:
    return _staff_transition(
        application,
        "require_inspection",
        actor,
        "licensing.process_application",
        expected_version,
        reason=reason,
    )


def application_complete_inspection(*, application, actor, reason="") -> Application:
    """Called when an inspection report on the application is approved."""
    return _staff_transition(
        application,
        "complete_inspection",
        actor,
        "licensing.process_application",
        None,
        reason=reason,
    )


def _staff_transition(application, name, actor, perm, expected_version, *, reason=""):
    _require_perm(actor, perm)
    with transaction.atomic():
        application = _lock(application, expected_version)
        from_state = _transition(application, name)
        record_audit(
            actor=actor,
            action=name,
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=reason,
        )
    return application


def application_assign(*, application, actor, assignee, expected_version=None) -> Application:
    _require_perm(actor, "licensing.process_application")
    with transaction.atomic():
        application = _lock(application, expected_version)
        application.assigned_to = assignee
        application.version += 1
        application.save(update_fields=["assigned_to", "version", "updated_at"])
        record_audit(
            actor=actor,
            action="assign",
            obj=application,
            data={"assignee": actor_display_name(assignee) if assignee else ""},
        )
    return application


def application_return(*, application, actor, message: str, expected_version=None) -> Application:
    """Return the application to the applicant with a request for more information."""
    _require_perm(actor, "licensing.process_application")
    if not message.strip():
        raise ServiceError(_("Say what information you need."))
    with transaction.atomic():
        application = _lock(application, expected_version)
        from_state = _transition(application, "return_for_information")
        CaseMessage.objects.create(
            application=application,
            author=actor,
            author_name=actor_display_name(actor),
            from_regulator=True,
            is_information_request=True,
            body=message,
        )
        record_audit(
            actor=actor,
            action="return_for_information",
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=message,
        )
        notifications.information_requested(application, message)
    return application


def application_resubmit(*, application, actor, message: str = "") -> Application:
    _require_member(actor, application.provider)
    with transaction.atomic():
        application = _lock(application)
        from_state = _transition(application, "resubmit")
        if message.strip():
            CaseMessage.objects.create(
                application=application,
                author=actor,
                author_name=actor_display_name(actor),
                body=message,
            )
        record_audit(
            actor=actor,
            action="resubmit",
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=message,
        )
    return application


def case_message_send(*, application, actor, body: str) -> CaseMessage:
    """A message on the case from staff or the applicant, without changing its state."""
    _require_member_or_perm(actor, application.provider, "licensing.process_application")
    if not body.strip():
        raise ServiceError(_("Write a message first."))
    from_regulator = not is_member(actor, application.provider)
    with transaction.atomic():
        message = CaseMessage.objects.create(
            application=application,
            author=actor,
            author_name=actor_display_name(actor),
            from_regulator=from_regulator,
            body=body,
        )
        record_audit(actor=actor, action="message", obj=application, data={"message": message.pk})
        if from_regulator:
            notifications.message_from_regulator(application)
    return message


def application_withdraw(
    *, application, actor, reason: str = "", expected_version=None
) -> Application:
    """Applicants (or staff at their request) withdraw an undecided application."""
    _require_member_or_perm(actor, application.provider, "licensing.process_application")
    with transaction.atomic():
        application = _lock(application, expected_version)
        from_state = _transition(application, "withdraw")
        for payment in application.payments.filter(state=FeePayment.State.PENDING):
            payment.cancel()
            payment.save()
        record_audit(
            actor=actor,
            action="withdraw",
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=reason,
        )
    return application


def fee_payment_request(*, application, actor, method: str) -> FeePayment:
    """Create (or return the open) payment request for the fee due."""
    _require_member_or_perm(actor, application.provider, "licensing.record_fee")
    with transaction.atomic():
        application = _lock(application)
        pending = application.payments.filter(state=FeePayment.State.PENDING).first()
        if pending and pending.method == method:
            return pending
        if pending:
            pending.cancel()
            pending.save()
        payment = FeePayment.objects.create(
            application=application,
            method=method,
            reference="LP" + random_code(10),
            amount=application.total_fee,
            currency=application.fee_currency,
        )
        record_audit(
            actor=actor,
            action="payment_requested",
            obj=application,
            data={"payment": payment.reference, "amount": str(payment.amount), "method": method},
        )
    return payment


def fee_payment_received(*, payment, actor) -> FeePayment:
    """Record that a fee payment arrived; the application's fee is then received."""
    if actor is not None:
        _require_perm(actor, "licensing.record_fee")
    with transaction.atomic():
        payment = _lock(payment)
        _transition(payment, "mark_received")
        application = _lock(payment.application)
        if application.fee_received_at is None:
            application.fee_received_at = payment.received_at
            application.version += 1
            application.save(update_fields=["fee_received_at", "version", "updated_at"])
        record_audit(
            actor=actor,
            action="fee_received",
            obj=application,
            data={"payment": payment.reference, "amount": str(payment.amount)},
        )
        notifications.fee_received(application)
    return payment


# Decisions on applications.


def application_grant(
    *, application, actor, reason: str = "", conditions=(), expected_version=None
) -> Application:
    """Grant (with conditions when any are given) and carry out what the application asked for:
    issue a new licence, renew, apply the notified change, or accept the surrender."""
    _require_perm(actor, "licensing.decide_application")
    conditions = list(conditions)
    with transaction.atomic():
        application = _lock(application, expected_version)
        application.decision_reasons = reason
        name = "grant_with_conditions" if conditions else "grant"
        from_state = _transition(application, name)
        _carry_out(application, actor, conditions, reason)
        application.save()
        record_audit(
            actor=actor,
            action=name,
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=reason,
            is_public=application.kind == Application.Kind.NEW,
            data={"conditions": [c.text for c in conditions]},
        )
        notifications.decision_made(application)
    return application


def application_fast_track(*, application, actor, expected_version=None) -> Application:
    """Grant a qualifying renewal without assessment."""
    _require_perm(actor, "licensing.process_application")
    with transaction.atomic():
        application = _lock(application, expected_version)
        from_state = _transition(application, "fast_track_renewal")
        _carry_out(application, actor, [], _("Fast-track renewal"))
        application.save()
        record_audit(
            actor=actor,
            action="fast_track_renewal",
            obj=application,
            from_state=from_state,
            to_state=application.state,
        )
        notifications.decision_made(application)
    return application


def _carry_out(application, actor, conditions, reason):
    policy = LicensingPolicy.load()
    kind = application.kind
    if kind == Application.Kind.NEW:
        application.licence = _issue_licence(application.provider, policy)
        record_audit(
            actor=actor,
            action="licence_granted",
            obj=application.licence,
            to_state=application.licence.state,
            is_public=True,
        )
    elif kind == Application.Kind.RENEWAL:
        licence = _lock(application.licence)
        old_expiry = licence.expires_on
        _transition(licence, "renew", validity_days=policy.licence_validity_days)
        application.licence = licence
        record_audit(
            actor=actor,
            action="renewed",
            obj=licence,
            from_state=licence.state,
            to_state=licence.state,
            is_public=True,
            data={"from": str(old_expiry), "to": str(licence.expires_on)},
        )
    elif kind in (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA):
        _apply_changes(application, actor)
    elif kind == Application.Kind.SURRENDER:
        licence = _lock(application.licence)
        from_state = _transition(licence, "surrender")
        record_audit(
            actor=actor,
            action="surrender",
            obj=licence,
            from_state=from_state,
            to_state=licence.state,
            reason=reason,
            is_public=True,
        )
        return
    if conditions:
        _impose(application.licence, actor, conditions, reason, application=application)
        application.licence.refresh_from_db()
    else:
        issue_certificate(licence=application.licence)


def _issue_licence(provider, policy) -> Licence:
    today = timezone.localdate()
    # Two grants racing for the same prefix: the unique index turns the loser's insert into an
    # IntegrityError; retry in a savepoint with the next number.
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Licence.objects.create(
                    urn=next_urn(provider.legal_name),
                    provider=provider,
                    granted_on=today,
                    expires_on=today + timedelta(days=policy.licence_validity_days),
                )
        except IntegrityError:
            continue
    raise ServiceError(_("Could not allocate a licence number; please try again."))


def _apply_changes(application, actor):
    """Apply a notified change of circumstances to the register."""
    provider = application.provider
    changes = application.changes or {}
    changed = {}
    for field in (
        "legal_name",
        "registered_address",
        "town",
        "postcode",
        "trading_names",
        "company_number",
        "tax_reference",
        "email",
        "phone",
    ):
        if field in changes and changes[field] != getattr(provider, field):
            changed[field] = [getattr(provider, field), changes[field]]
            setattr(provider, field, changes[field])
    if changed:
        provider.save()
        record_audit(
            actor=actor,
            action="provider_changed",
            obj=provider,
            reason=application.reference,
            data={"changed": {k: [str(v[0]), str(v[1])] for k, v in changed.items()}},
        )
    if "new_principal_authority_role" in changes:
        role_id = changes["new_principal_authority_role"]
        new_role = ProviderRole.objects.get(pk=role_id, provider=provider)
        today = timezone.localdate()
        for old in (
            ProviderRole.objects.current()
            .filter(provider=provider, role=ProviderRole.Role.PRINCIPAL_AUTHORITY)
            .exclude(pk=new_role.pk)
        ):
            old.ended_on = today
            old.save(update_fields=["ended_on"])
        new_role.authorised_by_regulator = True
        new_role.save(update_fields=["authorised_by_regulator"])
        record_audit(
            actor=actor,
            action="named_individuals_changed",
            obj=provider,
            is_public=True,
            data={"principal_authority": new_role.person.full_name},
        )
    identity_changed = {"company_number", "tax_reference"} & changed.keys()
    licence = application.licence
    if identity_changed and licence is not None and licence.is_in_force:
        # A licence cannot pass to a different legal entity: it ends, and a new one is needed.
        licence = _lock(licence)
        _change_licence_status(
            licence, actor, "expire", _("The company number or tax reference changed.")
        )


def application_refuse(*, application, actor, reasons: str, expected_version=None) -> Application:
    """Refuse with reasons; opens the pre-appeal (10 days) and appeal (20 working days) windows."""
    _require_perm(actor, "licensing.decide_application")
    with transaction.atomic():
        application = _lock(application, expected_version)
        application.decision_reasons = reasons
        from_state = _transition(application, "refuse")
        policy = LicensingPolicy.load()
        today = timezone.localdate()
        decision = AdverseDecision.objects.create(
            kind=AdverseDecision.Kind.REFUSAL,
            application=application,
            provider=application.provider,
            licence=application.licence,
            reasons=reasons,
            decided_on=today,
            decided_by=actor,
            pre_appeal_deadline=today + timedelta(days=policy.pre_appeal_days),
            appeal_deadline=add_working_days(today, policy.appeal_working_days),
        )
        record_audit(
            actor=actor,
            action="refuse",
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=reasons,
            is_public=application.kind == Application.Kind.NEW,
            data={"decision": decision.pk, "appeal_deadline": str(decision.appeal_deadline)},
        )
        notifications.decision_made(application)
    return application


# Licences.


def issue_certificate(*, licence) -> Certificate:
    """A fresh certificate (and verification code) for the licence as it stands now."""
    return Certificate.objects.create(licence=licence, valid_until=licence.expires_on)


def _impose(licence, actor, conditions, reason, application=None):
    licence = _lock(licence)
    created = [
        LicenceCondition.objects.create(
            licence=licence,
            application=application,
            text=spec.text,
            due_date=spec.due_date,
            standard_code=spec.standard_code,
            standard_title=spec.standard_title,
        )
        for spec in conditions
    ]
    from_state = _transition(licence, "impose_conditions")
    record_audit(
        actor=actor,
        action="conditions_added",
        obj=licence,
        from_state=from_state,
        to_state=licence.state,
        reason=reason,
        is_public=True,
        data={"conditions": [c.pk for c in created]},
    )
    issue_certificate(licence=licence)
    return created


def licence_impose_conditions(
    *, licence, actor, conditions, reason: str = "", expected_version=None
) -> list[LicenceCondition]:
    _require_perm(actor, "licensing.manage_conditions")
    if not conditions:
        raise ServiceError(_("Add at least one condition."))
    with transaction.atomic():
        if expected_version is not None:
            _lock(licence, expected_version)
        created = _impose(licence, actor, list(conditions), reason)
        for condition in created:
            notifications.condition_imposed(condition)
    return created


def condition_mark_met(*, condition, actor, reason: str = "") -> LicenceCondition:
    return _resolve_condition(condition, actor, "mark_met", reason)


def condition_mark_breached(*, condition, actor, reason: str = "") -> LicenceCondition:
    return _resolve_condition(condition, actor, "mark_breached", reason)


def _resolve_condition(condition, actor, name, reason):
    _require_perm(actor, "licensing.manage_conditions")
    with transaction.atomic():
        condition = _lock(condition)
        from_state = _transition(condition, name)
        record_audit(
            actor=actor,
            action=f"condition_{name}",
            obj=condition,
            from_state=from_state,
            to_state=condition.state,
            reason=reason,
            is_public=True,
            data={"condition": condition.text},
        )
        licence = _lock(condition.licence)
        if (
            licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
            and licence.has_no_open_conditions()
        ):
            from_state = _transition(licence, "conditions_all_met")
            record_audit(
                actor=actor,
                action="conditions_all_met",
                obj=licence,
                from_state=from_state,
                to_state=licence.state,
                is_public=True,
            )
            issue_certificate(licence=licence)
    return condition


def _change_licence_status(licence, actor, name, reason, *, data=None) -> AuditEntry:
    """Run a licence transition on a locked licence, keep the reason on it, and record the
    change as public (it shows on the register, the changes feed and watchers' alerts)."""
    licence.ended_reason = reason
    from_state = _transition(licence, name)
    return record_audit(
        actor=actor,
        action=name,
        obj=licence,
        from_state=from_state,
        to_state=licence.state,
        reason=reason,
        is_public=True,
        data=data,
    )


def _licence_transition(licence, actor, name, reason, expected_version, perm, *, notify=True):
    _require_perm(actor, perm)
    with transaction.atomic():
        licence = _lock(licence, expected_version)
        _change_licence_status(licence, actor, name, reason)
        if notify:
            notifications.licence_status_changed(licence, reason)
    return licence


def licence_suspend(*, licence, actor, reason: str, expected_version=None) -> Licence:
    if not reason.strip():
        raise ServiceError(_("Give the reason for the suspension."))
    return _licence_transition(
        licence, actor, "suspend", reason, expected_version, "licensing.manage_licence"
    )


def licence_lift_suspension(*, licence, actor, reason: str = "", expected_version=None) -> Licence:
    licence = _licence_transition(
        licence, actor, "lift_suspension", reason, expected_version, "licensing.manage_licence"
    )
    issue_certificate(licence=licence)
    return licence


def licence_surrender(*, licence, actor, reason: str = "", expected_version=None) -> Licence:
    """Staff record a surrender (holders use a surrender application in the portal)."""
    return _licence_transition(
        licence, actor, "surrender", reason, expected_version, "licensing.manage_licence"
    )


def licence_expire(*, licence, actor, reason: str, expected_version=None) -> Licence:
    """End a licence early: the company was dissolved or its identity changed."""
    return _licence_transition(
        licence, actor, "expire", reason, expected_version, "licensing.manage_licence"
    )


def licence_revoke(
    *, licence, actor, reasons: str, immediate: bool, expected_version=None
) -> AdverseDecision:
    """Revoke a licence. With immediate effect it applies at once (appeal within 10 working
    days); otherwise the licence stays in force until the 20-working-day appeal window closes
    or an appeal is dismissed."""
    _require_perm(actor, "licensing.manage_licence")
    if not reasons.strip():
        raise ServiceError(_("Give the reasons for the revocation."))
    with transaction.atomic():
        licence = _lock(licence, expected_version)
        if licence.decisions.filter(
            kind=AdverseDecision.Kind.REVOCATION,
            state__in=[
                AdverseDecision.State.APPEALABLE,
                AdverseDecision.State.UNDER_APPEAL,
                AdverseDecision.State.DUE,
            ],
        ).exists():
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
            _change_licence_status(
                licence, actor, "revoke_with_immediate_effect", reasons, data=data
            )
        else:
            # The licence stays in force: only the notice is recorded.
            licence.version += 1
            licence.save(update_fields=["version"])
            record_audit(
                actor=actor,
                action="revocation_notice",
                obj=licence,
                from_state=licence.state,
                to_state=licence.state,
                reason=reasons,
                is_public=True,
                data=data,
            )
        notifications.revocation_notice(decision)
    return decision


def appeal_lodge(
    *, decision, actor, kind: str, lodged_on: date, grounds: str = "", late_admitted=False
) -> Appeal:
    """Record a pre-appeal or appeal. A late appeal needs the tribunal's admission."""
    _require_perm(actor, "licensing.decide_application")
    with transaction.atomic():
        decision = _lock(decision)
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
        from_state = decision.state
        _transition(decision, "appeal_lodged")
        appeal = Appeal.objects.create(
            decision=decision, kind=kind, lodged_on=lodged_on, is_late=is_late, grounds=grounds
        )
        record_audit(
            actor=actor,
            action="appeal_lodged",
            obj=decision,
            from_state=from_state,
            to_state=decision.state,
            reason=grounds,
            data={"appeal": appeal.pk, "kind": kind, "late": is_late},
        )
    return appeal


def appeal_decide(*, appeal, actor, outcome: str, reason: str = "") -> Appeal:
    """Record the outcome: allowed reverses the decision, dismissed lets it take effect,
    withdrawn leaves it as if no appeal was lodged."""
    _require_perm(actor, "licensing.decide_application")
    names = {
        Appeal.State.ALLOWED: ("allow", "appeal_allowed"),
        Appeal.State.DISMISSED: ("dismiss", "appeal_dismissed"),
        Appeal.State.WITHDRAWN: ("withdraw", "appeal_withdrawn"),
    }
    if outcome not in names:
        raise ServiceError(_("Choose allowed, dismissed or withdrawn."))
    appeal_transition, decision_transition = names[outcome]
    with transaction.atomic():
        appeal = _lock(appeal)
        _transition(appeal, appeal_transition)
        decision = _lock(appeal.decision)
        from_state = _transition(decision, decision_transition)
        record_audit(
            actor=actor,
            action=f"appeal_{outcome}",
            obj=decision,
            from_state=from_state,
            to_state=decision.state,
            reason=reason,
            is_public=True,
            data={"appeal": appeal.pk},
        )
        if decision.state == AdverseDecision.State.REVERSED:
            _reverse(decision, actor, reason)
        elif decision.state == AdverseDecision.State.DUE:
            _revocation_takes_effect(decision, actor)
    return appeal


def _reverse(decision, actor, reason):
    if decision.kind == AdverseDecision.Kind.REFUSAL:
        application = _lock(decision.application)
        from_state = _transition(application, "reopen_after_appeal")
        record_audit(
            actor=actor,
            action="reopen_after_appeal",
            obj=application,
            from_state=from_state,
            to_state=application.state,
            reason=reason,
            is_public=True,
        )
    elif decision.licence.state == Licence.State.REVOKED:
        licence = _lock(decision.licence)
        from_state = _transition(licence, "reinstate")
        record_audit(
            actor=actor,
            action="reinstate",
            obj=licence,
            from_state=from_state,
            to_state=licence.state,
            reason=reason,
            is_public=True,
        )
        issue_certificate(licence=licence)
    else:
        # The licence stayed in force throughout; the pending revocation simply lapses.
        record_audit(
            actor=actor,
            action="revocation_withdrawn",
            obj=decision.licence,
            reason=reason,
            from_state=decision.licence.state,
            to_state=decision.licence.state,
            is_public=True,
        )


def _revocation_takes_effect(decision, actor):
    licence = _lock(decision.licence)
    if licence.is_in_force:
        _change_licence_status(licence, actor, "revocation_takes_effect", decision.reasons)
        notifications.licence_status_changed(licence, decision.reasons)
    _transition(decision, "took_effect")


# Scheduled work (run daily by `manage.py licensing_daily`; each step is idempotent).


def decisions_close_windows() -> int:
    """Decisions whose appeal window closed without an appeal become final or take effect."""
    today = timezone.localdate()
    count = 0
    for pk in AdverseDecision.objects.filter(
        state=AdverseDecision.State.APPEALABLE, appeal_deadline__lt=today
    ).values_list("pk", flat=True):
        with transaction.atomic():
            decision = AdverseDecision.objects.select_for_update().get(pk=pk)
            if decision.state != AdverseDecision.State.APPEALABLE:
                continue
            from_state = _transition(decision, "window_closed")
            record_audit(
                actor=None,
                action="appeal_window_closed",
                obj=decision,
                from_state=from_state,
                to_state=decision.state,
            )
            if decision.state == AdverseDecision.State.DUE:
                _revocation_takes_effect(decision, None)
            count += 1
    return count


def licences_expire_due(*, today: date | None = None) -> int:
    """Licences past their expiry date that were not renewed expire."""
    today = today or timezone.localdate()
    count = 0
    for pk in Licence.objects.in_force().filter(expires_on__lt=today).values_list("pk", flat=True):
        with transaction.atomic():
            licence = Licence.objects.select_for_update().get(pk=pk)
            if not licence.is_in_force or licence.expires_on >= today:
                continue
            _change_licence_status(licence, None, "expire", _("Not renewed by its expiry date."))
            notifications.licence_status_changed(licence, licence.ended_reason)
            count += 1
    return count


def renewal_reminders_send(*, today: date | None = None) -> int:
    """Send the 6-week and 3-week renewal reminders, each at most once per expiry date.

    The licence row records the expiry date each reminder was sent for, in the
    same transaction as the queued email: running twice sends nothing twice.
    """
    today = today or timezone.localdate()
    policy = LicensingPolicy.load()
    sent = 0
    for days, field, which in (
        (policy.second_reminder_days, "second_reminder_sent_for", "second"),
        (policy.first_reminder_days, "first_reminder_sent_for", "first"),
    ):
        candidates = Licence.objects.filter(
            state__in=Licence.HOLDING_STATES + [Licence.State.SUSPENDED],
            expires_on__lte=today + timedelta(days=days),
            expires_on__gte=today,
        ).exclude(**{field: models.F("expires_on")})
        for pk in candidates.values_list("pk", flat=True):
            with transaction.atomic():
                licence = Licence.objects.select_for_update().get(pk=pk)
                if getattr(licence, field) == licence.expires_on:
                    continue
                if which == "first" and licence.second_reminder_sent_for == licence.expires_on:
                    # The 3-week reminder already went out; a 6-week one now would confuse.
                    Licence.objects.filter(pk=pk).update(**{field: licence.expires_on})
                    continue
                Licence.objects.filter(pk=pk).update(**{field: licence.expires_on})
                record_audit(
                    actor=None,
                    action=f"{which}_renewal_reminder",
                    obj=licence,
                    data={"expires_on": str(licence.expires_on)},
                )
                notifications.renewal_reminder(licence, which)
                sent += 1
    return sent
