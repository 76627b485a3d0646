"""Checks on uploaded files: the type is read from the content, never from the name."""

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

SIGNATURES = [
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
]


def validate_upload(file) -> str:
    """Return the content type of an accepted PDF, JPEG or PNG; raise ValidationError otherwise."""
    size = getattr(file, "size", None) or 0
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
    # A name that claims another type is a renamed file: reject it rather than store a PNG
    # that reviewers will try to open as a PDF.
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = EXTENSIONS.get(extension)
    if claimed and claimed != content_type:
        raise ValidationError(
            _(
                "The file is called “%(name)s” but its content is a %(actual)s, not a "
                "%(claimed)s. Save it in the right format, or rename it, and try again."
            )
            % {"name": name, "actual": LABELS[content_type], "claimed": LABELS[claimed]},
            code="wrong_type",
        )
