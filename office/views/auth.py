"""Staff sign-in and sign-out."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy


class SignInView(auth_views.LoginView):
    template_name = "office/sign_in.html"
    next_page = reverse_lazy("office:workbench")


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("office:sign_in")
