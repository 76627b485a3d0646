"""The portal's old account addresses, kept for bookmarks: allauth (under /accounts/) now
signs people up, confirms addresses, signs in and resets passwords."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.views.generic import RedirectView


def _to(name):
    return RedirectView.as_view(pattern_name=name, query_string=True)


sign_up = _to("account_signup")
sign_in = _to("account_login")
password_reset = _to("account_reset_password")


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("account_login")
