"""How allauth behaves here: links from SITE_URL, the shared client-address helper,
audited lockouts, usernames that are email addresses, and staff sent to the office."""

import logging
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.clients import client_address
from licensing.models import AuditAction
from licensing.workflow import audit

logger = logging.getLogger(__name__)

STANDARD_STAGE = "allauth.account.stages.EmailVerificationStage"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "too_many_login_attempts": _(
            "Signing in is locked for a few minutes after too many wrong passwords, for "
            "this account or from your connection. Wait 5 minutes and try again, or reset "
            "your password."
        ),
    }

    # Emailed links: never built from the request's Host header, which the client chooses.

    def get_email_confirmation_url(self, request, emailconfirmation):
        return settings.SITE_URL + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL + path.replace("UID-KEY", key)

    def send_mail(self, template_prefix, email, context):
        # allauth's emails name the site by the request's host; ours is SITE_URL's.
        site = SimpleNamespace(
            name=settings.REGULATOR_NAME, domain=urlsplit(settings.SITE_URL).netloc
        )
        super().send_mail(template_prefix, email, {**context, "current_site": site})

    def send_account_already_exists_mail(self, email):
        self.send_mail(
            "account/email/account_already_exists",
            email,
            {
                "signup_url": settings.SITE_URL + reverse("account_signup"),
                "password_reset_url": settings.SITE_URL + reverse("account_reset_password"),
            },
        )

    # Counting clients and accounts.

    def get_client_ip(self, request):
        return client_address(request)

    def _get_login_attempts_cache_key(self, request, **credentials):
        # Per account, however it is named (username or email, any case); allauth's own key
        # adds the Host header's domain, which the client picks.
        login = (credentials.get("email") or credentials.get("username") or "").strip().lower()
        user = self._account_named(login)
        return f"user:{user.pk}" if user is not None else f"login:{login}"

    @staticmethod
    def _account_named(login):
        if not login:
            return None
        User = get_user_model()
        return (
            User.objects.filter(username__iexact=login).first()
            or User.objects.filter(email__iexact=login).order_by("pk").first()
        )

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            self._record_lockout(request, credentials)
            raise

    def _record_lockout(self, request, credentials):
        key = self._get_login_attempts_cache_key(request, **credentials)
        client = client_address(request)
        logger.warning("Sign-in locked: %s, client %s", key, client)
        # One audit row per account and lock period, not one per refused attempt; a client
        # locked for guessing names that are no account is only logged.
        user = self._account_named(
            (credentials.get("email") or credentials.get("username") or "").strip().lower()
        )
        if user is None or not cache.add(f"accounts:lockout-audited:{key}", 1, timeout=300):
            return
        with transaction.atomic():
            audit(
                actor=None,
                action=AuditAction.ACCOUNT_LOCKED_OUT,
                obj=user,
                data={"client": client},
            )

    # Accounts.

    def populate_username(self, request, user):
        # Portal accounts are named by their email address, as before allauth.
        user.username = (user.email or "").strip().lower()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        first, _sep, last = form.cleaned_data.get("full_name", "").strip().partition(" ")
        user.first_name, user.last_name = first[:150], last[:150]
        if commit:
            user.save()
        return user

    def get_login_stages(self):
        return [
            "accounts.stages.EmailVerificationStage" if stage == STANDARD_STAGE else stage
            for stage in super().get_login_stages()
        ]

    def get_login_redirect_url(self, request):
        user = request.user
        if user.has_perm("licensing.view_application"):
            return settings.STAFF_LOGIN_REDIRECT_URL
        if user.has_perm("wagtailadmin.access_admin"):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)
