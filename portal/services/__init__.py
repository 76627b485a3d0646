"""Writes made from the agency portal, one module per topic.

Same rules as ``licensing.services``: keyword-only arguments, one transaction, a permission
check, an audit row in the same transaction and emails queued on commit. Changes to an
application's state go through ``licensing.services``; this package prepares what those
services need (answers, people on the register, documents) and calls them. Callers use
``from portal import services`` and the names below.
"""

from portal.services.accounts import (
    invitation_accept,
    invitation_send,
    organisation_create,
)
from portal.services.applications import (
    answer_and_resubmit,
    draft_save_step,
    new_application_start,
    payment_start,
    portal_submit,
    portal_withdraw,
)
from portal.services.conditions import (
    CONDITION_DUE_SOON_DAYS,
    condition_deadline_reminders_send,
    condition_evidence_submit,
)
from portal.services.documents import document_remove, document_upload
from portal.services.licences import change_notify, renewal_start, surrender_start

__all__ = [
    "CONDITION_DUE_SOON_DAYS",
    "answer_and_resubmit",
    "change_notify",
    "condition_deadline_reminders_send",
    "condition_evidence_submit",
    "document_remove",
    "document_upload",
    "draft_save_step",
    "invitation_accept",
    "invitation_send",
    "new_application_start",
    "organisation_create",
    "payment_start",
    "portal_submit",
    "portal_withdraw",
    "renewal_start",
    "surrender_start",
]
