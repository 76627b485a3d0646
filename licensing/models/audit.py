"""The audit trail: append-only, one row for every state change and decision."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT
from licensing.models.applications import Application
from licensing.models.audit_chain import AuditChainHead, content_hash
from licensing.models.licences import Licence
from registry.models import LabourProvider


class AuditAction(models.TextChoices):
    """Everything the audit trail records, each with the one wording people read: in the back
    office's trail, on the public register's history, in the changes feed and in emails.

    The values are stored in audit rows, which are never changed: a value, once used, stays.
    """

    # Applications.
    CREATED = "created", _("Application started")
    DRAFT_SAVED = "draft_saved", _("Draft saved")
    SUBMIT = "submit", _("Application submitted")
    VALIDATE = "validate", _("Application checked and accepted for assessment")
    START_ASSESSMENT = "start_assessment", _("Assessment started")
    REQUIRE_INSPECTION = "require_inspection", _("Inspection arranged")
    COMPLETE_INSPECTION = "complete_inspection", _("Inspection completed")
    RETURN_FOR_INFORMATION = "return_for_information", _("Returned for more information")
    RESUBMIT = "resubmit", _("Information given and application resubmitted")
    GRANT = "grant", _("Application granted")
    GRANT_WITH_CONDITIONS = (
        "grant_with_conditions",
        _("Application granted with additional conditions"),
    )
    FAST_TRACK_RENEWAL = "fast_track_renewal", _("Renewal granted on the fast track")
    REFUSE = "refuse", _("Application refused")
    REOPEN_AFTER_APPEAL = "reopen_after_appeal", _("Refusal overturned on appeal")
    WITHDRAW = "withdraw", _("Application withdrawn")
    ASSIGN = "assign", _("Case assigned")
    MESSAGE = "message", _("Message added to the case")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document added")
    DOCUMENT_REMOVED = "document_removed", _("Document removed")
    NAMED_INDIVIDUALS_DECLARED = "named_individuals_declared", _("Named individuals declared")
    CHANGE_NOTIFIED = "change_notified", _("Change of circumstances notified")
    # Fees.
    PAYMENT_REQUESTED = "payment_requested", _("Payment requested")
    FEE_RECEIVED = "fee_received", _("Fee received")
    PAYMENT_CANCELLED = "payment_cancelled", _("Payment request cancelled")
    # Licences.
    LICENCE_GRANTED = "licence_granted", _("Licence granted")
    RENEWED = "renewed", _("Licence renewed")
    CONDITIONS_ADDED = "conditions_added", _("Additional licence conditions imposed")
    CONDITION_MET = "condition_mark_met", _("Additional licence condition met")
    CONDITION_BREACHED = "condition_mark_breached", _("Additional licence condition breached")
    CONDITIONS_ALL_MET = "conditions_all_met", _("All additional licence conditions met")
    CONDITION_EVIDENCE_SUBMITTED = (
        "condition_evidence_submitted",
        _("Evidence for a condition submitted"),
    )
    CONDITION_REMINDER_DUE_SOON = (
        "condition_reminder_due_soon",
        _("Reminder sent: a condition is due soon"),
    )
    CONDITION_REMINDER_OVERDUE = (
        "condition_reminder_overdue",
        _("Reminder sent: a condition is overdue"),
    )
    SUSPEND = "suspend", _("Licence suspended")
    LIFT_SUSPENSION = "lift_suspension", _("Suspension lifted")
    REVOCATION_NOTICE = (
        "revocation_notice",
        _(
            "Decision to revoke the licence (it stays in force until the appeal window closes "
            "or an appeal is decided)"
        ),
    )
    REVOKE_WITH_IMMEDIATE_EFFECT = (
        "revoke_with_immediate_effect",
        _("Licence revoked with immediate effect"),
    )
    REVOCATION_TAKES_EFFECT = "revocation_takes_effect", _("Licence revoked")
    REINSTATE = "reinstate", _("Licence reinstated on appeal")
    REVOCATION_WITHDRAWN = "revocation_withdrawn", _("Revocation reversed on appeal")
    SURRENDER = "surrender", _("Licence surrendered")
    EXPIRE = "expire", _("Licence expired")
    INVESTIGATION_OPENED = "investigation_opened", _("Unlicensed activity investigation opened")
    INVESTIGATION_EVIDENCE = "investigation_evidence", _("Investigation: evidence gathered")
    INVESTIGATION_REFERRED = "investigation_referred", _("Investigation referred")
    INVESTIGATION_CLOSED = "investigation_closed", _("Investigation closed")
    IDENTITY_REVIEW_OPENED = "identity_review_opened", _("VAT number change under review")
    IDENTITY_REVIEW_LICENCE_CONTINUES = (
        "identity_review_licence_continues",
        _("VAT number change reviewed: the licence continues"),
    )
    IDENTITY_REVIEW_LICENCE_EXPIRES = (
        "identity_review_licence_expires",
        _("VAT number change reviewed: the licence expires"),
    )
    FIRST_RENEWAL_REMINDER = "first_renewal_reminder", _("First renewal reminder sent")
    SECOND_RENEWAL_REMINDER = "second_renewal_reminder", _("Second renewal reminder sent")
    # Refusals, revocations and appeals.
    APPEAL_LODGED = "appeal_lodged", _("Appeal lodged")
    APPEAL_WINDOW_CLOSED = "appeal_window_closed", _("Appeal window closed")
    APPEAL_ALLOWED = "appeal_allowed", _("Appeal allowed")
    APPEAL_DISMISSED = "appeal_dismissed", _("Appeal dismissed")
    APPEAL_WITHDRAWN = "appeal_withdrawn", _("Appeal withdrawn")
    APPEAL_OUTCOME_ALLOWED = "appeal_outcome_allowed", _("Appeal outcome recorded: allowed")
    APPEAL_OUTCOME_DISMISSED = "appeal_outcome_dismissed", _("Appeal outcome recorded: dismissed")
    APPEAL_OUTCOME_WITHDRAWN = "appeal_outcome_withdrawn", _("Appeal outcome recorded: withdrawn")
    DECISION_TOOK_EFFECT = "decision_took_effect", _("Decision took effect")
    # Providers, people and accounts.
    PROVIDER_CHANGED = "provider_changed", _("Provider's details changed")
    NAMED_INDIVIDUALS_CHANGED = "named_individuals_changed", _("Named individuals changed")
    ROLE_AUTHORISED = "role_authorised", _("Named individual authorised by the regulator")
    ROLE_REFUSED = "role_refused", _("Named individual refused by the regulator")
    ROLE_ENDED = "role_ended", _("Named individual's role ended")
    PERSON_MATCH_CONFIRMED = "person_match_confirmed", _("Person confirmed as already on record")
    PERSON_MATCH_REJECTED = "person_match_rejected", _("Possible person match rejected")
    INSPECTION_WAIVED = "inspection_waived", _("Application inspection waived")
    EXCLUSION_LINK_CONFIRMED = (
        "exclusion_link_confirmed",
        _("Link to a refused or revoked provider confirmed"),
    )
    ORGANISATION_CREATED = "organisation_created", _("Organisation created in the portal")
    INVITATION_SENT = "invitation_sent", _("Colleague invited")
    INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted")
    ACCOUNT_CREATED = "account_created", _("Account created")
    ACCOUNT_VERIFIED = "account_verified", _("Email address verified")
    VERIFICATION_RESENT = "verification_resent", _("Verification link sent again")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
    ACCOUNT_LOCKED_OUT = "account_locked_out", _("Sign-in locked after repeated failures")
    # Inspections.
    INSPECTION_SCHEDULED = "inspection_scheduled", _("Inspection scheduled")
    INSPECTION_REASSIGNED = "inspection_reassigned", _("Inspection reassigned")
    INSPECTION_START = "inspection_start", _("Inspection started")
    INSPECTION_VISIT_RECORDED = "inspection_visit_recorded", _("Visit recorded")
    EVIDENCE_ATTACHED = "evidence_attached", _("Evidence attached to a finding")
    INSPECTION_SUBMIT = "inspection_submit", _("Inspection report submitted for review")
    INSPECTION_RETURN = (
        "inspection_return_to_inspector",
        _("Inspection report returned to the inspector"),
    )
    INSPECTION_APPROVE = "inspection_approve", _("Inspection report approved")
    INSPECTION_CANCEL = "inspection_cancel", _("Inspection cancelled")
    INSPECTION_CONDITIONS_APPLIED = (
        "inspection_conditions_applied",
        _("Conditions proposed by the inspection applied"),
    )
    STANDARDS_EDITION_CREATED = (
        "standards_edition_created",
        _("Edition of the licensing standards drafted"),
    )
    STANDARDS_EDITION_PUBLISHED = (
        "standards_edition_published",
        _("Edition of the licensing standards published"),
    )
    # Recruitment-fee violations.
    FEE_VIOLATION_RECORDED = "fee_violation_recorded", _("Recruitment-fee violation recorded")
    REPAYMENT_ORDERED = "repayment_ordered", _("Repayment to workers ordered")
    REPAYMENT_RECORDED = "repayment_recorded", _("Repayment to workers recorded")
    REPAYMENT_CONFIRMED = "repayment_confirmed", _("Repayment confirmed by the workers")
    REPAYMENT_OVERDUE = "repayment_overdue", _("Repayment overdue")
    REPAYMENT_REPORTED = "repayment_reported", _("Repayment reported by the provider")
    REPAYMENT_ACCEPTED = "repayment_accepted", _("Reported repayment accepted")
    REPAYMENT_QUERIED = "repayment_queried", _("Reported repayment queried")
    REPAYMENT_REMINDER_SENT = "repayment_reminder_sent", _("Repayment order reminder sent")
    WORKER_SLIPS_ISSUED = "worker_slips_issued", _("Repayment slips issued to workers")
    WORKER_ANSWERED = "worker_answered", _("A worker answered about their repayment")
    # Concerns from the public.
    CONCERN_REPORTED = "concern_reported", _("Concern reported")
    CONCERN_INFORMATION_ADDED = "concern_information_added", _("Reporter added information")
    CONCERN_START_REVIEW = "concern_start_review", _("Concern taken into review")
    CONCERN_ASSESSED = "concern_assessed", _("Concern assessed")
    CONCERN_OPEN_INSPECTION = "concern_open_inspection", _("Inspection opened on a concern")
    CONCERN_CLOSE = "concern_close", _("Concern closed")
    CONCERN_QUESTION_ASKED = "concern_question_asked", _("Question sent to the reporter")
    CONCERN_REPORTER_REPLIED = "concern_reporter_replied", _("Reporter replied in the mailbox")

    @classmethod
    def wording(cls, value: str) -> str:
        """The words for a stored action; a value this version does not know is shown as a
        neutral phrase, never as its internal name."""
        try:
            return str(cls(value).label)
        except ValueError:
            return str(_("Record updated"))


# Which action records each django-fsm transition, by (model label, transition name). A test
# checks that every transition of every model is here.
TRANSITION_ACTIONS = {
    ("licensing.application", "submit"): AuditAction.SUBMIT,
    ("licensing.application", "validate"): AuditAction.VALIDATE,
    ("licensing.application", "start_assessment"): AuditAction.START_ASSESSMENT,
    ("licensing.application", "fast_track_renewal"): AuditAction.FAST_TRACK_RENEWAL,
    ("licensing.application", "require_inspection"): AuditAction.REQUIRE_INSPECTION,
    ("licensing.application", "complete_inspection"): AuditAction.COMPLETE_INSPECTION,
    ("licensing.application", "return_for_information"): AuditAction.RETURN_FOR_INFORMATION,
    ("licensing.application", "resubmit"): AuditAction.RESUBMIT,
    ("licensing.application", "grant"): AuditAction.GRANT,
    ("licensing.application", "grant_with_conditions"): AuditAction.GRANT_WITH_CONDITIONS,
    ("licensing.application", "refuse"): AuditAction.REFUSE,
    ("licensing.application", "reopen_after_appeal"): AuditAction.REOPEN_AFTER_APPEAL,
    ("licensing.application", "withdraw"): AuditAction.WITHDRAW,
    ("licensing.licence", "impose_conditions"): AuditAction.CONDITIONS_ADDED,
    ("licensing.licence", "conditions_all_met"): AuditAction.CONDITIONS_ALL_MET,
    ("licensing.licence", "suspend"): AuditAction.SUSPEND,
    ("licensing.licence", "lift_suspension"): AuditAction.LIFT_SUSPENSION,
    (
        "licensing.licence",
        "revoke_with_immediate_effect",
    ): AuditAction.REVOKE_WITH_IMMEDIATE_EFFECT,
    ("licensing.licence", "revocation_takes_effect"): AuditAction.REVOCATION_TAKES_EFFECT,
    ("licensing.licence", "reinstate"): AuditAction.REINSTATE,
    ("licensing.licence", "surrender"): AuditAction.SURRENDER,
    ("licensing.licence", "expire"): AuditAction.EXPIRE,
    ("licensing.identityreview", "continue_licence"): AuditAction.IDENTITY_REVIEW_LICENCE_CONTINUES,
    ("licensing.identityreview", "expire_licence"): AuditAction.IDENTITY_REVIEW_LICENCE_EXPIRES,
    ("licensing.licence", "renew"): AuditAction.RENEWED,
    ("licensing.licencecondition", "mark_met"): AuditAction.CONDITION_MET,
    ("licensing.licencecondition", "mark_breached"): AuditAction.CONDITION_BREACHED,
    ("licensing.adversedecision", "appeal_lodged"): AuditAction.APPEAL_LODGED,
    ("licensing.adversedecision", "window_closed"): AuditAction.APPEAL_WINDOW_CLOSED,
    ("licensing.adversedecision", "appeal_dismissed"): AuditAction.APPEAL_DISMISSED,
    ("licensing.adversedecision", "appeal_withdrawn"): AuditAction.APPEAL_WITHDRAWN,
    ("licensing.adversedecision", "appeal_allowed"): AuditAction.APPEAL_ALLOWED,
    ("licensing.adversedecision", "took_effect"): AuditAction.DECISION_TOOK_EFFECT,
    ("licensing.appeal", "allow"): AuditAction.APPEAL_OUTCOME_ALLOWED,
    ("licensing.appeal", "dismiss"): AuditAction.APPEAL_OUTCOME_DISMISSED,
    ("licensing.appeal", "withdraw"): AuditAction.APPEAL_OUTCOME_WITHDRAWN,
    ("licensing.feepayment", "mark_received"): AuditAction.FEE_RECEIVED,
    ("licensing.feepayment", "cancel"): AuditAction.PAYMENT_CANCELLED,
    ("inspections.concern", "start_review"): AuditAction.CONCERN_START_REVIEW,
    ("inspections.concern", "open_inspection"): AuditAction.CONCERN_OPEN_INSPECTION,
    ("inspections.concern", "close"): AuditAction.CONCERN_CLOSE,
    (
        "inspections.unlicensedinvestigation",
        "gather_evidence",
    ): AuditAction.INVESTIGATION_EVIDENCE,
    ("inspections.unlicensedinvestigation", "refer"): AuditAction.INVESTIGATION_REFERRED,
    ("inspections.unlicensedinvestigation", "close"): AuditAction.INVESTIGATION_CLOSED,
    ("inspections.inspection", "start"): AuditAction.INSPECTION_START,
    ("inspections.inspection", "submit"): AuditAction.INSPECTION_SUBMIT,
    ("inspections.inspection", "return_to_inspector"): AuditAction.INSPECTION_RETURN,
    ("inspections.inspection", "approve"): AuditAction.INSPECTION_APPROVE,
    ("inspections.inspection", "cancel"): AuditAction.INSPECTION_CANCEL,
    ("inspections.feeviolation", "order_repayment"): AuditAction.REPAYMENT_ORDERED,
    ("inspections.feeviolation", "repayment_made"): AuditAction.REPAYMENT_RECORDED,
    ("inspections.feeviolation", "mark_overdue"): AuditAction.REPAYMENT_OVERDUE,
    ("inspections.repayment", "accept"): AuditAction.REPAYMENT_ACCEPTED,
    ("inspections.repayment", "query_evidence"): AuditAction.REPAYMENT_QUERIED,
}


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit entries cannot be changed")

    def delete(self):
        raise PermissionError("Audit entries cannot be deleted")

    def bulk_create(self, objs, *args, **kwargs):
        """Append many entries (bulk loads), chained in the order given."""
        objs = list(objs)
        with transaction.atomic():
            head = AuditChainHead.locked()
            for entry in objs:
                entry.prev_hash = head.last_hash
                entry.entry_hash = head.last_hash = content_hash(entry)
            created = super().bulk_create(objs, *args, **kwargs)
            if objs:
                head.save(update_fields=["last_hash"])
        return created


class AuditEntry(models.Model):
    """Append-only record of every state change and decision.

    The actor's display name is copied so that entries outlive the account.
    Foreign keys carry no database constraint and never cascade: nothing may
    change or remove an entry (database triggers enforce it too).
    """

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (at the time)"), max_length=200)
    action = models.CharField(_("action"), max_length=60)
    object_type = models.CharField(_("record type"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("record id"))
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="audit_entries",
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="audit_entries",
    )
    from_state = models.CharField(_("from"), max_length=40, blank=True)
    to_state = models.CharField(_("to"), max_length=40, blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=LONG_TEXT)
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the public register and changes feed.")
    )
    data = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("hash of the previous entry"), max_length=64, blank=True)
    entry_hash = models.CharField(_("hash of this entry"), max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["is_public", "id"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("Audit entries cannot be changed")
        with transaction.atomic():
            # Linked under the head's lock, held to the end of the writer's transaction: a
            # concurrent writer waits, then links to this entry, never to the same previous.
            head = AuditChainHead.locked()
            self.prev_hash = head.last_hash
            self.entry_hash = content_hash(self)
            super().save(*args, **kwargs)
            head.last_hash = self.entry_hash
            head.save(update_fields=["last_hash"])

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted")

    @property
    def words(self) -> str:
        """What happened, in the one wording for people."""
        return AuditAction.wording(self.action)
