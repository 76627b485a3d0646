"""An additional licence condition, and the evidence the agency sends that it is met."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import forms, selectors, services
from portal.views.common import REFUSALS, posted, show_refusal, uploaded


@login_required
def condition(request, pk):
    condition = selectors.condition_for(request.user, pk)
    form = forms.EvidenceForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_evidence_submit(
                condition=condition,
                actor=request.user,
                text=form.cleaned_data["text"],
                file=form.cleaned_data.get("file") or None,
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Evidence sent. A licensing officer will review it."))
            return redirect("portal:condition", condition.pk)
    return render(
        request,
        "portal/condition.html",
        {
            "condition": condition,
            "licence": condition.licence,
            "evidence": condition.evidence.select_related("document"),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
