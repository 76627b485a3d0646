"""Fee payments on a case: a bank-transfer request, and a payment marked received."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from licensing import services
from licensing.models import FeePayment
from office.access import staff_required
from office.actions import RECORD_FEE
from office.views.applications import answer_on_case, application_or_404


@require_POST
@staff_required(RECORD_FEE)
def payment_request(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        None,
        call=lambda _form: services.fee_payment_request(
            application=application,
            actor=request.user,
            method=FeePayment.Method.BANK_TRANSFER,
        ),
        success=_("A bank-transfer payment request was created."),
    )


@require_POST
@staff_required(RECORD_FEE)
def payment_received(request, reference, payment_reference):
    application = application_or_404(reference)
    payment = get_object_or_404(application.payments, reference=payment_reference)
    return answer_on_case(
        request,
        application,
        None,
        call=lambda _form: services.fee_payment_received(payment=payment, actor=request.user),
        success=_("Payment %(reference)s is recorded as received.") % {"reference": payment},
    )
