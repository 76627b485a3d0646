"""Talking to the licensing team: a message on the case, and the answer to a request for
information with which the application is resubmitted."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from licensing import services as licensing_services
from licensing.models import Application, Document
from portal import forms, selectors, services
from portal.views.applications import application_page
from portal.views.common import REFUSALS, posted, show_refusal, uploaded
from registry import selectors as registry_selectors


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
        except REFUSALS as error:
            show_refusal(form, error, "body")
        else:
            messages.success(request, _("Message sent to the licensing team."))
            return redirect(
                reverse("portal:application", args=[application.reference]) + "#messages"
            )
    return application_page(request, application, message_form=form, status=400)


@login_required
def answer(request, reference):
    """Answer a request for information, add a document and resubmit."""
    application = selectors.application_for(request.user, reference)
    if application.state != Application.State.RETURNED:
        messages.info(request, _("There is no open request for information on this application."))
        return redirect("portal:application", application.reference)
    # The page has two forms: a document added on its own, and the answer that resubmits.
    adding = "upload" in request.POST
    data, files = posted(request), uploaded(request)
    upload_form = forms.DocumentForm(
        data if adding else None, files if adding else None, prefix="document"
    )
    form = forms.ResubmitForm(None if adding else data, None if adding else files)
    if upload_form.is_bound and upload_form.is_valid():
        try:
            services.document_upload(
                actor=request.user,
                provider=application.provider,
                application=application,
                file=upload_form.cleaned_data["file"],
                kind=upload_form.cleaned_data["kind"],
            )
        except REFUSALS as error:
            show_refusal(upload_form, error, "file")
        else:
            messages.success(
                request, _("%(name)s added.") % {"name": upload_form.cleaned_data["file"].name}
            )
            return redirect("portal:answer", application.reference)
    if form.is_bound and form.is_valid():
        try:
            services.answer_and_resubmit(
                application=application,
                actor=request.user,
                message=form.cleaned_data["message"],
                file=form.cleaned_data.get("file") or None,
                kind=form.cleaned_data.get("kind") or Document.Kind.OTHER,
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Your answer was sent and the application resubmitted."))
            return redirect("portal:application", application.reference)
    return render(
        request,
        "portal/answer.html",
        {
            "application": application,
            "form": form,
            "information_request": selectors.information_request(application),
            "can_act": registry_selectors.can_act(request.user, application.provider),
            "upload_form": upload_form,
            "documents": application.documents.all(),
        },
        status=400 if form.errors or upload_form.errors else 200,
    )
