"""Applications from draft to the decision's threshold: start, submit, validate, assess,
inspect, return for information, resubmit, assign, message and withdraw."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.models import Application, AuditAction, CaseMessage
from licensing.register import register_entry_ensure
from licensing.services.fees import fees_for, pending_payments_cancel
from licensing.workflow import (
    ServiceError,
    actor_display_name,
    audit,
    lock,
    require_member,
    require_member_or_perm,
    require_office,
    transition,
)
from registry import selectors as registry_selectors

PROCESS = "licensing.process_application"


def application_start(*, provider, kind, actor, licence=None) -> Application:
    """Open a draft application for the provider (by its own users or by staff)."""
    require_member_or_perm(actor, provider, PROCESS)
    if kind != Application.Kind.NEW and licence is None:
        raise ServiceError(_("Renewals, changes and surrenders must name the licence."))
    if licence is not None and licence.provider_id != provider.pk:
        raise PermissionDenied(_("That licence belongs to another provider."))
    with transaction.atomic():
        application = Application.objects.create(
            provider=provider, kind=kind, licence=licence, created_by=actor
        )
        # The provider's register entry exists from its first application on, so that later
        # refreshes only ever lock it (see licensing.register).
        register_entry_ensure(provider_id=provider.pk)
        audit(actor=actor, action=AuditAction.CREATED, obj=application, to_state=application.state)
    return application


def application_submit(*, application, actor) -> Application:
    """The applicant submits a complete draft; the fee due is fixed at this point."""
    require_member(actor, application.provider)
    with transaction.atomic():
        application = lock(application)
        licence = application.licence
        if application.kind == Application.Kind.RENEWAL and licence is not None:
            if not licence.is_in_force or licence.expires_on < timezone.localdate():
                raise ServiceError(
                    _(
                        "Licence %(urn)s has expired (or ended): a renewal is no longer "
                        "possible. Apply for a new licence."
                    )
                    % {"urn": licence.urn}
                )
        if application.declared_turnover is not None:
            band, app_fee, insp_fee = fees_for(
                kind=application.kind, turnover=application.declared_turnover
            )
            application.fee_band = band
            application.application_fee = app_fee
            application.inspection_fee = insp_fee
            application.fee_currency = band.currency
        # A renewal shows on the licence's public page ("renewal under consideration").
        transition(
            application,
            "submit",
            actor=actor,
            public=application.kind == Application.Kind.RENEWAL,
        )
        notifications.application_submitted(application)
    return application


def _staff_step(application, name, *, actor, expected_version, reason=""):
    require_office(actor, PROCESS, application.provider)
    with transaction.atomic():
        application = lock(application, expected_version)
        transition(application, name, actor=actor, reason=reason)
    return application


def application_validate(*, application, actor, expected_version=None) -> Application:
    return _staff_step(application, "validate", actor=actor, expected_version=expected_version)


def application_start_assessment(*, application, actor, expected_version=None) -> Application:
    return _staff_step(
        application, "start_assessment", actor=actor, expected_version=expected_version
    )


def application_require_inspection(
    *, application, actor, reason="", expected_version=None
) -> Application:
    return _staff_step(
        application,
        "require_inspection",
        actor=actor,
        expected_version=expected_version,
        reason=reason,
    )


def application_complete_inspection(*, application, actor, reason="") -> Application:
    """Called when an inspection report on the application is approved."""
    return _staff_step(
        application, "complete_inspection", actor=actor, expected_version=None, reason=reason
    )


def application_assign(*, application, actor, assignee, expected_version=None) -> Application:
    require_office(actor, PROCESS, application.provider)
    with transaction.atomic():
        application = lock(application, expected_version)
        application.assigned_to = assignee
        application.version += 1
        application.save(update_fields=["assigned_to", "version", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.ASSIGN,
            obj=application,
            data={"assignee": actor_display_name(assignee) if assignee else ""},
        )
    return application


def _case_message(application, actor, body, *, from_regulator, information_request=False):
    return CaseMessage.objects.create(
        application=application,
        author=actor,
        author_name=actor_display_name(actor),
        from_regulator=from_regulator,
        is_information_request=information_request,
        body=body,
    )


def application_return(*, application, actor, message: str, expected_version=None) -> Application:
    """Return the application to the applicant with a request for more information."""
    require_office(actor, PROCESS, application.provider)
    if not message.strip():
        raise ServiceError(_("Say what information you need."))
    with transaction.atomic():
        application = lock(application, expected_version)
        _case_message(application, actor, message, from_regulator=True, information_request=True)
        transition(application, "return_for_information", actor=actor, reason=message)
        notifications.information_requested(application, message)
    return application


def application_resubmit(*, application, actor, message: str = "") -> Application:
    require_member(actor, application.provider)
    with transaction.atomic():
        application = lock(application)
        if message.strip():
            _case_message(application, actor, message, from_regulator=False)
        transition(application, "resubmit", actor=actor, reason=message)
    return application


def case_message_send(*, application, actor, body: str) -> CaseMessage:
    """A message on the case from staff or the applicant, without changing its state."""
    require_member_or_perm(actor, application.provider, PROCESS)
    if not body.strip():
        raise ServiceError(_("Write a message first."))
    from_regulator = not registry_selectors.is_member(actor, application.provider)
    with transaction.atomic():
        message = _case_message(application, actor, body, from_regulator=from_regulator)
        audit(
            actor=actor, action=AuditAction.MESSAGE, obj=application, data={"message": message.pk}
        )
        if from_regulator:
            notifications.message_from_regulator(application)
    return message


def application_withdraw(
    *, application, actor, reason: str = "", expected_version=None
) -> Application:
    """Applicants (or staff at their request) withdraw an undecided application."""
    require_member_or_perm(actor, application.provider, PROCESS)
    with transaction.atomic():
        application = lock(application, expected_version)
        pending_payments_cancel(application, actor=actor)
        transition(application, "withdraw", actor=actor, reason=reason)
    return application
