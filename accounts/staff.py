"""Who counts as regulator staff for the second factor and the shorter sessions."""

from allauth.mfa.models import Authenticator

SESSION_FLAG = "accounts_staff"


def is_staff_account(user) -> bool:
    """Staff hold a regulator permission (any at all) or may open either admin; agency
    accounts hold none."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_staff or user.is_superuser or user.get_all_permissions())


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
