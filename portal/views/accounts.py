"""Signing up, confirming the email address, signing in and out, and resetting a password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from licensing.workflow import ServiceError
from portal import forms, selectors, services
from portal.views.common import posted, show_refusal


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = forms.SignUpForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
            )
        except ServiceError as error:
            show_refusal(form, error, "email")
        else:
            return redirect("portal:sign_up_sent")
    return render(request, "portal/account/sign_up.html", {"form": form})


def sign_up_sent(request):
    return render(request, "portal/account/sign_up_sent.html")


def verify(request, uidb64, token):
    user = selectors.account_to_verify(uidb64, token)
    if user is None:
        return render(request, "portal/account/verify_failed.html", status=400)
    if request.method != "POST":
        # Mail scanners open links; only the person pressing the button confirms and signs in.
        return render(request, "portal/account/verify.html", {"email": user.email})
    user = services.account_verify(user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed. You are signed in."))
    return redirect("portal:home")


class SignInView(auth_views.LoginView):
    template_name = "portal/account/sign_in.html"
    authentication_form = forms.SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:sign_in")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "portal/account/password_reset.html"
    email_template_name = "portal/email/password_reset.txt"
    subject_template_name = "portal/email/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")
    extra_email_context = {"regulator": settings.REGULATOR_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "portal/account/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "portal/account/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "portal/account/password_reset_complete.html"
