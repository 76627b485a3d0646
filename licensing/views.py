"""The regulator's back office: thin views over the licensing selectors and services."""

from functools import wraps

from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse_lazy

from licensing import selectors

SIGN_IN_URL = reverse_lazy("office:sign_in")


def staff_required(perm="licensing.view_application"):
    """Anonymous visitors go to the staff sign-in; signed-in users without `perm` get 403."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), SIGN_IN_URL)
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class SignInView(auth_views.LoginView):
    template_name = "licensing/office/sign_in.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("office:workbench")


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("office:sign_in")


@staff_required()
def workbench(request):
    return render(
        request,
        "licensing/office/workbench.html",
        {"counts": selectors.queue_counts(), "office_section": "workbench"},
    )


@staff_required("licensing.view_licence")
def licences(request):
    return render(request, "licensing/office/licences.html", {"office_section": "licences"})


@staff_required("registry.view_labourprovider")
def providers(request):
    return render(request, "licensing/office/providers.html", {"office_section": "providers"})
