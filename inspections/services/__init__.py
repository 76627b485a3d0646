"""Every write to concerns, standards, inspections, findings and recruitment-fee violations,
one module per topic. Same pattern as ``licensing.services``: keyword-only arguments, one
transaction, a permission check, the row locked, and the state change and its audit row
through ``licensing.workflow.transition``."""

from inspections.services.concerns import (
    concern_add_information,
    concern_assess,
    concern_close,
    concern_open_inspection,
    concern_report,
    concern_start_review,
)
from inspections.services.fee_violations import (
    fee_violation_order_repayment,
    fee_violation_record,
    fee_violations_mark_overdue,
    repayment_confirm,
    repayment_record,
)
from inspections.services.inspections import (
    finding_attach,
    finding_record,
    inspection_apply_conditions,
    inspection_approve,
    inspection_cancel,
    inspection_reassign,
    inspection_record_visit,
    inspection_return,
    inspection_schedule,
    inspection_start,
    inspection_submit,
)
from inspections.services.mailbox import (
    concern_ask_reporter,
    concern_for_mailbox,
    concern_reporter_reply,
)
from inspections.services.remedy import (
    repayment_accept,
    repayment_query,
    repayment_reminders_send,
    repayment_report,
    worker_answer,
    worker_shares,
    worker_slip_for,
    worker_slips_issue,
)
from inspections.services.risk import risk_scores_refresh
from inspections.services.standards import (
    current_edition,
    standards_edition_copy,
    standards_edition_publish,
)

__all__ = [
    "concern_add_information",
    "concern_ask_reporter",
    "concern_assess",
    "concern_close",
    "concern_for_mailbox",
    "concern_open_inspection",
    "concern_report",
    "concern_reporter_reply",
    "concern_start_review",
    "current_edition",
    "fee_violation_order_repayment",
    "fee_violation_record",
    "fee_violations_mark_overdue",
    "finding_attach",
    "finding_record",
    "inspection_apply_conditions",
    "inspection_approve",
    "inspection_cancel",
    "inspection_reassign",
    "inspection_record_visit",
    "inspection_return",
    "inspection_schedule",
    "inspection_start",
    "inspection_submit",
    "repayment_accept",
    "repayment_confirm",
    "repayment_query",
    "repayment_record",
    "repayment_reminders_send",
    "repayment_report",
    "risk_scores_refresh",
    "standards_edition_copy",
    "standards_edition_publish",
    "worker_answer",
    "worker_shares",
    "worker_slip_for",
    "worker_slips_issue",
]
