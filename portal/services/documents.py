"""Documents the agency uploads: for an application, for a condition, or for the provider."""

from django.db import transaction

from licensing.models import AuditAction, Document
from licensing.uploads import validate_upload
from licensing.workflow import audit, require_member


def document_upload(
    *, actor, provider, file, kind: str, application=None, condition=None
) -> Document:
    """Keep an uploaded PDF, JPEG or PNG under a random name in private storage."""
    require_member(actor, provider)
    content_type = validate_upload(file)
    with transaction.atomic():
        document = Document(
            provider=provider,
            application=application,
            condition=condition,
            kind=kind,
            original_name=(file.name or "document")[-255:],
            content_type=content_type,
            size=file.size,
            uploaded_by=actor,
        )
        document.file.save("upload", file, save=False)
        document.save()
        audit(
            actor=actor,
            action=AuditAction.DOCUMENT_UPLOADED,
            obj=application or condition or provider,
            data={"document": document.pk, "kind": kind},
        )
    return document
