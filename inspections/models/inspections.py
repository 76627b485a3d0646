"""Inspections, their findings against the standards and the evidence attached."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from core.limits import LONG_TEXT, SHORT_TEXT
from inspections.models.concerns import Concern
from inspections.models.standards import Standard, StandardsEdition
from licensing.models import Application, Licence, private_storage, random_code, refusal_message
from registry.models import LabourProvider


@register_setting(icon="warning")
class InspectionSettings(BaseGenericSetting):
    """Figures administrators tune: risk weights for the inspection queue, condition due
    dates and the interview target."""

    weight_failed_point = models.DecimalField(
        _("risk per point of failed standards (last 3 years)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
    )
    weight_critical_failure = models.DecimalField(
        _("risk per critical failure (last 3 years)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("20"),
    )
    weight_open_condition = models.DecimalField(
        _("risk per open licence condition"), max_digits=6, decimal_places=2, default=Decimal("5")
    )
    weight_overdue_condition = models.DecimalField(
        _("risk per overdue licence condition"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("15"),
    )
    weight_fee_violation = models.DecimalField(
        _("risk per recruitment-fee violation (last 3 years)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
    )
    weight_unpaid_remedy = models.DecimalField(
        _("risk per repayment order not fully repaid"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("20"),
    )
    weight_overdue_remedy = models.DecimalField(
        _("extra risk per repayment order past its deadline"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("30"),
    )
    weight_concern = models.DecimalField(
        _("risk per concern from the public (last year)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("8"),
    )
    weight_high_risk_sector = models.DecimalField(
        _("risk for working in a high-risk sector"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
    )
    high_risk_sectors = models.CharField(
        _("high-risk sectors"),
        max_length=300,
        blank=True,
        default="shellfish-gathering",
        help_text=_("Sector codes separated by commas."),
    )
    weight_per_100_workers = models.DecimalField(
        _("risk per 100 workers employed (at the last visit)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("2"),
    )
    weight_never_inspected = models.DecimalField(
        _("risk for a licence never inspected"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("10"),
    )
    condition_due_days = models.PositiveIntegerField(
        _("days to meet a proposed condition"), default=60
    )
    interview_target_percent = models.PositiveSmallIntegerField(
        _("share of workers to interview (%)"), default=10
    )

    class Meta:
        verbose_name = _("inspection settings")

    @property
    def high_risk_sector_codes(self) -> list[str]:
        return [code.strip() for code in self.high_risk_sectors.split(",") if code.strip()]


class Inspection(ConcurrentTransitionMixin, models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("Application inspection")
        COMPLIANCE_RANDOM = "compliance_random", _("Compliance inspection (random)")
        COMPLIANCE_RISK = "compliance_risk", _("Compliance inspection (risk-based)")
        COMPLAINT = "complaint", _("Complaint-led inspection")
        REINSPECTION = "reinspection", _("Re-inspection of conditions")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Report submitted for review")
        RETURNED = "returned", _("Report returned to the inspector")
        APPROVED = "approved", _("Report approved")
        CANCELLED = "cancelled", _("Cancelled")

    class Outcome(models.TextChoices):
        PASS = "pass", _("Pass")
        CONDITIONS = "conditions", _("Pass with additional licence conditions")
        FAIL = "fail", _("Fail")

    # While the report can be changed by its inspector.
    EDITABLE_STATES = [State.IN_PROGRESS, State.RETURNED]

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("labour provider"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("application"),
    )
    licence = models.ForeignKey(
        Licence,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("licence"),
    )
    concern = models.ForeignKey(
        Concern,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("concern"),
    )
    edition = models.ForeignKey(
        StandardsEdition,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("edition of the standards"),
    )
    state = FSMField(
        _("status"), default=State.SCHEDULED, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("inspector"),
    )
    scheduled_for = models.DateField(_("scheduled for"), db_index=True)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scheduled by"),
    )
    visited_on = models.DateField(_("date of the visit"), null=True, blank=True, db_index=True)
    sites = models.TextField(_("sites visited"), blank=True, max_length=SHORT_TEXT)
    workers_employed = models.PositiveIntegerField(_("workers employed"), null=True, blank=True)
    workers_interviewed = models.PositiveIntegerField(
        _("workers interviewed"), null=True, blank=True
    )
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    labour_users_visited = models.TextField(
        _("labour users visited"), blank=True, max_length=SHORT_TEXT
    )
    summary = models.TextField(_("inspector's summary"), blank=True, max_length=LONG_TEXT)
    failed_points = models.PositiveIntegerField(
        _("points of failed standards"),
        null=True,
        editable=False,
        help_text=_("Computed from the findings when the report is submitted."),
    )
    critical_failures = models.PositiveIntegerField(
        _("critical failures"), null=True, editable=False
    )
    outcome = models.CharField(
        _("recommendation"), max_length=20, choices=Outcome.choices, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comments = models.TextField(_("reviewer's comments"), blank=True, max_length=LONG_TEXT)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, db_index=True)
    cancelled_reason = models.TextField(
        _("reason for cancelling"), blank=True, max_length=SHORT_TEXT
    )
    conditions_applied_at = models.DateTimeField(
        _("proposed conditions applied"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-scheduled_for", "-pk"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        permissions = [
            ("schedule_inspection", _("Can schedule and assign inspections")),
            ("record_findings", _("Can record visits, findings and fee violations")),
            ("review_report", _("Can approve or return inspection reports")),
        ]
        indexes = [
            models.Index(fields=["licence", "state", "visited_on"]),
            models.Index(fields=["provider", "state"]),
            models.Index(fields=["inspector", "state"]),
        ]

    def __str__(self):
        return f"{self.reference} {self.get_kind_display()} — {self.provider}"

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = "I" + random_code(7)
        super().save(*args, **kwargs)

    @property
    def interview_share(self) -> Decimal | None:
        if not self.workers_employed or self.workers_interviewed is None:
            return None
        return Decimal(self.workers_interviewed * 100) / Decimal(self.workers_employed)

    @refusal_message(_("Record the date of the visit and the number of workers employed first."))
    def has_visit_record(self) -> bool:
        return self.visited_on is not None and self.workers_employed is not None

    @refusal_message(_("Record a finding for every standard (not assessed is a finding too)."))
    def every_standard_has_a_finding(self) -> bool:
        return not self.edition.standards.exclude(findings__inspection=self).exists()

    @refusal_message(_("Say what the inspector needs to change."))
    def has_review_comments(self) -> bool:
        return bool(self.review_comments.strip())

    @refusal_message(_("Say why the inspection is cancelled."))
    def has_cancelled_reason(self) -> bool:
        return bool(self.cancelled_reason.strip())

    @transition(field=state, source=State.SCHEDULED, target=State.IN_PROGRESS)
    def start(self):
        """The assigned inspector starts the visit."""

    @transition(
        field=state,
        source=[State.IN_PROGRESS, State.RETURNED],
        target=State.SUBMITTED,
        conditions=[has_visit_record, every_standard_has_a_finding],
    )
    def submit(self):
        """The inspector submits the report once the visit is recorded and every standard has
        a finding; the score is computed from the findings, never typed."""
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.RETURNED,
        conditions=[has_review_comments],
    )
    def return_to_inspector(self):
        """A reviewer returns a report with comments; the inspector corrects and resubmits."""

    @transition(field=state, source=State.SUBMITTED, target=State.APPROVED)
    def approve(self):
        """A decision maker approves the report; only then does it feed a licensing decision.
        Inspectors recommend, they never decide."""
        self.approved_at = timezone.now()

    @transition(
        field=state,
        source=[State.SCHEDULED, State.IN_PROGRESS],
        target=State.CANCELLED,
        conditions=[has_cancelled_reason],
    )
    def cancel(self):
        """An inspection not yet reported on can be cancelled with a reason."""


class Finding(models.Model):
    """What the inspector found against one standard. The points and critical flag are copied
    from the standard when recorded, so a later correction never rescores this inspection."""

    class Result(models.TextChoices):
        COMPLIANT = "compliant", _("Compliant")
        NOT_COMPLIANT = "not_compliant", _("Not compliant")
        NOT_ASSESSED = "not_assessed", _("Not assessed")

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="findings", verbose_name=_("inspection")
    )
    standard = models.ForeignKey(
        Standard, on_delete=models.PROTECT, related_name="findings", verbose_name=_("standard")
    )
    result = models.CharField(_("result"), max_length=20, choices=Result.choices)
    evidence = models.TextField(_("evidence notes"), blank=True, max_length=LONG_TEXT)
    points = models.PositiveSmallIntegerField(_("points when failed"), editable=False)
    critical = models.BooleanField(_("critical"), editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["standard__section__number", "standard__position", "standard__code"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "standard"], name="one_finding_per_standard"
            )
        ]
        indexes = [models.Index(fields=["inspection", "result"])]

    def __str__(self):
        return f"{self.standard.code}: {self.get_result_display()}"

    @property
    def is_failure(self) -> bool:
        return self.result == self.Result.NOT_COMPLIANT


def evidence_upload_path(instance, filename):
    # A random name: the original is kept in the database, never in the path.
    return f"inspections/{timezone.now():%Y/%m}/{secrets.token_urlsafe(24)}"


class FindingAttachment(models.Model):
    """A photo or document supporting a finding. Kept in private storage."""

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("finding")
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence attachment")
        verbose_name_plural = _("evidence attachments")

    def __str__(self):
        return self.original_name
