"""Links of a refused or revoked provider to successor or associated providers and to the
named individuals involved: staff confirm them here, and the exclusion data publishes them."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from licensing.models import AdverseDecision
from licensing.workflow import ServiceError
from office.access import staff_required
from office.actions import DECIDE
from public_register.exclusions import exclusion_link_confirm
from public_register.models import ExclusionLink
from registry.models import LabourProvider, Person


class ExclusionLinkForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind of link"), choices=ExclusionLink.Kind.choices)
    company_number = forms.CharField(
        label=gettext_lazy("Linked provider's company number"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("For a successor or associated provider."),
    )
    person = forms.ModelChoiceField(
        label=gettext_lazy("Named individual"),
        queryset=Person.objects.none(),
        required=False,
        help_text=gettext_lazy("For a named individual: people named on this provider."),
    )
    role = forms.CharField(label=gettext_lazy("Role"), required=False, max_length=100)
    public_note = forms.CharField(
        label=gettext_lazy("Public note"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("Published with the link: facts only, no personal details."),
    )

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(
            roles__provider=decision.provider
        ).distinct()

    def clean(self):
        data = super().clean()
        if data.get("kind") != ExclusionLink.Kind.INDIVIDUAL:
            number = (data.get("company_number") or "").strip()
            provider = LabourProvider.objects.filter(company_number__iexact=number).first()
            if provider is None:
                self.add_error("company_number", _("No provider has this company number."))
            data["linked_provider"] = provider
        return data


@require_http_methods(["GET", "POST"])
@staff_required(DECIDE)
def exclusion_links(request, pk):
    decision = get_object_or_404(AdverseDecision.objects.select_related("provider"), pk=pk)
    form = ExclusionLinkForm(request.POST or None, decision=decision)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        individual = data["kind"] == ExclusionLink.Kind.INDIVIDUAL
        try:
            exclusion_link_confirm(
                actor=request.user,
                decision=decision,
                kind=data["kind"],
                linked_provider=None if individual else data.get("linked_provider"),
                person=data["person"] if individual else None,
                role=data["role"],
                public_note=data["public_note"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The link is confirmed and now published."))
            return redirect("office:exclusion_links", pk=decision.pk)
    links = decision.exclusion_links.select_related("linked_provider", "person", "confirmed_by")
    return render(
        request,
        "office/exclusion_links.html",
        {"decision": decision, "form": form, "links": links},
        status=400 if form.errors else 200,
    )
