"""The organisation an account acts for, and invitations to colleagues."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.models import AuditAction
from licensing.notifications import queue_email
from licensing.workflow import ServiceError, actor_display_name, audit
from portal.models import Invitation
from registry import selectors as registry_selectors
from registry import services as registry_services
from registry.models import LabourProvider, OrganisationMember

User = get_user_model()


def organisation_create(*, actor, legal_name: str) -> LabourProvider:
    """The first user of a new agency creates its record and becomes its Principal Authority."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in first."))
    _refuse_staff(actor)
    if registry_selectors.membership(actor) is not None:
        raise ServiceError(_("Your account already belongs to an organisation."))
    if not legal_name.strip():
        raise ServiceError(_("Enter the business’s legal name."))
    try:
        with transaction.atomic():
            provider = registry_services.provider_create(legal_name=legal_name, email=actor.email)
            registry_services.organisation_member_add(
                provider=provider, user=actor, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
            )
            audit(actor=actor, action=AuditAction.ORGANISATION_CREATED, obj=provider)
    except IntegrityError:
        # Another request from this account created its organisation a moment ago.
        raise ServiceError(_("Your account already belongs to an organisation.")) from None
    return provider


def _refuse_staff(actor) -> None:
    """Regulator staff would be deciding on their own organisation: they cannot have one."""
    if registry_selectors.holds_regulator_permission(actor):
        raise ServiceError(registry_services.STAFF_CANNOT_JOIN)


def invitation_send(*, actor, provider, email: str, role: str) -> Invitation:
    """Only the Principal Authority invites colleagues; the link works once, for 14 days."""
    if not registry_selectors.is_principal_authority(actor, provider):
        raise PermissionDenied(_("Only the Principal Authority can invite colleagues."))
    if role not in {
        OrganisationMember.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        OrganisationMember.Role.COLLEAGUE,
    }:
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
    _refuse_staff(actor)
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
