"""Orders to repay workers: what the agency must repay, the order letter, and the repayments
it reports with their evidence for the regulator to check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from inspections import services as inspection_services
from inspections.models import FeeViolation
from inspections.remedy_pdfs import repayment_order_pdf
from portal import forms, selectors
from portal.views.common import REFUSALS, pdf_download, posted, show_refusal, uploaded


@login_required
@require_GET
def orders(request):
    return render(
        request,
        "portal/orders.html",
        {
            "open_orders": selectors.open_repayment_orders(request.user),
            "closed_orders": selectors.repayment_orders_for(request.user).exclude(
                state__in=FeeViolation.UNPAID_STATES
            ),
        },
    )


@login_required
def order(request, pk):
    violation = get_object_or_404(selectors.repayment_orders_for(request.user), pk=pk)
    form = None
    if violation.state in FeeViolation.UNPAID_STATES:
        form = forms.RepaymentReportForm(posted(request), uploaded(request))
        if request.method == "POST" and form.is_valid():
            try:
                inspection_services.repayment_report(
                    violation=violation, actor=request.user, **form.cleaned_data
                )
            except REFUSALS as error:
                show_refusal(form, error)
            else:
                messages.success(
                    request, _("Repayment reported. We will check the evidence and the workers.")
                )
                return redirect("portal:order", violation.pk)
    return render(
        request,
        "portal/order.html",
        {"order": violation, "repayments": violation.repayments.all(), "form": form},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
@require_GET
def order_letter(request, pk):
    violation = get_object_or_404(selectors.repayment_orders_for(request.user), pk=pk)
    return pdf_download(repayment_order_pdf(violation), f"repayment-order-{violation.pk}.pdf")
