"""A licence and what its holder can ask for: a renewal, a change of circumstances, a
surrender. Each page offers the step only when the rule its service applies allows it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from licensing import fast_track, pdfs
from licensing import selectors as licensing_selectors
from licensing.models import Application
from portal import forms, selectors, services
from portal.views.common import REFUSALS, posted, show_refusal
from registry import selectors as registry_selectors


@login_required
def licence(request, urn):
    licence = selectors.licence_for(request.user, urn)
    return render(
        request,
        "portal/licence.html",
        {
            "licence": licence,
            "conditions": licence.conditions.all(),
            "applications": licence.applications.order_by("-created_at"),
            "certificate": pdfs.latest_certificate(licence),
            "revocation_notices": selectors.revocation_notices(licence),
            "can_act": registry_selectors.can_act(request.user, licence.provider),
            "renewal_refusal": selectors.renewal_refusal(licence),
            "change_refusal": selectors.change_refusal(licence),
            "surrender_refusal": selectors.surrender_refusal(licence),
        },
    )


@login_required
def renew(request, urn):
    licence = selectors.licence_for(request.user, urn)
    if request.method == "POST":
        try:
            application = services.renewal_start(licence=licence, actor=request.user)
        except REFUSALS as error:
            messages.error(request, str(error))
        else:
            if application.state == Application.State.DRAFT:
                return redirect("portal:step", application.reference, "business")
            return redirect("portal:application", application.reference)
    return render(
        request,
        "portal/renew.html",
        {
            "licence": licence,
            "refusal": selectors.renewal_refusal(licence),
            "eligibility": fast_track.eligibility(licence),
            "open_renewal": licensing_selectors.open_renewal(licence),
            "can_act": registry_selectors.can_act(request.user, licence.provider),
        },
    )


@login_required
def change(request, urn):
    licence = selectors.licence_for(request.user, urn)
    limit = selectors.change_notification_limit()
    form = forms.ChangeForm(posted(request), notification_limit=limit)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.change_notify(
                licence=licence,
                actor=request.user,
                what=form.cleaned_data["what"],
                date_of_change=form.cleaned_data["date_of_change"],
                changes=form.changes(),
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            return redirect("portal:step", application.reference, "check")
    return render(
        request,
        "portal/change.html",
        {
            "licence": licence,
            "form": form,
            "limit": limit,
            "refusal": selectors.change_refusal(licence),
            "can_act": registry_selectors.can_act(request.user, licence.provider),
        },
    )


@login_required
def surrender(request, urn):
    licence = selectors.licence_for(request.user, urn)
    form = forms.SurrenderForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.surrender_start(
                licence=licence, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            return redirect("portal:step", application.reference, "check")
    return render(
        request,
        "portal/surrender.html",
        {
            "licence": licence,
            "form": form,
            "refusal": selectors.surrender_refusal(licence),
            "can_act": registry_selectors.can_act(request.user, licence.provider),
        },
    )
