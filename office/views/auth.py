"""Staff sign-in and sign-out. Staff sign in through the one sign-in form (allauth's, with
its rate limits and second factor); this address stays for bookmarks."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode


def sign_in(request):
    target = request.GET.get("next") or reverse("office:workbench")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("office:sign_in")
