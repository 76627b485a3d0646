"""Reviews of a changed VAT number: the officer decides whether the licence continues."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from licensing import services, workflow
from licensing.models import IdentityReview
from office.access import staff_required
from office.actions import MANAGE_LICENCE
from office.forms.licensing import IdentityReviewForm


@require_http_methods(["GET", "POST"])
@staff_required(MANAGE_LICENCE)
def identity_review(request, pk):
    review = get_object_or_404(
        IdentityReview.objects.select_related("licence", "provider", "decided_by"), pk=pk
    )
    form = IdentityReviewForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and review.state == IdentityReview.State.OPEN:
        if form.is_valid():
            try:
                services.identity_review_decide(
                    review=review,
                    actor=request.user,
                    expire=form.cleaned_data["outcome"] == "expire",
                    reason=form.cleaned_data["reason"],
                )
            except workflow.ServiceError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _("The review is decided."))
                return redirect("office:licence", review.licence.urn)
        else:
            status = 400
    return render(
        request,
        "office/identity_review.html",
        {"office_section": "workbench", "review": review, "form": form},
        status=status,
    )
