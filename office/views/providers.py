"""Labour providers: search, and everything the regulator knows about one."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from licensing import selectors, services
from licensing.models import Application
from office.access import staff_required
from office.forms import licensing as forms
from office.views.parts import named_individuals, paginate
from registry import selectors as registry_selectors
from registry.models import LabourProvider

VIEW_PROVIDER = "registry.view_labourprovider"


@require_GET
@staff_required(VIEW_PROVIDER)
def providers(request):
    search = forms.ProviderSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    page, query = paginate(request, selectors.office_providers(q=q))
    return render(
        request,
        "office/providers.html",
        {"office_section": "providers", "search": search, "page": page, "query": query},
    )


@require_GET
@staff_required(VIEW_PROVIDER)
def provider_detail(request, pk):
    provider = get_object_or_404(LabourProvider, pk=pk)
    people = named_individuals(provider)
    return render(
        request,
        "office/provider.html",
        {
            "office_section": "providers",
            "provider": provider,
            "people": people,
            "phoenix": [p for p in people if p["warning"]],
            "person_matches": registry_selectors.open_person_matches(provider),
            "role_accounts": services.role_accounts(provider),
            "licences": provider.licences.all(),
            "applications": provider.applications.exclude(state=Application.State.DRAFT)
            .select_related("licence", "assigned_to")
            .order_by("-created_at"),
            "decisions": provider.adverse_decisions.all(),
        },
    )
