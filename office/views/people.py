"""The regulator's word on a provider's people, posted from the provider and case pages:
authorise (and link to a portal account), refuse or end a role; confirm or reject a
possible match with somebody already on record."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from licensing import services
from licensing.workflow import ServiceError
from office.access import staff_required
from office.actions import DECIDE, PROCESS
from office.forms import people as forms
from registry.models import LabourProvider, PersonMatch, ProviderRole


def _back(request, provider):
    """Back to the page the form was on (the case or the provider page)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(reverse("office:provider", args=[provider.pk]))


def _answer(request, provider, form, call, success):
    if not form.is_valid():
        for _anchor, message in form.error_links():
            messages.error(request, message)
        return _back(request, provider)
    try:
        call(form.cleaned_data)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return _back(request, provider)


def _role(pk):
    return get_object_or_404(ProviderRole.objects.select_related("provider", "person"), pk=pk)


@require_POST
@staff_required(DECIDE)
def role_authorise(request, pk):
    role = _role(pk)
    form = forms.RoleAuthoriseForm(request.POST, accounts=services.role_accounts(role.provider))
    return _answer(
        request,
        role.provider,
        form,
        lambda data: services.role_authorise(role=role, actor=request.user, user=data["account"]),
        _("%(name)s is authorised as %(role)s.")
        % {"name": role.person.full_name, "role": role.get_role_display()},
    )


@require_POST
@staff_required(DECIDE)
def role_refuse(request, pk):
    role = _role(pk)
    return _answer(
        request,
        role.provider,
        forms.RoleReasonForm(request.POST),
        lambda data: services.role_refuse(role=role, actor=request.user, reason=data["reason"]),
        _("The regulator refused %(name)s as %(role)s.")
        % {"name": role.person.full_name, "role": role.get_role_display()},
    )


@require_POST
@staff_required(DECIDE)
def role_end(request, pk):
    role = _role(pk)
    return _answer(
        request,
        role.provider,
        forms.RoleReasonForm(request.POST),
        lambda data: services.role_end(role=role, actor=request.user, reason=data["reason"]),
        _("%(name)s's role as %(role)s has ended.")
        % {"name": role.person.full_name, "role": role.get_role_display()},
    )


@require_POST
@staff_required(PROCESS)
def person_match(request, pk):
    match = get_object_or_404(PersonMatch.objects.select_related("person", "candidate"), pk=pk)
    provider = get_object_or_404(
        LabourProvider, pk=request.POST.get("provider"), roles__person=match.person_id
    )
    return _answer(
        request,
        provider,
        forms.PersonMatchForm(request.POST),
        lambda data: services.person_match_decide(
            match=match,
            actor=request.user,
            same=data["verdict"] == forms.PersonMatchForm.SAME,
            provider=provider,
        ),
        _("Your answer on the possible match is recorded."),
    )
