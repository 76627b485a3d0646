"""Writes made from the agency portal.

Same rules as ``licensing.services``: keyword-only arguments, one transaction, a permission
check, an audit row in the same transaction and emails queued on commit. Changes to an
application's state go through ``licensing.services``; this module prepares what those
services need (answers, people on the register, documents) and calls them.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from licensing import selectors as licensing_selectors
from licensing import services
from licensing.models import Application, AuditAction, Document, Licence, LicenceCondition
from licensing.notifications import provider_recipients, queue_email
from licensing.uploads import validate_upload
from licensing.workflow import (
    ServiceError,
    actor_display_name,
    audit,
    require_can_act,
    require_member,
)
from portal.models import ConditionEvidence, ConditionReminder, Invitation
from portal.payments import provider_for
from registry import selectors as registry_selectors
from registry import services as registry_services
from registry.models import LabourProvider, OrganisationMember, ProviderRole

User = get_user_model()

CONDITION_DUE_SOON_DAYS = 14


# Accounts.


def account_sign_up(*, email: str, password: str, full_name: str):
    """Create an account that stays inactive until the email address is verified."""
    email = email.strip()
    username = email.lower()
    existing = User.objects.filter(username__iexact=username).first()
    if existing is not None and not existing.is_active and existing.last_login is None:
        # Signing up again before confirming: send a fresh link rather than refuse.
        with transaction.atomic():
            audit(actor=None, action=AuditAction.VERIFICATION_RESENT, obj=existing)
            _queue_verification(existing)
        return existing
    if existing is not None:
        raise ServiceError(_("An account with this email address already exists. Sign in."))
    first, _sep, last = full_name.strip().partition(" ")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            first_name=first,
            last_name=last,
        )
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit(actor=None, action=AuditAction.ACCOUNT_CREATED, obj=user)
        _queue_verification(user)
    return user


def _queue_verification(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    url = settings.SITE_URL + reverse("portal:verify", args=[uid, token])
    queue_email(
        to=[user.email],
        template="portal/email/verify_email.txt",
        context={"user": user, "url": url},
    )


def account_verify(*, user):
    """The verification link proves the address; the account can now sign in."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
            audit(actor=user, action=AuditAction.ACCOUNT_VERIFIED, obj=user)
    return user


def organisation_create(*, actor, legal_name: str) -> LabourProvider:
    """The first user of a new agency creates its record and becomes its Principal Authority."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    if registry_selectors.membership(actor) is not None:
        raise ServiceError(_("Your account already belongs to an organisation."))
    if not legal_name.strip():
        raise ServiceError(_("Enter the business’s legal name."))
    with transaction.atomic():
        provider = registry_services.provider_create(legal_name=legal_name, email=actor.email)
        registry_services.organisation_member_add(
            provider=provider, user=actor, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
        )
        audit(actor=actor, action=AuditAction.ORGANISATION_CREATED, obj=provider)
    return provider


def invitation_send(*, actor, provider, email: str, role: str) -> Invitation:
    """Only the Principal Authority invites colleagues; the link works once, for 14 days."""
    if not registry_selectors.is_principal_authority(actor, provider):
        raise PermissionDenied(_("Only the Principal Authority can invite colleagues."))
    if role not in {OrganisationMember.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE, "colleague"}:
        raise ServiceError(_("Choose Alternative Business Representative or colleague."))
    if provider.members.filter(user__email__iexact=email, is_active=True).exists():
        raise ServiceError(_("That person is already a member of your organisation."))
    with transaction.atomic():
        invitation = Invitation.objects.create(
            provider=provider, email=email.strip(), role=role, invited_by=actor
        )
        audit(
            actor=actor,
            action=AuditAction.INVITATION_SENT,
            obj=provider,
            data={"invitation": invitation.pk, "role": role},
        )
        queue_email(
            to=[invitation.email],
            template="portal/email/invitation.txt",
            context={
                "invitation": invitation,
                "inviter": actor_display_name(actor),
                "url": settings.SITE_URL + reverse("portal:invitation", args=[invitation.token]),
            },
        )
    return invitation


def invitation_accept(*, invitation, actor) -> OrganisationMember:
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable:
            raise ServiceError(_("This invitation has expired or was already used."))
        if invitation.email.lower() != actor.email.lower():
            raise ServiceError(
                _("This invitation was sent to another email address. Sign in with that one.")
            )
        member = registry_services.organisation_member_add(
            provider=invitation.provider, user=actor, role=invitation.role
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = actor
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit(
            actor=actor,
            action=AuditAction.INVITATION_ACCEPTED,
            obj=invitation.provider,
            data={"invitation": invitation.pk, "role": invitation.role},
        )
    return member


# Drafts.


def _editable_draft(application, actor):
    require_member(actor, application.provider)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.state != Application.State.DRAFT:
        raise ServiceError(_("This application was submitted and can no longer be changed."))
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
        application.answers = prefill_answers(provider)
        application.save(update_fields=["answers", "updated_at"])
    return application


def prefill_answers(provider) -> dict:
    """Start from what the register already holds about the provider."""
    people = [
        {
            "full_name": role.person.full_name,
            "date_of_birth": role.person.date_of_birth.isoformat()
            if role.person.date_of_birth
            else "",
            "role": role.role,
            "email": role.person.email,
            "unspent_convictions": "no",
            "previous_refusal": "no",
            "details": "",
        }
        for role in provider.roles.current().select_related("person")
    ]
    answers = {
        "business": {
            "legal_name": provider.legal_name,
            "trading_names": "\n".join(provider.trading_names),
            "company_number": provider.company_number,
            "tax_reference": provider.tax_reference,
            "registered_address": provider.registered_address,
            "town": provider.town,
            "postcode": provider.postcode,
            "country": provider.country.code,
            "operating_address": "",
            "email": provider.email,
            "phone": provider.phone,
        },
    }
    sectors = list(provider.sectors.values_list("pk", flat=True))
    if sectors or provider.recruits_from or provider.supplies_to:
        answers["activities"] = {
            "sectors": sectors,
            "recruits_from": [c.code for c in provider.recruits_from],
            "supplies_to": [c.code for c in provider.supplies_to],
        }
    if people:
        answers["people"] = people
    return answers


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


def missing_steps(application) -> list[str]:
    """The required steps not yet completed, for the check-answers page."""
    answers = application.answers or {}
    if application.kind in (Application.Kind.NEW, Application.Kind.RENEWAL):
        missing = [step for step in ("business", "activities", "people") if step not in answers]
        if application.declared_turnover is None:
            missing.append("turnover")
        people = answers.get("people") or []
        if "people" in answers and not any(
            p.get("role") in (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
            for p in people
        ):
            missing.append("people")
        return missing
    if application.kind in (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA):
        return [] if application.changes else ["change"]
    return []


def _person(data):
    dob = date.fromisoformat(data["date_of_birth"]) if data.get("date_of_birth") else None
    return registry_services.person_find_or_create(
        full_name=data["full_name"], date_of_birth=dob, email=data.get("email", "")
    )


def _name_people(application, actor):
    provider = application.provider
    today = timezone.localdate()
    for data in application.answers.get("people") or []:
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
        missing = missing_steps(application)
        if missing:
            raise ServiceError(_("Complete every step before you submit."))
        if application.kind in (Application.Kind.NEW, Application.Kind.RENEWAL):
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


# Documents.


def document_upload(
    *, actor, provider, file, kind: str, application=None, condition=None
) -> Document:
    """Keep an uploaded PDF, JPEG or PNG under a random name in private storage."""
    require_member(actor, provider)
    content_type = validate_upload(file)
    with transaction.atomic():
        document = Document(
            provider=provider,
            application=application,
            condition=condition,
            kind=kind,
            original_name=(file.name or "document")[-255:],
            content_type=content_type,
            size=file.size,
            uploaded_by=actor,
        )
        document.file.save("upload", file, save=False)
        document.save()
        audit(
            actor=actor,
            action=AuditAction.DOCUMENT_UPLOADED,
            obj=application or condition or provider,
            data={"document": document.pk, "kind": kind},
        )
    return document


# Fees.


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


# Talking to the regulator.


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


# After the licence.


def renewal_start(*, licence, actor) -> Application:
    """Resume the open renewal, or open one prefilled from the register."""
    require_can_act(actor, licence.provider)
    if licence.state not in Licence.HOLDING_STATES:
        raise ServiceError(
            _("Only an active licence can be renewed; this one is “%(state)s”.")
            % {"state": licence.get_state_display()}
        )
    existing = licensing_selectors.open_renewal(licence)
    if existing is not None:
        return existing
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=Application.Kind.RENEWAL, actor=actor, licence=licence
        )
        application.answers = prefill_answers(licence.provider)
        last = (
            licence.provider.applications.exclude(declared_turnover=None)
            .exclude(pk=application.pk)
            .order_by("-created_at")
            .first()
        )
        if last is not None:
            application.answers["turnover"] = {"turnover": str(last.declared_turnover)}
            application.declared_turnover = last.declared_turnover
        application.save(update_fields=["answers", "declared_turnover", "updated_at"])
    return application


def change_notify(*, licence, actor, what: str, date_of_change: date, changes: dict):
    """Open a change-of-circumstances draft holding the new values and the date of the change.
    A change of Principal Authority is its own kind: it needs the regulator's authorisation."""
    require_can_act(actor, licence.provider)
    if not licence.is_in_force:
        raise ServiceError(_("Changes can only be notified for a licence in force."))
    if date_of_change > timezone.localdate():
        raise ServiceError(_("Notify a change once it has happened."))
    kind = Application.Kind.CHANGE_OF_PA if what == "pa" else Application.Kind.CHANGE
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=kind, actor=actor, licence=licence
        )
        application.changes = {
            **changes,
            "what": what,
            "date_of_change": date_of_change.isoformat(),
        }
        application.save(update_fields=["changes", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.CHANGE_NOTIFIED,
            obj=application,
            data={"what": what, "date_of_change": date_of_change.isoformat()},
        )
    return application


def surrender_start(*, licence, actor, reason: str) -> Application:
    require_can_act(actor, licence.provider)
    if not licence.is_in_force:
        raise ServiceError(_("Only a licence in force can be surrendered."))
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=Application.Kind.SURRENDER, actor=actor, licence=licence
        )
        application.answers = {"surrender": {"reason": reason}}
        application.save(update_fields=["answers", "updated_at"])
    return application


def condition_evidence_submit(*, condition, actor, text: str, file=None) -> ConditionEvidence:
    """The agency shows how it met an additional licence condition; an officer then decides."""
    provider = condition.licence.provider
    require_member(actor, provider)
    if condition.state != LicenceCondition.State.OPEN:
        raise ServiceError(_("This condition is no longer open."))
    if not text.strip():
        raise ServiceError(_("Say what you did to meet the condition."))
    with transaction.atomic():
        document = None
        if file is not None:
            document = document_upload(
                actor=actor,
                provider=provider,
                file=file,
                kind=Document.Kind.EVIDENCE,
                condition=condition,
            )
        evidence = ConditionEvidence.objects.create(
            condition=condition, text=text, document=document, submitted_by=actor
        )
        audit(
            actor=actor,
            action=AuditAction.CONDITION_EVIDENCE_SUBMITTED,
            obj=condition,
            data={"evidence": evidence.pk, "condition": condition.pk},
        )
    return evidence


def condition_deadline_reminders_send(*, today: date | None = None) -> int:
    """Email providers about open conditions due within 14 days, and once more when overdue.

    Each reminder is recorded per condition, kind and due date in the same transaction as the
    queued email, so running the job twice sends nothing twice; a new due date reminds afresh.
    """
    today = today or timezone.localdate()
    sent = 0
    batches = [
        (
            ConditionReminder.Kind.DUE_SOON,
            LicenceCondition.objects.filter(
                state=LicenceCondition.State.OPEN,
                due_date__gte=today,
                due_date__lte=today + timedelta(days=CONDITION_DUE_SOON_DAYS),
            ),
        ),
        (
            ConditionReminder.Kind.OVERDUE,
            LicenceCondition.objects.filter(state=LicenceCondition.State.OPEN, due_date__lt=today),
        ),
    ]
    for kind, conditions in batches:
        for condition in conditions.select_related("licence__provider"):
            try:
                with transaction.atomic():
                    ConditionReminder.objects.create(
                        condition=condition, kind=kind, due_date=condition.due_date
                    )
                    audit(
                        actor=None,
                        action=AuditAction(f"condition_reminder_{kind}"),
                        obj=condition,
                        data={"due_date": str(condition.due_date)},
                    )
                    queue_email(
                        to=provider_recipients(condition.licence.provider),
                        template=f"portal/email/condition_{kind}.txt",
                        context={
                            "condition": condition,
                            "licence": condition.licence,
                            "url": settings.SITE_URL
                            + reverse("portal:condition", args=[condition.pk]),
                        },
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent
