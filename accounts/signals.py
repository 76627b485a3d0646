"""Receivers: session bookkeeping at sign-in and sign-out, audit rows for sign-ups and
confirmed addresses, and ending the sessions of an account switched off by any route."""

import time
from datetime import timedelta

from allauth.account.signals import email_confirmed, user_signed_up
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from accounts import services
from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from accounts.models import SignedInSession
from accounts.staff import SESSION_FLAG, is_staff_account
from licensing.models import AuditAction
from licensing.workflow import audit

User = get_user_model()


@receiver(user_logged_in)
def remember_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN] = now
    session[SESSION_FLAG] = is_staff_account(user)
    if not session.session_key:
        session.save()
    cutoff = timezone.now() - timedelta(seconds=settings.SESSION_COOKIE_AGE)
    SignedInSession.objects.filter(user=user, signed_in_at__lt=cutoff).delete()
    SignedInSession.objects.update_or_create(
        session_key=session.session_key, defaults={"user": user}
    )


@receiver(user_logged_out)
def forget_session(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        SignedInSession.objects.filter(session_key=session.session_key).delete()


@receiver(user_signed_up)
def audit_sign_up(sender, request, user, **kwargs):
    audit(actor=None, action=AuditAction.ACCOUNT_CREATED, obj=user)


@receiver(email_confirmed)
def audit_confirmation(sender, request, email_address, **kwargs):
    audit(actor=None, action=AuditAction.ACCOUNT_VERIFIED, obj=email_address.user)


@receiver(pre_save, sender=User)
def note_active_before_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None or (update_fields is not None and "is_active" not in update_fields):
        return
    instance._was_active = (
        User.objects.filter(pk=instance.pk).values_list("is_active", flat=True).first()
    )


@receiver(post_save, sender=User)
def end_sessions_when_switched_off(sender, instance, created, **kwargs):
    """An administrator unticking "active" (Django admin, Wagtail's user editor) is a
    deactivation too: recorded, and the account's sessions end."""
    if created or not getattr(instance, "_was_active", False) or instance.is_active:
        return
    instance._was_active = False
    audit(
        actor=None,
        action=AuditAction.ACCOUNT_DEACTIVATED,
        obj=instance,
        reason="Active box unticked in an admin",
    )
    transaction.on_commit(lambda: services.end_sessions(user=instance))
