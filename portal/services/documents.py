"""Documents the agency uploads: for an application, for a condition, or for the provider."""

from django.db import transaction
from django.utils.translation import gettext as _

from licensing.models import AuditAction, Document
from licensing.uploads import validate_upload
from licensing.workflow import ServiceError, audit, require_member
from portal import selectors


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


def document_remove(*, actor, document: Document) -> None:
    """Take a document off a draft application before it is submitted; once submitted, the
    regulator's case file keeps everything the applicant sent."""
    require_member(actor, document.provider)
    if document.application is None or document.condition_id is not None:
        raise ServiceError(_("Only a document added to a draft application can be removed."))
    refusal = selectors.draft_refusal(document.application)
    if refusal:
        raise ServiceError(refusal)
    with transaction.atomic():
        file = document.file
        audit(
            actor=actor,
            action=AuditAction.DOCUMENT_REMOVED,
            obj=document.application,
            data={"kind": document.kind, "name": document.original_name},
        )
        document.delete()
        # The stored file goes only once the row is gone for good.
        transaction.on_commit(lambda: file.storage.delete(file.name))
