"""The steps of a draft application: one form per step, documents, and the check page where
the applicant accepts the declaration of truth and submits."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from licensing import fast_track
from licensing.models import Application
from portal import forms, selectors, services
from portal.views.common import REFUSALS, posted, show_refusal, uploaded
from registry import selectors as registry_selectors
from registry.models import ProviderRole

STEP_FORMS = {
    "business": forms.BusinessForm,
    "activities": forms.ActivitiesForm,
    "turnover": forms.TurnoverForm,
}


@login_required
def step(request, reference, step):
    application = selectors.application_for(request.user, reference)
    steps = selectors.steps_for(application)
    names = [name for name, _label in steps]
    if step not in names:
        raise Http404
    refusal = selectors.draft_refusal(application)
    if refusal:
        messages.info(request, refusal)
        return redirect("portal:application", application.reference)
    if step == "check":
        return _check(request, application, steps)
    if step == "documents":
        return _documents(request, application, steps)
    answers = application.answers or {}
    if step == "people":
        form = forms.PeopleFormSet(
            posted(request), initial=answers.get("people") or None, prefix="people"
        )
    else:
        form = STEP_FORMS[step](posted(request), initial=answers.get(step))
    if request.method == "POST" and form.is_valid():
        try:
            services.draft_save_step(
                application=application, actor=request.user, step=step, data=form.to_answers()
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            return _after_saving(request, application, step, names)
    return render(
        request,
        f"portal/steps/{step}.html",
        {
            **_step_context(application, steps, step),
            "form": form,
            "bands": selectors.fee_bands(),
        },
    )


def _after_saving(request, application, step, names):
    application.refresh_from_db()
    labels = dict(selectors.steps_for(application))
    missing = [labels[name] for name in selectors.missing_steps(application)]
    saved = _("“%(step)s” saved.") % {"step": labels[step]}
    if missing:
        saved += " " + _("Still to complete: %(steps)s.") % {"steps": ", ".join(map(str, missing))}
    else:
        saved += " " + _("Every step is complete: check your answers and submit.")
    messages.success(request, saved)
    if "save_and_return" in request.POST:
        return redirect("portal:application", application.reference)
    if "add_person" in request.POST:
        return redirect("portal:step", application.reference, step)
    return redirect("portal:step", application.reference, names[names.index(step) + 1])


def _step_context(application, steps, step) -> dict:
    return {
        "application": application,
        "steps": steps,
        "step": step,
        "step_label": dict(steps)[step],
        "step_names": [name for name, _label in steps],
        "fee": selectors.fee_estimate(application),
    }


def _documents(request, application, steps):
    form = forms.DocumentForm(posted(request), uploaded(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                provider=application.provider,
                application=application,
                file=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
            )
        except REFUSALS as error:
            show_refusal(form, error, "file")
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
            **_step_context(application, steps, "documents"),
            "form": form,
            "documents": application.documents.all(),
            "max_bytes": settings.UPLOAD_MAX_BYTES,
        },
        status=400 if form.errors else 200,
    )


def _check(request, application, steps):
    form = forms.DeclarationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.portal_submit(application=application, actor=request.user)
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Application submitted."))
            if submitted.fee_outstanding:
                return redirect("portal:pay", submitted.reference)
            return redirect("portal:application", submitted.reference)
    context = {
        **_step_context(application, steps, "check"),
        "form": form,
        "answers": application.answers or {},
        "missing": selectors.missing_steps(application),
        "can_act": registry_selectors.can_act(request.user, application.provider),
        "documents": application.documents.all(),
        "sectors": selectors.sector_names(application),
        "summary": _readable_answers(application),
        "change_timing": selectors.change_timing_for(application),
    }
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
        {
            **person,
            "role_label": roles.get(person.get("role"), person.get("role")),
            "born_on": _date_or_none(person.get("date_of_birth")),
        }
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
                    _words_for_date(value.get("date_of_birth")),
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
        "country": countries.name((answers.get("business") or {}).get("country") or ""),
        "people": people,
        "changes": changes,
    }


def _date_or_none(value) -> date | None:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


def _words_for_date(value) -> str:
    """An ISO date from the saved answers in the reader's locale, e.g. "12 March 1984"."""
    parsed = _date_or_none(value)
    return date_format(parsed, "DATE_FORMAT") if parsed else (value or "")
