"""Checks on uploaded files: the type is read from the content, and the name must agree."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

EXTENSIONS = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
}
LABELS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
DOWNLOAD_EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def validate_upload(file) -> str:
    """Return the content type of an accepted PDF, JPEG or PNG; raise ValidationError otherwise."""
    size = getattr(file, "size", None) or 0
    if getattr(file, "truncated", False):
        # Stopped while it streamed (core.uploads): only the limit is known, not the size.
        raise ValidationError(
            _("The file is too large: the largest file you can upload is %(limit)s.")
            % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; the largest file you can upload is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)},
            code="too_large",
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            _check_name(getattr(file, "name", "") or "", content_type)
            return content_type
    raise ValidationError(
        _(
            "The file must be a PDF, JPEG or PNG. This file’s content is not one of those, "
            "whatever its name says."
        ),
        code="wrong_type",
    )


def _check_name(name: str, content_type: str) -> None:
    # Staff download files under their names: a PDF called .html or .exe would open as that.
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed is None:
        raise ValidationError(
            _(
                "The file is called “%(name)s”: only files ending .pdf, .jpg, .jpeg or .png "
                "can be uploaded."
            )
            % {"name": name},
            code="wrong_extension",
        )
    if claimed != content_type:
        # A renamed file: reject it rather than store a PNG reviewers will open as a PDF.
        raise ValidationError(
            _(
                "The file is called “%(name)s” but its content is a %(actual)s, not a "
                "%(claimed)s. Save it in the right format, or rename it, and try again."
            )
            % {"name": name, "actual": LABELS[content_type], "claimed": LABELS[claimed]},
            code="wrong_type",
        )


def download_name(original_name: str, content_type: str) -> str:
    """The name a stored file is downloaded under: the uploader's name without its
    extension, then the extension of the type detected from the content."""
    stem = original_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = re.sub(r"[^\w\-. ]+", "_", stem).strip(" .") or "document"
    return f"{stem[:100]}.{DOWNLOAD_EXTENSIONS.get(content_type, 'bin')}"
