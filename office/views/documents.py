"""Documents an applicant uploaded, downloaded by staff."""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from core.downloads import stored_file_response
from licensing.models import Document
from licensing.uploads import download_name
from office.access import staff_required


@require_GET
@staff_required()
def document_download(request, pk):
    document = get_object_or_404(Document, pk=pk)
    return stored_file_response(
        request,
        document.file,
        filename=download_name(document.original_name, document.content_type),
        content_type=document.content_type,
    )
