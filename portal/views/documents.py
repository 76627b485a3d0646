"""Downloads: the documents the agency uploaded, and the regulator's decision letters,
licence certificates and revocation notices. All are private: never kept by a shared cache."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.downloads import stored_file_response
from licensing import pdfs
from licensing.models import Application
from licensing.uploads import download_name
from portal import selectors, services
from portal.views.common import REFUSALS, pdf_download


@login_required
def document(request, pk):
    document = selectors.document_for(request.user, pk)
    return stored_file_response(
        request,
        document.file,
        filename=download_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )


@login_required
@require_POST
def document_remove(request, pk):
    document = selectors.document_for(request.user, pk)
    if document.application is None:
        raise Http404
    try:
        services.document_remove(actor=request.user, document=document)
    except REFUSALS as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(name)s removed.") % {"name": document.original_name})
    return redirect("portal:step", document.application.reference, "documents")


@login_required
def decision_letter(request, reference):
    application = selectors.application_for(request.user, reference)
    if application.state not in Application.DECIDED_STATES:
        raise Http404
    return pdf_download(
        pdfs.decision_letter_pdf(application), f"decision-{application.reference}.pdf"
    )


@login_required
def certificate(request, urn):
    licence = selectors.licence_for(request.user, urn)
    certificate = pdfs.latest_certificate(licence)
    if certificate is None:
        raise Http404
    return pdf_download(pdfs.licence_certificate_pdf(certificate), f"licence-{licence.urn}.pdf")


@login_required
def revocation_notice(request, urn, pk):
    licence = selectors.licence_for(request.user, urn)
    decision = get_object_or_404(selectors.revocation_notices(licence), pk=pk)
    return pdf_download(
        pdfs.revocation_notice_pdf(decision), f"notice-{licence.urn}-{decision.pk}.pdf"
    )
