"""Writes to accounts: deactivation and ending an account's sessions."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import SignedInSession
from licensing.models import AuditAction
from licensing.workflow import ServiceError, audit


def end_sessions(*, user) -> int:
    """Delete every session the account signed in with, in whatever store holds them."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    rows = list(SignedInSession.objects.filter(user=user))
    for row in rows:
        store().delete(row.session_key)
    SignedInSession.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return len(rows)


def account_deactivate(*, actor, user, reason: str = ""):
    """An administrator switches an account off: it can no longer sign in, every session
    it has ends now, and nothing the account holder does (an old email link included)
    switches it back on."""
    if actor is None or not actor.has_perm("auth.change_user"):
        raise PermissionDenied(_("Only an administrator can deactivate accounts."))
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise ServiceError(_("This account is already deactivated."))
        # A queryset update: the save signal's safety net must not record it a second time.
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        audit(actor=actor, action=AuditAction.ACCOUNT_DEACTIVATED, obj=user, reason=reason)
        end_sessions(user=user)
    return user
