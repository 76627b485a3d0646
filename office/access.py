"""Who may open the back office: signed-in staff with the permission a page or step needs."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse_lazy

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
