"""What the portal's views share: reading a submission, showing a refused write on the form
that asked for it, and sending a private file.

A write is refused in one way: the service raises ``ServiceError`` (or ``ValidationError`` for
an uploaded file) and the page is shown again with the reason and the user's input kept. The
pages offer a write only to those who may make it, so a ``PermissionDenied`` from a service
answers a forged or stale request and is left to Django's 403 page.
"""

from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet
from django.http import HttpResponse

from licensing.workflow import ServiceError

REFUSALS = (ServiceError, ValidationError)


def posted(request):
    # An empty POST is still a submission (a form whose fields are all optional).
    return request.POST if request.method == "POST" else None


def uploaded(request):
    return request.FILES if request.method == "POST" else None


def show_refusal(form, error, field: str | None = None) -> None:
    """Put the reason a service refused on `form` (on `field` when it is about that field)."""
    reasons = error.messages if isinstance(error, ValidationError) else [str(error)]
    if isinstance(form, BaseFormSet):
        # A formset has no add_error(); its own errors list is what the error summary shows.
        form.non_form_errors().extend(reasons)
        return
    for reason in reasons:
        form.add_error(field, reason)


def pdf_download(content: bytes, filename: str) -> HttpResponse:
    """A PDF only the agency's own users may fetch: never kept by a shared cache."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
