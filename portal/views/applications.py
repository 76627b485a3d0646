"""An application's status page, and withdrawing the application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from licensing.models import Application
from portal import forms, selectors, services
from portal.views.common import REFUSALS, posted, show_refusal
from registry import selectors as registry_selectors


def application_page(request, application, *, message_form=None, status=200):
    """The status page; a message the licensing team refused comes back in `message_form`."""
    return render(
        request,
        "portal/application.html",
        {
            "application": application,
            "steps": selectors.steps_for(application),
            "answers": application.answers or {},
            "missing": selectors.missing_steps(application),
            "timeline": selectors.timeline(application),
            "next_step": selectors.next_step(application),
            "target": selectors.decision_target(application),
            "change_timing": selectors.change_timing_for(application),
            "case_messages": selectors.messages_for(application),
            "documents": application.documents.all(),
            "payments": application.payments.all(),
            "information_request": selectors.information_request(application),
            "message_form": message_form or forms.MessageForm(),
            "can_act": registry_selectors.can_act(request.user, application.provider),
            "can_pay": application.fee_outstanding,
            "has_letter": application.state in Application.DECIDED_STATES,
        },
        status=status,
    )


@login_required
def application(request, reference):
    return application_page(request, selectors.application_for(request.user, reference))


@login_required
def withdraw(request, reference):
    application = selectors.application_for(request.user, reference)
    form = forms.WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.portal_withdraw(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except REFUSALS as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Application withdrawn."))
            return redirect("portal:application", application.reference)
    return render(
        request,
        "portal/withdraw.html",
        {
            "application": application,
            "form": form,
            "can_act": registry_selectors.can_act(request.user, application.provider),
        },
    )
