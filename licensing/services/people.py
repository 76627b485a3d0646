"""The regulator's word on the people behind a provider: authorising (or refusing) an
Alternative Business Representative or a new Principal Authority, linking them to the portal
account that acts in the role, ending a role, and saying whether a newly declared person is
somebody already on record."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.models import AuditAction
from licensing.workflow import ServiceError, audit, require_office
from registry import services as registry_services
from registry.models import OrganisationMember, PersonMatch, ProviderRole

DECIDE = "licensing.decide_application"
PROCESS = "licensing.process_application"

AUTHORISED_ROLES = (
    ProviderRole.Role.PRINCIPAL_AUTHORITY,
    ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
    ProviderRole.Role.SOLE_TRADER,
)


def _locked_current_role(role) -> ProviderRole:
    role = ProviderRole.objects.select_for_update().get(pk=role.pk)
    if role.ended_on is not None and role.ended_on <= timezone.localdate():
        raise ServiceError(_("This role has already ended."))
    return role


def _role_data(role) -> dict:
    return {"role": role.pk, "kind": role.role, "person": role.person.full_name}


def role_authorise(*, role, actor, user=None) -> ProviderRole:
    """Authorise a Principal Authority, sole trader or ABR and link them to the portal account
    (one of the provider's members) that acts in the role; only that link gives the account
    authority to act. A new Principal Authority replaces the previous one."""
    require_office(actor, DECIDE, role.provider)
    if role.role not in AUTHORISED_ROLES:
        raise ServiceError(_("Only a Principal Authority or an ABR needs authorising."))
    if user is not None:
        member = OrganisationMember.objects.filter(
            provider=role.provider, user=user, is_active=True
        ).exists()
        if not member:
            raise ServiceError(_("Choose an account that is a member of the provider."))
    with transaction.atomic():
        role = _locked_current_role(role)
        if role.role == ProviderRole.Role.PRINCIPAL_AUTHORITY:
            registry_services.principal_authority_replace(provider=role.provider, new_role=role)
        role = registry_services.provider_role_authorise(role=role, user=user)
        audit(
            actor=actor,
            action=AuditAction.ROLE_AUTHORISED,
            obj=role.provider,
            public=role.role != ProviderRole.Role.SOLE_TRADER,
            # The account stays off the row: a public row's details reach the changes feed.
            data=_role_data(role),
        )
    return role


def role_refuse(*, role, actor, reason: str) -> ProviderRole:
    """Refuse to authorise a declared ABR or new Principal Authority: the role ends today."""
    require_office(actor, DECIDE, role.provider)
    if not reason.strip():
        raise ServiceError(_("Give the reason for the refusal."))
    with transaction.atomic():
        role = _locked_current_role(role)
        if role.authorised_by_regulator:
            raise ServiceError(_("This role is already authorised: end it instead."))
        registry_services.provider_role_end(role=role)
        audit(
            actor=actor,
            action=AuditAction.ROLE_REFUSED,
            obj=role.provider,
            reason=reason,
            data=_role_data(role),
        )
    return role


def role_end(*, role, actor, reason: str) -> ProviderRole:
    """End a named individual's role today (they left, or the regulator withdrew its
    authorisation); an account linked to it can no longer act in it."""
    require_office(actor, DECIDE, role.provider)
    if not reason.strip():
        raise ServiceError(_("Give the reason for ending the role."))
    with transaction.atomic():
        role = _locked_current_role(role)
        registry_services.provider_role_end(role=role)
        audit(
            actor=actor,
            action=AuditAction.ROLE_ENDED,
            obj=role.provider,
            reason=reason,
            public=role.authorised_by_regulator,
            data=_role_data(role),
        )
    return role


def person_match_decide(*, match, actor, same: bool, provider) -> PersonMatch:
    """Staff confirm that a declared person is somebody already on record (their history then
    shows on the case), or reject the match."""
    require_office(actor, PROCESS, provider)
    with transaction.atomic():
        match = PersonMatch.objects.select_for_update().get(pk=match.pk)
        if match.state != PersonMatch.State.POSSIBLE:
            raise ServiceError(_("This possible match was already decided."))
        match = registry_services.person_match_decide(match=match, actor=actor, same=same)
        audit(
            actor=actor,
            action=AuditAction.PERSON_MATCH_CONFIRMED
            if same
            else AuditAction.PERSON_MATCH_REJECTED,
            obj=provider,
            data={
                "declared": match.person.full_name,
                "on_record": match.candidate.full_name,
                "reasons": match.reasons,
            },
        )
    return match


def role_accounts(provider):
    """The provider's active portal accounts, for linking one to a role."""
    return (
        get_user_model()
        .objects.filter(memberships__provider=provider, memberships__is_active=True)
        .order_by("first_name", "last_name", "username")
    )
