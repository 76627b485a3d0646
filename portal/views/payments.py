"""Paying the fee: choose a way to pay, then follow its instructions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal import forms, selectors, services
from portal.payments import available_providers
from portal.views.common import REFUSALS, posted, show_refusal
from registry import selectors as registry_selectors


@login_required
def pay(request, reference):
    application = selectors.application_for(request.user, reference)
    providers = available_providers()
    form = forms.PaymentForm(posted(request), providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            payment, instructions = services.payment_start(
                application=application, actor=request.user, method=form.cleaned_data["method"]
            )
        except REFUSALS as error:
            show_refusal(form, error)
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
            "refusal": application.fee_payment_refusal(),
            "can_act": registry_selectors.can_act(request.user, application.provider),
        },
    )
