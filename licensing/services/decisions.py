"""Decisions on applications: grant (with or without conditions), the fast track and
refusal, and carrying out what a granted application asked for."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.calendar import add_working_days
from licensing.models import (
    AdverseDecision,
    Application,
    AuditAction,
    Licence,
    LicensingPolicy,
)
from licensing.services.licences import conditions_impose, issue_certificate, licence_end
from licensing.services.reviews import identity_review_open
from licensing.urn import next_urn
from licensing.workflow import (
    ServiceError,
    audit,
    check,
    lock,
    require_four_eyes,
    require_office,
    transition,
)
from registry import services as registry_services
from registry.models import ProviderRole

DECIDE = "licensing.decide_application"
PROCESS = "licensing.process_application"
PUBLIC_DETAILS = {"legal_name", "trading_names", "company_number", "town", "country"}


def application_grant(
    *, application, actor, reason: str = "", conditions=(), expected_version=None
) -> Application:
    """Grant (with conditions when any are given) and carry out what the application asked for:
    issue a new licence, renew, apply the notified change, or accept the surrender. A new
    licence needs an approved application inspection or a recorded waiver; with four eyes
    on, the decision maker is not the assessor."""
    require_office(actor, DECIDE, application.provider)
    require_four_eyes(actor, application=application)
    conditions = list(conditions)
    name = "grant_with_conditions" if conditions else "grant"
    with transaction.atomic():
        application = lock(application, expected_version)
        check(application, name)
        refusal = inspection_refusal(application)
        if refusal:
            raise ServiceError(refusal)
        application.decision_reasons = reason
        _carry_out(application, actor, conditions, reason)
        transition(
            application,
            name,
            actor=actor,
            reason=reason,
            public=application.kind == Application.Kind.NEW,
            data={"conditions": [c.text for c in conditions], **_validity(application)},
        )
        notifications.decision_made(application)
    return application


def inspection_refusal(application) -> str:
    """Why a new licence cannot be granted yet for want of an inspection; empty when it can:
    an application inspection was approved (which completes the inspection step) or a
    decision maker waived it with a reason."""
    if application.kind != Application.Kind.NEW or application.inspection_waiver_reason:
        return ""
    if not LicensingPolicy.load().application_inspection_required:
        return ""
    inspected = application.audit_entries.filter(action=AuditAction.COMPLETE_INSPECTION)
    if inspected.exists():
        return ""
    return _(
        "A new licence needs an approved application inspection, or a decision maker's "
        "recorded reason for waiving it."
    )


def inspection_waive(*, application, actor, reason: str, expected_version=None) -> Application:
    """A decision maker records why a new applicant needs no application inspection."""
    require_office(actor, DECIDE, application.provider)
    if not reason.strip():
        raise ServiceError(_("Give the reason for waiving the inspection."))
    if application.kind != Application.Kind.NEW:
        raise ServiceError(_("Only a new application needs an inspection waiver."))
    with transaction.atomic():
        application = lock(application, expected_version)
        if application.state not in Application.OPEN_STATES:
            raise ServiceError(_("Only an application still under consideration can be waived."))
        application.inspection_waiver_reason = reason.strip()
        application.version += 1
        application.save(update_fields=["inspection_waiver_reason", "version", "updated_at"])
        audit(actor=actor, action=AuditAction.INSPECTION_WAIVED, obj=application, reason=reason)
    return application


def application_fast_track(*, application, actor, expected_version=None) -> Application:
    """Grant a qualifying renewal without assessment."""
    require_office(actor, PROCESS, application.provider)
    with transaction.atomic():
        application = lock(application, expected_version)
        check(application, "fast_track_renewal")
        _carry_out(application, actor, [], _("Fast-track renewal"))
        transition(application, "fast_track_renewal", actor=actor, data=_validity(application))
        notifications.decision_made(application)
    return application


def _validity(application) -> dict:
    """What the decision letter needs to say how long the licence is valid, as decided."""
    licence = application.licence
    return {"valid_until": str(licence.expires_on)} if licence is not None else {}


def _carry_out(application, actor, conditions, reason):
    policy = LicensingPolicy.load()
    kind = application.kind
    if kind == Application.Kind.NEW:
        application.licence = _issue_licence(application.provider, policy)
        audit(
            actor=actor,
            action=AuditAction.LICENCE_GRANTED,
            obj=application.licence,
            to_state=application.licence.state,
            public=True,
        )
        for role in registry_services.principal_authority_authorise_with_licence(
            provider=application.provider
        ):
            audit(
                actor=actor,
                action=AuditAction.ROLE_AUTHORISED,
                obj=application.provider,
                data={"role": role.pk, "person": role.person.full_name, "kind": role.role},
            )
    elif kind == Application.Kind.RENEWAL:
        licence = lock(application.licence)
        old_expiry = licence.expires_on
        transition(
            licence,
            "renew",
            actor=actor,
            public=True,
            validity_days=policy.licence_validity_days,
            data=lambda: {"from": str(old_expiry), "to": str(licence.expires_on)},
        )
        application.licence = licence
    elif kind in (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA):
        _apply_changes(application, actor)
    elif kind == Application.Kind.SURRENDER:
        licence = lock(application.licence)
        transition(licence, "surrender", actor=actor, reason=reason, public=True)
        return
    if conditions:
        application.licence, _created = conditions_impose(
            licence=application.licence,
            actor=actor,
            conditions=conditions,
            reason=reason,
            application=application,
        )
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
    changed = registry_services.provider_update(provider=provider, data=changes)
    if changed:
        audit(
            actor=actor,
            action=AuditAction.PROVIDER_CHANGED,
            obj=provider,
            reason=application.reference,
            # Names, numbers and town are on the register: the changes feed must carry them
            # (the row's details stay private; the feed shows the public record after it).
            public=bool(PUBLIC_DETAILS & changed.keys()),
            data={"changed": {k: [str(v[0]), str(v[1])] for k, v in changed.items()}},
        )
    if "new_principal_authority_role" in changes:
        new_role = ProviderRole.objects.get(
            pk=changes["new_principal_authority_role"], provider=provider
        )
        person = registry_services.principal_authority_replace(provider=provider, new_role=new_role)
        audit(
            actor=actor,
            action=AuditAction.NAMED_INDIVIDUALS_CHANGED,
            obj=provider,
            public=True,
            data={"principal_authority": person.full_name},
        )
    identity_changed = {"company_number", "tax_reference"} & changed.keys()
    licence = application.licence
    if identity_changed and licence is not None and licence.is_in_force:
        # A licence cannot pass to a different legal entity: it ends, and a new one is needed.
        licence_end(
            lock(licence),
            "expire",
            actor=actor,
            reason=_(
                "The company number or tax reference changed: a licence cannot pass to another "
                "legal entity. Apply for a new licence."
            ),
            data={"identity_change": sorted(identity_changed)},
        )
    elif "vat_number" in changed and licence is not None and licence.is_in_force:
        # A VAT number change ends the licence only if the regulator decides so.
        identity_review_open(
            licence=licence,
            actor=actor,
            old_vat_number=changed["vat_number"][0],
            new_vat_number=changed["vat_number"][1],
        )


def application_refuse(*, application, actor, reasons: str, expected_version=None) -> Application:
    """Refuse with reasons; opens the pre-appeal (10 days) and appeal (20 working days) windows."""
    require_office(actor, DECIDE, application.provider)
    require_four_eyes(actor, application=application)
    with transaction.atomic():
        application = lock(application, expected_version)
        application.decision_reasons = reasons
        check(application, "refuse")
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
        transition(
            application,
            "refuse",
            actor=actor,
            reason=reasons,
            public=application.kind == Application.Kind.NEW,
            data={"decision": decision.pk, "appeal_deadline": str(decision.appeal_deadline)},
        )
        notifications.decision_made(application)
    return application
