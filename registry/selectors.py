"""Reads about who acts for a labour provider, shared by the services of every app."""

from registry.models import OrganisationMember, ProviderRole


def memberships(user):
    """The user's active memberships, oldest first."""
    return (
        OrganisationMember.objects.filter(user=user, is_active=True, user__is_active=True)
        .select_related("provider")
        .order_by("joined_at", "pk")
    )


def membership(user, provider=None) -> OrganisationMember | None:
    if user is None or not user.is_authenticated:
        return None
    qs = memberships(user)
    if provider is not None:
        qs = qs.filter(provider=provider)
    return qs.first()


def is_member(user, provider) -> bool:
    return membership(user, provider) is not None


def is_principal_authority(user, provider) -> bool:
    member = membership(user, provider)
    return member is not None and member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY


def can_act(user, provider) -> bool:
    """Who may submit, pay, resubmit, withdraw, notify changes and invite for the provider.

    The Principal Authority may. An Alternative Business Representative may only once the
    regulator has authorised them: a current ABR role, authorised by the regulator, for a
    person with the user's email. Colleagues and unauthorised ABRs prepare and view only.
    """
    member = membership(user, provider)
    if member is None:
        return False
    if member.role == OrganisationMember.Role.PRINCIPAL_AUTHORITY:
        return True
    if member.role == OrganisationMember.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE:
        return (
            ProviderRole.objects.current()
            .filter(
                provider=provider,
                role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
                authorised_by_regulator=True,
                person__email__iexact=user.email,
            )
            .exists()
        )
    return False
