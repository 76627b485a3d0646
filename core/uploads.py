"""Request bodies are bounded before they are read, and uploads while they stream.

Two lines of defence, both ahead of anything that reads the body (CSRF reads ``POST``):

- ``RequestBodyLimitMiddleware`` refuses a body whose declared ``Content-Length`` is over the
  limit (a smaller one for anonymous clients) before a byte of it is read, and a multipart
  body that cannot be parsed (no boundary, broken parts) with 400 instead of a 500 later (it
  parses multipart bodies itself to find out).
- ``LimitedUploadHandler``, first in ``FILE_UPLOAD_HANDLERS``, counts each file's bytes as
  they arrive and stops the file at ``UPLOAD_MAX_BYTES``, before the handlers that keep the
  data in memory or on disk receive the chunk that went over; the form then gets an
  ``OversizeUpload`` and says the file is too large, keeping the rest of what was typed.

Answers are JSON under ``/api/`` and a page elsewhere.
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

BODY_METHODS = {"POST", "PUT", "PATCH"}


class OversizeUpload(UploadedFile):
    """Stands in for a file stopped at the limit: no content, ``truncated`` set, so that the
    form says the file is too large and keeps everything else that was typed."""

    truncated = True

    def __init__(self, name: str, received: int):
        super().__init__(io.BytesIO(b""), name, "application/octet-stream", received)


class LimitedUploadHandler(FileUploadHandler):
    """Stop each uploaded file at UPLOAD_MAX_BYTES; until then chunks pass on unchanged."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over = False

    def receive_data_chunk(self, raw_data, start):
        if self.over:
            return None
        self.received += len(raw_data)
        if self.received <= settings.UPLOAD_MAX_BYTES:
            return raw_data
        # The chunk that went over reaches no other handler; what they hold is dropped
        # (a temporary file is deleted when closed), and the rest of the file is skipped.
        self.over = True
        for handler in self.request.upload_handlers if self.request else ():
            held = getattr(handler, "file", None) if handler is not self else None
            if held is not None:
                held.close()
        logger.warning("Upload stopped at %s bytes: %s", self.received, self.file_name)
        return None

    def file_complete(self, file_size):
        # Otherwise the next handler (memory or temporary file) gives the file.
        return OversizeUpload(self.file_name, self.received) if self.over else None


def body_limit(request) -> int:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return settings.REQUEST_BODY_MAX_BYTES
    return settings.REQUEST_BODY_MAX_BYTES_ANONYMOUS


def _refusal(request, status: int, title: str, message: str):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    return render(
        request, "request_refused.html", {"title": title, "message": message}, status=status
    )


def too_large(request, limit: int):
    logger.warning("Request body over %s bytes refused: %s", limit, request.path)
    return _refusal(
        request,
        413,
        _("The upload is too large"),
        _("The largest file you can send is %(file)s (%(request)s in one go). Nothing was saved.")
        % {
            "file": filesizeformat(min(settings.UPLOAD_MAX_BYTES, limit)),
            "request": filesizeformat(limit),
        },
    )


def unreadable(request):
    return _refusal(
        request,
        400,
        _("The request cannot be read"),
        _("The form data sent was malformed or incomplete. Please try again."),
    )


class RequestBodyLimitMiddleware:
    """Goes after AuthenticationMiddleware (the limit depends on who is signed in) and
    before anything reads the body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in BODY_METHODS:
            refusal = self.check(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def check(self, request):
        limit = body_limit(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return unreadable(request)
        if length > limit:
            return too_large(request, limit)
        if request.content_type != "multipart/form-data":
            return None
        try:
            request.POST  # noqa: B018  (parse now, so that failures are answered here)
            request.FILES  # noqa: B018
        except RequestDataTooBig:
            return too_large(request, limit)
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            logger.info("Unreadable multipart body refused: %s", request.path)
            return unreadable(request)
        return None
