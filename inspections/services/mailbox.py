"""A concern's two-way anonymous mailbox: staff ask, the reporter answers and adds photos.

The reporter opens it with the concern's reference and the secret phrase shown once when
they reported. Nothing about their connection or browser is stored, and photos are drawn
again from their pixels, so no metadata (a location, a camera's serial number) survives.
"""

import hmac
import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from inspections.models import Concern, ConcernMessage, normalise_concern_reference, secret_hash
from inspections.notifications import notify_reporter
from inspections.services.concerns import DESCRIPTION_MAX_CHARS
from licensing.models import AuditAction
from licensing.uploads import validate_upload
from licensing.workflow import ServiceError, audit, lock, require_perm

# Past this many pixels an image is refused rather than decoded (a "decompression bomb").
MAX_PHOTO_PIXELS = 40_000_000


def concern_for_mailbox(reference: str, phrase: str) -> Concern | None:
    """The concern whose reference and secret phrase these are, or None."""
    normalised = normalise_concern_reference(reference)
    if not normalised or not phrase:
        return None
    concern = Concern.objects.filter(reference=normalised).exclude(phrase_hash="").first()
    if concern is None or not hmac.compare_digest(concern.phrase_hash, secret_hash(phrase)):
        return None
    return concern


def clean_photo(file) -> tuple[ContentFile, str]:
    """The photo re-encoded from its pixels alone: no EXIF, GPS, XMP or comments survive."""
    try:
        content_type = validate_upload(file)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages)) from exc
    if content_type not in ("image/jpeg", "image/png"):
        raise ServiceError(_("Add a photo as a JPEG or PNG file."))
    try:
        with Image.open(file) as image:
            if image.width * image.height > MAX_PHOTO_PIXELS:
                raise ServiceError(_("The photo is too large. Send a smaller one."))
            # Turn the pixels the way the camera meant, since the orientation tag goes.
            upright = ImageOps.exif_transpose(image)
            fmt = "PNG" if content_type == "image/png" else "JPEG"
            mode = "RGBA" if fmt == "PNG" else "RGB"
            pixels = upright.convert(mode)
            clean = Image.new(mode, pixels.size)
            clean.paste(pixels)
            out = io.BytesIO()
            clean.save(out, format=fmt, **({"quality": 88} if fmt == "JPEG" else {}))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise ServiceError(_("This photo cannot be read. Send it as a JPEG or PNG.")) from exc
    extension = "png" if fmt == "PNG" else "jpg"
    return ContentFile(out.getvalue(), name=f"photo.{extension}"), content_type


def concern_reporter_reply(*, concern, text: str = "", photo=None) -> ConcernMessage:
    """The reporter answers in their mailbox, with words, a photo or both. No actor: the
    reporter is anonymous, and the audit row says only that a reply arrived."""
    text = (text or "").strip()
    if not text and photo is None:
        raise ServiceError(_("Write your answer or add a photo."))
    if len(text) > DESCRIPTION_MAX_CHARS:
        raise ServiceError(
            _("Keep it under %(count)d characters.") % {"count": DESCRIPTION_MAX_CHARS}
        )
    cleaned, photo_type = clean_photo(photo) if photo is not None else (None, "")
    with transaction.atomic():
        message = ConcernMessage.objects.create(
            concern=concern, from_reporter=True, text=text, photo_type=photo_type
        )
        if cleaned is not None:
            message.photo.save(cleaned.name, cleaned, save=True)
        audit(
            actor=None,
            action=AuditAction.CONCERN_REPORTER_REPLIED,
            obj=concern,
            data={"message": message.pk, "photo": cleaned is not None},
        )
    return message


def concern_ask_reporter(*, concern, actor, text: str) -> ConcernMessage:
    """Staff ask the reporter a question in the mailbox; a reporter who left an email address
    is told a question waits (the address is not shown to the staff member)."""
    require_perm(actor, "inspections.triage_concern")
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write your question."))
    if len(text) > DESCRIPTION_MAX_CHARS:
        raise ServiceError(
            _("Keep it under %(count)d characters.") % {"count": DESCRIPTION_MAX_CHARS}
        )
    with transaction.atomic():
        concern = lock(concern)
        message = ConcernMessage.objects.create(
            concern=concern, from_reporter=False, author=actor, text=text
        )
        audit(
            actor=actor,
            action=AuditAction.CONCERN_QUESTION_ASKED,
            obj=concern,
            data={"message": message.pk},
        )
        notify_reporter(concern)
    return message
