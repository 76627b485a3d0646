"""Staff sessions: a second factor before the office and the admins, and timeouts."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.staff import SESSION_FLAG, has_totp, is_staff_account

SIGNED_IN_AT = "accounts_signed_in_at"
LAST_SEEN = "accounts_last_seen"
# Writing the session on every request is wasted work; a minute's slack on 30 is not.
LAST_SEEN_RESOLUTION = 60


class StaffSessionMiddleware:
    """For staff accounts: sign out after `STAFF_SESSION_IDLE_SECONDS` without a request or
    `STAFF_SESSION_MAX_SECONDS` after signing in; with `STAFF_MFA_REQUIRED`, send staff with
    no authenticator app to set one up before any page under `STAFF_MFA_PATHS`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._is_staff(request):
            response = self._check(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _is_staff(self, request) -> bool:
        session = request.session
        if SESSION_FLAG not in session:
            session[SESSION_FLAG] = is_staff_account(request.user)
        return session[SESSION_FLAG]

    def _check(self, request):
        session, now = request.session, time.time()
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.get(LAST_SEEN, now)
        if (
            now - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS
            or now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
        ):
            logout(request)
            messages.info(request, _("Your session has ended: sign in again."))
            return redirect_to_login(request.get_full_path())
        if now - last_seen >= LAST_SEEN_RESOLUTION or LAST_SEEN not in session:
            session[LAST_SEEN] = now
        if (
            settings.STAFF_MFA_REQUIRED
            and request.path.startswith(tuple(settings.STAFF_MFA_PATHS))
            and not has_totp(request.user)
        ):
            messages.info(
                request,
                _("Set up an authenticator app before you use the office or the admin."),
            )
            return redirect("mfa_activate_totp")
        return None
