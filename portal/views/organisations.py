"""The home page, starting an application (and with it the organisation), the organisation's
members and invitations to join it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import limit_reached, subject_key
from licensing.workflow import ServiceError
from portal import forms, selectors, services
from portal.views.common import posted, show_refusal
from registry import selectors as registry_selectors
from registry import services as registry_services

# Anybody can sign up and start an organisation, so invitations are limited like anonymous
# email: per recipient, and per inviting account.
INVITATIONS_PER_RECIPIENT_PER_DAY = 3
INVITATIONS_PER_ACCOUNT_PER_DAY = 30


@login_required
def home(request):
    member = registry_selectors.membership(request.user)
    if member is None:
        return render(request, "portal/home.html", {"member": None})
    licences = list(selectors.licences_for(request.user))
    return render(
        request,
        "portal/home.html",
        {
            "member": member,
            "applications": selectors.applications_for(request.user),
            "licences": licences,
            "renewal_due": selectors.renewal_due(licences),
            "conditions": selectors.open_conditions(request.user),
            "open_orders": selectors.open_repayment_orders(request.user),
            "can_act": registry_selectors.can_act(request.user, member.provider),
        },
    )


@login_required
def start(request):
    """Start (or resume) a new licence application; the first user creates the organisation."""
    member = registry_selectors.membership(request.user)
    form = forms.OrganisationForm(posted(request))
    if member is not None and request.method == "POST":
        application = services.new_application_start(actor=request.user, provider=member.provider)
        return redirect("portal:step", application.reference, "business")
    if member is None and request.method == "POST" and form.is_valid():
        try:
            provider = services.organisation_create(
                actor=request.user, legal_name=form.cleaned_data["legal_name"]
            )
        except ServiceError as error:
            show_refusal(form, error, "legal_name")
        else:
            application = services.new_application_start(actor=request.user, provider=provider)
            return redirect("portal:step", application.reference, "business")
    staff_refusal = (
        registry_services.STAFF_CANNOT_JOIN
        if member is None and registry_selectors.holds_regulator_permission(request.user)
        else ""
    )
    return render(
        request,
        "portal/start.html",
        {"form": form, "member": member, "staff_refusal": staff_refusal},
    )


@login_required
def organisation(request):
    member = registry_selectors.membership(request.user)
    if member is None:
        return redirect("portal:start")
    provider = member.provider
    form = forms.InvitationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        refusal = limit_reached(
            request,
            "invitation-recipient",
            subject=subject_key(form.cleaned_data["email"]),
            limit=INVITATIONS_PER_RECIPIENT_PER_DAY,
            window=24 * 3600,
            message=_("Several invitations were sent to this address today. Try again tomorrow."),
        ) or limit_reached(
            request,
            "invitation-sender",
            subject=f"user:{request.user.pk}",
            limit=INVITATIONS_PER_ACCOUNT_PER_DAY,
            window=24 * 3600,
            message=_("You have sent many invitations today. Try again tomorrow."),
        )
        if refusal is not None:
            return refusal
        try:
            services.invitation_send(
                actor=request.user,
                provider=provider,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ServiceError as error:
            show_refusal(form, error, "email")
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal:organisation")
    return render(
        request,
        "portal/organisation.html",
        {
            "provider": provider,
            "members": selectors.organisation_members(provider),
            "invitations": selectors.open_invitations(provider),
            "form": form,
            "is_pa": registry_selectors.is_principal_authority(request.user, provider),
            "language_form": forms.LanguageForm(
                initial={"language": provider.language or settings.LANGUAGE_CODE}
            ),
        },
    )


@login_required
@require_POST
def organisation_language(request):
    member = registry_selectors.membership(request.user)
    if member is None:
        return redirect("portal:start")
    form = forms.LanguageForm(request.POST)
    if form.is_valid():
        services.organisation_language_set(
            actor=request.user, provider=member.provider, language=form.cleaned_data["language"]
        )
        messages.success(request, _("We will write to you in the language you chose."))
    return redirect("portal:organisation")


def invitation(request, token):
    invitation = selectors.invitation_for(token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.path)
        try:
            services.invitation_accept(invitation=invitation, actor=request.user)
        except ServiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("You joined %(provider)s.") % {"provider": invitation.provider.legal_name},
            )
            return redirect("portal:home")
    staff_refusal = (
        registry_services.STAFF_CANNOT_JOIN
        if registry_selectors.holds_regulator_permission(request.user)
        else ""
    )
    return render(
        request,
        "portal/invitation.html",
        {"invitation": invitation, "staff_refusal": staff_refusal},
    )
