"""Remedy for workers, the office's side: the order letter, the workers' slips, repayments
the provider reported (accepted or queried), and a concern's anonymous mailbox."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import stored_file_response
from inspections import services
from inspections.remedy_pdfs import repayment_order_pdf, worker_slips_pdf
from licensing.uploads import download_name
from licensing.workflow import ServiceError
from office.access import staff_required
from office.views.concerns import TRIAGE, concern_or_404
from office.views.concerns import VIEW as VIEW_CONCERN
from office.views.inspections import RECORD
from office.views.violations import VIEW, violation_or_404, violation_url


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_required(VIEW)
def order_letter(request, pk):
    violation = violation_or_404(pk)
    if violation.repayment_ordered is None:
        messages.error(request, _("No repayment has been ordered yet."))
        return redirect(violation_url(violation))
    return _pdf(repayment_order_pdf(violation), f"repayment-order-{violation.pk}.pdf")


@require_POST
@staff_required(RECORD)
def worker_slips(request, pk):
    """The slips are drawn once, when issued: their codes are kept nowhere else."""
    violation = violation_or_404(pk)
    try:
        issued = services.worker_slips_issue(violation=violation, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
        return redirect(violation_url(violation))
    return _pdf(worker_slips_pdf(violation, issued), f"worker-slips-{violation.pk}.pdf")


def _repayment(violation, repayment_pk):
    return get_object_or_404(violation.repayments, pk=repayment_pk)


@require_GET
@staff_required(VIEW)
def repayment_evidence(request, pk, repayment_pk):
    repayment = _repayment(violation_or_404(pk), repayment_pk)
    return stored_file_response(
        request,
        repayment.evidence,
        filename=download_name(repayment.evidence_name, repayment.evidence_type),
        content_type=repayment.evidence_type,
    )


@require_POST
@staff_required(RECORD)
def repayment_accept(request, pk, repayment_pk):
    violation = violation_or_404(pk)
    try:
        services.repayment_accept(repayment=_repayment(violation, repayment_pk), actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Repayment accepted."))
    return redirect(violation_url(violation))


@require_POST
@staff_required(RECORD)
def repayment_query(request, pk, repayment_pk):
    violation = violation_or_404(pk)
    try:
        services.repayment_query(
            repayment=_repayment(violation, repayment_pk),
            actor=request.user,
            query=request.POST.get("query", "")[:5000],
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Question sent to the provider."))
    return redirect(violation_url(violation))


@require_POST
@staff_required(TRIAGE)
def concern_ask(request, reference):
    concern = concern_or_404(reference)
    try:
        services.concern_ask_reporter(
            concern=concern, actor=request.user, text=request.POST.get("text", "")
        )
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Question sent to the reporter's mailbox."))
    return redirect("office:concern", concern.reference)


@require_GET
@staff_required(VIEW_CONCERN)
def concern_photo(request, reference, pk):
    concern = concern_or_404(reference)
    message = get_object_or_404(concern.messages.exclude(photo=""), pk=pk)
    extension = "png" if message.photo_type == "image/png" else "jpg"
    return stored_file_response(
        request,
        message.photo,
        filename=f"{concern.reference}-photo-{message.pk}.{extension}",
        content_type=message.photo_type,
    )
