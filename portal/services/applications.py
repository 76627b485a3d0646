"""Applications from the agency's side: drafts saved step by step, submission with the
declaration of truth, the fee, answering a request for information, and withdrawal."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import services
from licensing.models import Application, AuditAction
from licensing.workflow import ServiceError, audit, require_can_act, require_member
from portal import selectors
from portal.payments import provider_for
from portal.services.documents import document_upload
from registry import services as registry_services
from registry.models import ProviderRole

# Drafts.


def _editable_draft(application, actor):
    require_member(actor, application.provider)
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = selectors.draft_refusal(application)
    if refusal:
        raise ServiceError(refusal)
    return application


def new_application_start(*, actor, provider) -> Application:
    """Resume the open new-licence draft, or open one."""
    require_member(actor, provider)
    draft = provider.applications.filter(
        kind=Application.Kind.NEW, state=Application.State.DRAFT
    ).first()
    if draft is not None:
        return draft
    application = services.application_start(
        provider=provider, kind=Application.Kind.NEW, actor=actor
    )
    with transaction.atomic():
        application.answers = selectors.prefill_answers(provider)
        application.save(update_fields=["answers", "updated_at"])
    return application


def draft_save_step(*, application, actor, step: str, data) -> Application:
    """Save one step of a draft. The turnover step also fixes the band for the fee shown."""
    with transaction.atomic():
        application = _editable_draft(application, actor)
        answers = dict(application.answers or {})
        answers[step] = data
        application.answers = answers
        fields = ["answers", "updated_at"]
        if step == "turnover":
            application.declared_turnover = Decimal(data["turnover"])
            fields.append("declared_turnover")
        application.save(update_fields=fields)
        audit(actor=actor, action=AuditAction.DRAFT_SAVED, obj=application, data={"step": step})
    return application


# Submission.


def _person(data):
    dob = date.fromisoformat(data["date_of_birth"]) if data.get("date_of_birth") else None
    return registry_services.person_declare(
        full_name=data["full_name"], date_of_birth=dob, email=data.get("email", "")
    )


def _declared_role(provider, data):
    """The provider's current role already held by the person as declared (same name and
    date of birth), so that declaring them again on a renewal names nobody new."""
    dob = date.fromisoformat(data["date_of_birth"]) if data.get("date_of_birth") else None
    return (
        ProviderRole.objects.current()
        .filter(
            provider=provider,
            role=data["role"],
            person__full_name__iexact=data["full_name"].strip(),
            person__date_of_birth=dob,
        )
        .first()
    )


def _name_people(application, actor):
    provider = application.provider
    today = timezone.localdate()
    for data in application.answers.get("people") or []:
        if _declared_role(provider, data) is None:
            registry_services.provider_role_add(
                provider=provider, person=_person(data), role=data["role"], started_on=today
            )
    audit(actor=actor, action=AuditAction.NAMED_INDIVIDUALS_DECLARED, obj=application)


def _apply_business_answers(application):
    """A new applicant's own details go on the register with the application; a licence
    holder's details change only through a change of circumstances."""
    provider = application.provider
    if provider.licences.in_force().exists():
        return
    registry_services.provider_update(
        provider=provider, data=application.answers.get("business") or {}
    )
    activities = application.answers.get("activities") or {}
    if activities:
        registry_services.provider_set_activities(
            provider=provider,
            sector_ids=activities.get("sectors", []),
            recruits_from=activities.get("recruits_from", []),
            supplies_to=activities.get("supplies_to", []),
        )


def portal_submit(*, application, actor) -> Application:
    """Accept the declaration of truth and submit: the named individuals go on the register
    (and a change of Principal Authority gets its new, not yet authorised, role)."""
    require_can_act(actor, application.provider)
    with transaction.atomic():
        application = _editable_draft(application, actor)
        if selectors.missing_steps(application):
            raise ServiceError(_("Complete every step before you submit."))
        if application.kind in selectors.FULL_FORM_KINDS:
            if application.kind == Application.Kind.NEW:
                _apply_business_answers(application)
            _name_people(application, actor)
        if application.kind == Application.Kind.CHANGE_OF_PA:
            data = application.changes["new_principal_authority"]
            role = registry_services.provider_role_add(
                provider=application.provider,
                person=_person(data),
                role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
                started_on=date.fromisoformat(application.changes["date_of_change"]),
            )
            application.changes = {
                **application.changes,
                "new_principal_authority_role": role.pk,
            }
        if (
            application.kind == Application.Kind.CHANGE
            and "named_individual" in application.changes
        ):
            data = application.changes["named_individual"]
            registry_services.provider_role_add(
                provider=application.provider,
                person=_person(data),
                role=data["role"],
                started_on=date.fromisoformat(application.changes["date_of_change"]),
            )
        application.declaration_accepted_at = timezone.now()
        application.save(update_fields=["declaration_accepted_at", "changes", "updated_at"])
        application = services.application_submit(application=application, actor=actor)
    return application


# The fee.


def payment_start(*, application, actor, method: str):
    """Ask for the fee by the chosen method and return what the payer must do."""
    require_can_act(actor, application.provider)
    provider = provider_for(method)
    if provider is None:
        raise ServiceError(_("Choose one of the ways to pay shown."))
    refusal = application.fee_payment_refusal()
    if refusal:
        raise ServiceError(refusal)
    with transaction.atomic():
        payment = services.fee_payment_request(application=application, actor=actor, method=method)
        instructions = provider.start(payment)
    return payment, instructions


# After submission.


def answer_and_resubmit(*, application, actor, message: str, file=None, kind="other"):
    """Answer a request for information, optionally with a document, and resubmit."""
    require_can_act(actor, application.provider)
    if not message.strip():
        raise ServiceError(_("Write your answer to the request."))
    with transaction.atomic():
        if file is not None:
            document_upload(
                actor=actor,
                provider=application.provider,
                file=file,
                kind=kind,
                application=application,
            )
        application = services.application_resubmit(
            application=application, actor=actor, message=message
        )
    return application


def portal_withdraw(*, application, actor, reason: str = "") -> Application:
    """Withdrawing is for those who may act for the provider; fees are not refunded."""
    require_can_act(actor, application.provider)
    return services.application_withdraw(application=application, actor=actor, reason=reason)
