"""The agency portal: thin views over ``portal.selectors`` and the services.

Every object is looked up through the signed-in user's memberships, so another
organisation's application, licence, document or condition is a 404.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from licensing import fast_track
from licensing import selectors as licensing_selectors
from licensing import services as licensing_services
from licensing.models import Application, Document, FeeBand, LicensingPolicy
from licensing.workflow import ServiceError
from portal import forms, selectors, services
from portal.models import Invitation
from portal.payments import available_providers
from registry.models import ProviderRole, Sector

STEPS = [
    ("business", gettext_lazy("Your business")),
    ("activities", gettext_lazy("Sectors and countries")),
    ("people", gettext_lazy("Named individuals")),
    ("turnover", gettext_lazy("Turnover and fee")),
    ("documents", gettext_lazy("Documents")),
    ("check", gettext_lazy("Check your answers and submit")),
]
STEP_FORMS = {
    "business": forms.BusinessForm,
    "activities": forms.ActivitiesForm,
    "turnover": forms.TurnoverForm,
}


def steps_for(application) -> list[tuple[str, str]]:
    if application.kind in (Application.Kind.NEW, Application.Kind.RENEWAL):
        return STEPS
    return [STEPS[-1]]


def pdfs():
    """The PDF module, when it is installed; download links are hidden without it."""
    try:
        from licensing import pdfs as module
    except ImportError:
        return None
    return module


def _posted(request):
    # An empty POST is still a submission (a form whose fields are all optional).
    return request.POST if request.method == "POST" else None


def _files(request):
    return request.FILES if request.method == "POST" else None


def _service_error(request, error):
    messages.error(request, str(error))


# Accounts.


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("portal:home")
    form = forms.SignUpForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.account_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
            )
        except ServiceError as error:
            form.add_error("email", str(error))
        else:
            return redirect("portal:sign_up_sent")
    return render(request, "portal/account/sign_up.html", {"form": form})


def sign_up_sent(request):
    return render(request, "portal/account/sign_up_sent.html")


def verify(request, uidb64, token):
    User = get_user_model()
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (User.DoesNotExist, ValueError, TypeError, OverflowError):
        user = None
    if user is None or not default_token_generator.check_token(user, token):
        return render(request, "portal/account/verify_failed.html", status=400)
    if request.method != "POST":
        # Mail scanners open links; only the person pressing the button confirms and signs in.
        return render(request, "portal/account/verify.html", {"email": user.email})
    user = services.account_verify(user=user)
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Your email address is confirmed. You are signed in."))
    return redirect("portal:home")


class SignInForm(AuthenticationForm):
    def clean_username(self):
        # Portal accounts are named by their email address, stored in lower case.
        username = self.cleaned_data["username"].strip()
        return username.lower() if "@" in username else username


class SignInView(auth_views.LoginView):
    template_name = "portal/account/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("portal:sign_in")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "portal/account/password_reset.html"
    email_template_name = "portal/email/password_reset.txt"
    subject_template_name = "portal/email/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")
    extra_email_context = {"regulator": settings.REGULATOR_NAME}


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "portal/account/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "portal/account/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "portal/account/password_reset_complete.html"


# Home and organisation.


@login_required
def home(request):
    member = selectors.membership(request.user)
    context = {"member": member}
    if member is not None:
        reminder_days = LicensingPolicy.load().first_reminder_days
        renew_from = timezone.localdate() + timedelta(days=reminder_days)
        context.update(
            applications=selectors.applications_for(request.user),
            licences=selectors.licences_for(request.user),
            renew_from=renew_from,
            conditions=selectors.open_conditions(request.user),
            can_act=selectors.can_act(request.user, member.provider),
        )
    return render(request, "portal/home.html", context)


@login_required
def start(request):
    """Start (or resume) a new licence application; the first user creates the organisation."""
    member = selectors.membership(request.user)
    form = forms.OrganisationForm(_posted(request))
    if member is not None and request.method == "POST":
        application = services.new_application_start(actor=request.user, provider=member.provider)
        return redirect("portal:step", application.reference, "business")
    if member is None and request.method == "POST" and form.is_valid():
        try:
            provider = services.organisation_create(
                actor=request.user, legal_name=form.cleaned_data["legal_name"]
            )
        except ServiceError as error:
            form.add_error("legal_name", str(error))
        else:
            application = services.new_application_start(actor=request.user, provider=provider)
            return redirect("portal:step", application.reference, "business")
    return render(request, "portal/start.html", {"form": form, "member": member})


@login_required
def organisation(request):
    member = selectors.membership(request.user)
    if member is None:
        return redirect("portal:start")
    provider = member.provider
    is_pa = selectors.is_principal_authority(request.user, provider)
    form = forms.InvitationForm(_posted(request))
    if request.method == "POST":
        if not is_pa:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invitation_send(
                    actor=request.user,
                    provider=provider,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ServiceError as error:
                form.add_error("email", str(error))
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
            "members": provider.members.filter(is_active=True).select_related("user"),
            "invitations": provider.invitations.filter(accepted_at__isnull=True),
            "form": form,
            "is_pa": is_pa,
            "can_act": selectors.can_act(request.user, provider),
        },
    )


def invitation(request, token):
    invitation = get_object_or_404(Invitation.objects.select_related("provider"), token=token)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
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
    return render(request, "portal/invitation.html", {"invitation": invitation})


# Applications.


def _fee_context(application):
    if application.declared_turnover is None:
        return {}
    try:
        band, app_fee, insp_fee = licensing_services.fees_for(
            kind=application.kind, turnover=application.declared_turnover
        )
    except ServiceError:
        return {}
    return {
        "fee": {
            "band": band,
            "application_fee": app_fee,
            "inspection_fee": insp_fee,
            "total": app_fee + insp_fee,
            "currency": band.currency,
        }
    }


@login_required
def application(request, reference):
    application = selectors.application_for(request.user, reference)
    provider = application.provider
    context = {
        "application": application,
        "steps": steps_for(application),
        "answers": application.answers or {},
        "missing": services.missing_steps(application),
        "timeline": selectors.timeline(application),
        "next_step": selectors.next_step(application),
        "target": selectors.decision_target(application),
        "case_messages": selectors.messages_for(application),
        "documents": application.documents.all(),
        "payments": application.payments.all(),
        "information_request": application.messages.filter(is_information_request=True).last(),
        "message_form": forms.MessageForm(),
        "can_act": selectors.can_act(request.user, provider),
        "can_pay": application.fee_outstanding,
        "has_letter": pdfs() is not None and application.state in Application.DECIDED_STATES,
        **_fee_context(application),
    }
    if application.kind in (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA):
        context["change_timing"] = _change_timing(application)
    return render(request, "portal/application.html", context)


def _change_timing(application):
    when = (application.changes or {}).get("date_of_change")
    if not when:
        return None
    notified = application.submitted_at or application.created_at
    return selectors.change_timing(date.fromisoformat(when), timezone.localtime(notified).date())


@login_required
def step(request, reference, step):
    application = selectors.application_for(request.user, reference)
    steps = steps_for(application)
    names = [name for name, _label in steps]
    if step not in names:
        raise Http404
    if application.state != Application.State.DRAFT:
        messages.info(request, _("This application has been submitted; it can no longer change."))
        return redirect("portal:application", application.reference)
    if step == "check":
        return _check(request, application, steps)
    if step == "documents":
        return _documents(request, application, steps)
    following = names[names.index(step) + 1]
    answers = application.answers or {}
    if step == "people":
        form = forms.PeopleFormSet(
            _posted(request), initial=answers.get("people") or None, prefix="people"
        )
    else:
        form = STEP_FORMS[step](_posted(request), initial=answers.get(step))
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_save_step(
                application=application, actor=request.user, step=step, data=form.to_answers()
            )
        except ServiceError as error:
            _service_error(request, error)
            return redirect("portal:application", application.reference)
        if "save_and_return" in request.POST:
            messages.success(request, _("Saved. You can come back to it at any time."))
            return redirect("portal:application", application.reference)
        if "add_person" in request.POST:
            messages.success(request, _("Saved. Add the next person below."))
            return redirect("portal:step", application.reference, step)
        return redirect("portal:step", application.reference, following)
    return render(
        request,
        f"portal/steps/{step}.html",
        {
            "application": application,
            "form": form,
            "steps": steps,
            "step": step,
            "step_label": dict(steps)[step],
            "bands": FeeBand.objects.order_by("min_turnover"),
            **_fee_context(application),
        },
    )


def _documents(request, application, steps):
    form = forms.DocumentForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                provider=application.provider,
                application=application,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except (ServiceError, ValidationError) as error:
            form.add_error("file", error)
        else:
            messages.success(
                request,
                _("%(name)s uploaded.") % {"name": form.cleaned_data["file"].name},
            )
            return redirect("portal:step", application.reference, "documents")
    return render(
        request,
        "portal/steps/documents.html",
        {
            "application": application,
            "form": form,
            "steps": steps,
            "step": "documents",
            "step_label": dict(steps)["documents"],
            "documents": application.documents.all(),
            "max_bytes": settings.UPLOAD_MAX_BYTES,
            **_fee_context(application),
        },
        status=400 if form.errors else 200,
    )


def _check(request, application, steps):
    form = forms.DeclarationForm(_posted(request))
    can_act = selectors.can_act(request.user, application.provider)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.portal_submit(application=application, actor=request.user)
        except (ServiceError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Application submitted."))
            if application.total_fee > 0:
                return redirect("portal:pay", application.reference)
            return redirect("portal:application", application.reference)
    context = {
        "application": application,
        "form": form,
        "steps": steps,
        "step": "check",
        "step_label": dict(steps)["check"],
        "answers": application.answers or {},
        "missing": services.missing_steps(application),
        "can_act": can_act,
        "documents": application.documents.all(),
        "sectors": _sector_names(application),
        "summary": _readable_answers(application),
        **_fee_context(application),
    }
    if application.kind in (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA):
        context["change_timing"] = _change_timing(application)
    if application.kind == Application.Kind.RENEWAL and application.licence:
        context["fast_track"] = fast_track.eligibility(application.licence)
    return render(request, "portal/steps/check.html", context)


CHANGE_LABELS = {
    "what": gettext_lazy("What changed"),
    "date_of_change": gettext_lazy("Date of the change"),
    "registered_address": gettext_lazy("New registered address"),
    "town": gettext_lazy("New town or city"),
    "postcode": gettext_lazy("New postcode"),
    "trading_names": gettext_lazy("Trading names from now on"),
    "new_principal_authority": gettext_lazy("New Principal Authority"),
    "named_individual": gettext_lazy("New named individual"),
}


def _readable_answers(application) -> dict:
    """Codes in the saved answers turned into the words the applicant chose."""
    answers = application.answers or {}
    activities = answers.get("activities") or {}
    roles = dict(ProviderRole.Role.choices)
    people = [
        {**person, "role_label": roles.get(person.get("role"), person.get("role"))}
        for person in answers.get("people") or []
    ]
    what = dict(forms.ChangeForm.WHAT)
    changes = []
    for key, value in (application.changes or {}).items():
        if key not in CHANGE_LABELS:
            continue
        if key == "what":
            value = what.get(value, value)
        elif key == "date_of_change":
            value = date.fromisoformat(value)
        elif isinstance(value, dict):
            value = ", ".join(
                str(part)
                for part in (
                    value.get("full_name"),
                    value.get("date_of_birth"),
                    roles.get(value.get("role"), ""),
                    value.get("email"),
                )
                if part
            )
        elif isinstance(value, list):
            value = ", ".join(value) or "—"
        changes.append((CHANGE_LABELS[key], value))
    return {
        "recruits_from": [countries.name(code) for code in activities.get("recruits_from", [])],
        "supplies_to": [countries.name(code) for code in activities.get("supplies_to", [])],
        "people": people,
        "changes": changes,
    }


def _sector_names(application):
    pks = ((application.answers or {}).get("activities") or {}).get("sectors") or []
    return list(Sector.objects.filter(pk__in=pks).values_list("name", flat=True))


@login_required
def pay(request, reference):
    application = selectors.application_for(request.user, reference)
    providers = available_providers()
    form = forms.PaymentForm(_posted(request), providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            payment, instructions = services.payment_start(
                application=application, actor=request.user, method=form.cleaned_data["method"]
            )
        except (ServiceError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            if instructions.paid:
                messages.success(request, _("Fee received. Thank you."))
                return redirect("portal:application", application.reference)
            return render(
                request,
                "portal/pay_instructions.html",
                {"application": application, "payment": payment, "instructions": instructions},
            )
    return render(
        request,
        "portal/pay.html",
        {
            "application": application,
            "form": form,
            "providers": providers,
            "can_act": selectors.can_act(request.user, application.provider),
        },
    )


@login_required
def message(request, reference):
    application = selectors.application_for(request.user, reference)
    if request.method != "POST":
        return redirect("portal:application", application.reference)
    form = forms.MessageForm(request.POST)
    if form.is_valid():
        try:
            licensing_services.case_message_send(
                application=application, actor=request.user, body=form.cleaned_data["body"]
            )
        except ServiceError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("Message sent to the licensing team."))
    else:
        messages.error(request, _("Write a message first."))
    return redirect(reverse("portal:application", args=[application.reference]) + "#messages")


@login_required
def answer(request, reference):
    """Answer a request for information, add a document and resubmit."""
    application = selectors.application_for(request.user, reference)
    if application.state != Application.State.RETURNED:
        messages.info(request, _("There is no open request for information on this application."))
        return redirect("portal:application", application.reference)
    upload_form = forms.DocumentForm(
        _posted(request) if "upload" in request.POST else None,
        _files(request) if "upload" in request.POST else None,
        prefix="document",
    )
    if upload_form.is_bound:
        if upload_form.is_valid():
            services.document_upload(
                actor=request.user,
                provider=application.provider,
                application=application,
                file=upload_form.cleaned_data["file"],
                kind=upload_form.cleaned_data["kind"],
            )
            messages.success(
                request, _("%(name)s added.") % {"name": upload_form.cleaned_data["file"].name}
            )
            return redirect("portal:answer", application.reference)
    form = forms.ResubmitForm(
        None if upload_form.is_bound else _posted(request),
        None if upload_form.is_bound else _files(request),
    )
    if form.is_bound and form.is_valid():
        try:
            services.answer_and_resubmit(
                application=application,
                actor=request.user,
                message=form.cleaned_data["message"],
                file=form.cleaned_data.get("file") or None,
                kind=form.cleaned_data.get("kind") or Document.Kind.OTHER,
            )
        except (ServiceError, ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, _("Your answer was sent and the application resubmitted."))
            return redirect("portal:application", application.reference)
    return render(
        request,
        "portal/answer.html",
        {
            "application": application,
            "form": form,
            "information_request": application.messages.filter(is_information_request=True).last(),
            "can_act": selectors.can_act(request.user, application.provider),
            "upload_form": upload_form,
            "documents": application.documents.all(),
        },
        status=400 if form.errors or upload_form.errors else 200,
    )


@login_required
def withdraw(request, reference):
    application = selectors.application_for(request.user, reference)
    form = forms.WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_withdraw(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (ServiceError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Application withdrawn."))
            return redirect("portal:application", application.reference)
    return render(request, "portal/withdraw.html", {"application": application, "form": form})


@login_required
def document(request, pk):
    document = selectors.document_for(request.user, pk)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def decision_letter(request, reference):
    application = selectors.application_for(request.user, reference)
    module = pdfs()
    if module is None or application.state not in Application.DECIDED_STATES:
        raise Http404
    return _pdf(module.decision_letter_pdf(application), f"decision-{application.reference}.pdf")


def _pdf(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# Licences.


@login_required
def licence(request, urn):
    licence = selectors.licence_for(request.user, urn)
    module = pdfs()
    return render(
        request,
        "portal/licence.html",
        {
            "licence": licence,
            "conditions": licence.conditions.all(),
            "applications": licence.applications.order_by("-created_at"),
            "certificate": licence.certificates.first() if module else None,
            "revocations": licence.decisions.all() if module else [],
            "can_act": selectors.can_act(request.user, licence.provider),
        },
    )


@login_required
def certificate(request, urn):
    licence = selectors.licence_for(request.user, urn)
    module = pdfs()
    certificate = licence.certificates.first()
    if module is None or certificate is None:
        raise Http404
    return _pdf(module.licence_certificate_pdf(certificate), f"licence-{licence.urn}.pdf")


@login_required
def revocation_notice(request, urn, pk):
    licence = selectors.licence_for(request.user, urn)
    decision = get_object_or_404(licence.decisions, pk=pk)
    module = pdfs()
    if module is None:
        raise Http404
    return _pdf(module.revocation_notice_pdf(decision), f"notice-{licence.urn}-{decision.pk}.pdf")


@login_required
def renew(request, urn):
    licence = selectors.licence_for(request.user, urn)
    eligibility = fast_track.eligibility(licence)
    if request.method == "POST":
        try:
            application = services.renewal_start(licence=licence, actor=request.user)
        except (ServiceError, PermissionDenied) as error:
            _service_error(request, error)
        else:
            if application.state == Application.State.DRAFT:
                return redirect("portal:step", application.reference, "business")
            return redirect("portal:application", application.reference)
    return render(
        request,
        "portal/renew.html",
        {
            "licence": licence,
            "eligibility": eligibility,
            "can_act": selectors.can_act(request.user, licence.provider),
            "open_renewal": licensing_selectors.open_renewal(licence),
        },
    )


@login_required
def change(request, urn):
    licence = selectors.licence_for(request.user, urn)
    form = forms.ChangeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.change_notify(
                licence=licence,
                actor=request.user,
                what=form.cleaned_data["what"],
                date_of_change=form.cleaned_data["date_of_change"],
                changes=form.changes(),
            )
        except (ServiceError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            return redirect("portal:step", application.reference, "check")
    return render(
        request,
        "portal/change.html",
        {
            "licence": licence,
            "form": form,
            "can_act": selectors.can_act(request.user, licence.provider),
        },
    )


@login_required
def surrender(request, urn):
    licence = selectors.licence_for(request.user, urn)
    form = forms.SurrenderForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application = services.surrender_start(
                licence=licence, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except (ServiceError, PermissionDenied) as error:
            form.add_error(None, str(error))
        else:
            return redirect("portal:step", application.reference, "check")
    return render(
        request,
        "portal/surrender.html",
        {
            "licence": licence,
            "form": form,
            "can_act": selectors.can_act(request.user, licence.provider),
        },
    )


@login_required
def condition(request, pk):
    condition = selectors.condition_for(request.user, pk)
    form = forms.EvidenceForm(_posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_evidence_submit(
                condition=condition,
                actor=request.user,
                text=form.cleaned_data["text"],
                file=form.cleaned_data.get("file") or None,
            )
        except (ServiceError, ValidationError) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
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
