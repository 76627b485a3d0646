"""Private files served through views: a missing or unreadable file is a 404 page and a
log line for the operators (after a restore without the files, say), never a 500."""

import logging

from django.http import FileResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def stored_file_response(request, stored, *, filename: str, content_type: str):
    """An attachment download of `stored` (a FieldFile), private to the person asking."""
    try:
        if not stored.name:
            raise FileNotFoundError("no file recorded")
        handle = stored.open("rb")
    except (OSError, ValueError) as exc:
        logger.error("Stored file unavailable for %s: %s (%s)", request.path, stored.name, exc)
        return render(
            request,
            "request_refused.html",
            {
                "title": _("This file is not available"),
                "message": _(
                    "The file is missing from our storage. The record of it is kept; please "
                    "tell us, and we will restore it or ask for it again."
                ),
            },
            status=404,
        )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
