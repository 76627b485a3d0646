"""Every write to applications, licences, conditions and appeals, one module per topic.

Each service: keyword-only arguments, one transaction, a permission check, the row locked,
and the state change and its audit row through ``licensing.workflow.transition``. Emails are
queued with ``transaction.on_commit`` (``licensing.notifications``), so nothing is sent for a
change that rolled back.

Staff pass ``expected_version``: the version of the case they were looking at. If somebody
else changed it meanwhile the service raises ``CaseChanged`` instead of overwriting their work.
"""

from licensing.services.appeals import appeal_decide, appeal_lodge
from licensing.services.applications import (
    application_assign,
    application_complete_inspection,
    application_require_inspection,
    application_resubmit,
    application_return,
    application_start,
    application_start_assessment,
    application_submit,
    application_validate,
    application_withdraw,
    case_message_send,
)
from licensing.services.decisions import (
    application_fast_track,
    application_grant,
    application_refuse,
    inspection_refusal,
    inspection_waive,
)
from licensing.services.fees import fee_payment_received, fee_payment_request, fees_for
from licensing.services.licences import (
    ConditionSpec,
    condition_mark_breached,
    condition_mark_met,
    issue_certificate,
    licence_expire,
    licence_impose_conditions,
    licence_lift_suspension,
    licence_revoke,
    licence_surrender,
    licence_suspend,
)
from licensing.services.people import (
    person_match_decide,
    role_accounts,
    role_authorise,
    role_end,
    role_refuse,
)
from licensing.services.reviews import identity_review_decide, identity_review_open
from licensing.services.scheduled import (
    decisions_close_windows,
    licences_expire_due,
    renewal_reminders_send,
)

__all__ = [
    "ConditionSpec",
    "appeal_decide",
    "appeal_lodge",
    "application_assign",
    "application_complete_inspection",
    "application_fast_track",
    "application_grant",
    "application_refuse",
    "application_require_inspection",
    "application_resubmit",
    "application_return",
    "application_start",
    "application_start_assessment",
    "application_submit",
    "application_validate",
    "application_withdraw",
    "case_message_send",
    "condition_mark_breached",
    "condition_mark_met",
    "decisions_close_windows",
    "fee_payment_received",
    "fee_payment_request",
    "fees_for",
    "inspection_refusal",
    "inspection_waive",
    "identity_review_decide",
    "identity_review_open",
    "issue_certificate",
    "licence_expire",
    "licence_impose_conditions",
    "licence_lift_suspension",
    "licence_revoke",
    "licence_surrender",
    "licence_suspend",
    "licences_expire_due",
    "person_match_decide",
    "renewal_reminders_send",
    "role_accounts",
    "role_authorise",
    "role_end",
    "role_refuse",
]
