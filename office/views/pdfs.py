"""Back-office downloads of certificates, decision letters and revocation notices."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from licensing import pdfs
from licensing.models import AdverseDecision, Application, Licence
from office.access import staff_required


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
@staff_required()
def certificate_pdf(request, urn):
    licence = get_object_or_404(Licence.objects.select_related("provider"), urn=urn.upper())
    certificate = pdfs.latest_certificate(licence)
    if certificate is None:
        raise Http404(_("No certificate has been issued for this licence."))
    return _pdf_response(
        pdfs.licence_certificate_pdf(certificate), f"{licence.urn}-certificate.pdf"
    )


@require_GET
@staff_required()
def decision_letter_pdf(request, reference):
    application = get_object_or_404(
        Application.objects.select_related("provider", "licence"),
        reference=reference.upper(),
        state__in=Application.DECIDED_STATES,
    )
    return _pdf_response(
        pdfs.decision_letter_pdf(application), f"{application.reference}-decision.pdf"
    )


@require_GET
@staff_required()
def revocation_notice_pdf(request, pk):
    decision = get_object_or_404(
        AdverseDecision.objects.select_related("provider", "licence"),
        pk=pk,
        kind=AdverseDecision.Kind.REVOCATION,
    )
    return _pdf_response(
        pdfs.revocation_notice_pdf(decision), f"{decision.licence.urn}-revocation-notice.pdf"
    )
