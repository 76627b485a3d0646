"""Licensing standards, inspections and their findings, recruitment-fee violations and
concerns reported by the public.

States change only through django-fsm transitions called by ``inspections.services``;
each transition's docstring states the business rule it enforces.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from inspections.currencies import validate_currency
from licensing.models import (
    Application,
    Licence,
    private_storage,
    random_code,
    refusal_message,
)
from registry.models import LabourProvider


def concern_reference() -> str:
    """A reference the reporter keeps to follow up: random, so nobody can guess another's."""
    code = random_code(8)
    return f"C-{code[:4]}-{code[4:]}"


def normalise_concern_reference(text: str) -> str:
    """Accept what people type: lower case, spaces, missing dashes, O for 0, I or L for 1."""
    text = (text or "").upper().replace("-", "").replace(" ", "")
    if text.startswith("C"):
        text = text[1:]
    text = text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(text) != 8:
        return ""
    return f"C-{text[:4]}-{text[4:]}"


class Concern(ConcurrentTransitionMixin, models.Model):
    """A concern about a labour provider reported by a member of the public, anonymously
    unless the reporter chooses to leave contact details."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        UNDER_REVIEW = "under_review", _("Under review")
        INSPECTION_OPENED = "inspection_opened", _("Inspection opened")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        UNDECIDED = "", _("Not yet decided")
        UPHELD = "upheld", _("Upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")

    reference = models.CharField(_("reference"), max_length=11, unique=True, editable=False)
    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("labour provider"),
        help_text=_("Linked by staff when the provider is identified."),
    )
    provider_name_given = models.CharField(
        _("provider named by the reporter"), max_length=200, blank=True
    )
    description = models.TextField(_("what happened"))
    language = models.CharField(_("language"), max_length=10, default="en")
    reported_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    contact_name = models.CharField(
        _("reporter's name"), max_length=200, blank=True, help_text=_("Personal data.")
    )
    contact_email = models.EmailField(
        _("reporter's email"), blank=True, help_text=_("Personal data.")
    )
    contact_phone = models.CharField(
        _("reporter's phone"), max_length=40, blank=True, help_text=_("Personal data.")
    )
    state = FSMField(
        _("status"), default=State.RECEIVED, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    outcome_decided_at = models.DateTimeField(_("outcome decided"), null=True, blank=True)
    assessment = models.TextField(_("assessment notes"), blank=True)
    closed_reason = models.TextField(_("reason for closing"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_concerns",
        verbose_name=_("assigned to"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        permissions = [
            ("triage_concern", _("Can assess concerns, open inspections from them and close them")),
            ("view_reporter_identity", _("Can see who reported a concern")),
        ]
        indexes = [models.Index(fields=["provider", "outcome", "outcome_decided_at"])]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = concern_reference()
        super().save(*args, **kwargs)

    @property
    def has_contact_details(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)

    @refusal_message(_("Say why the concern is closed."))
    def has_closed_reason(self) -> bool:
        return bool(self.closed_reason.strip())

    @refusal_message(_("Link the concern to a labour provider first."))
    def has_provider(self) -> bool:
        return self.provider_id is not None

    @transition(field=state, source=State.RECEIVED, target=State.UNDER_REVIEW)
    def start_review(self):
        """Staff take a received concern into review before deciding what to do with it."""

    @transition(
        field=state,
        source=[State.RECEIVED, State.UNDER_REVIEW],
        target=State.INSPECTION_OPENED,
        conditions=[has_provider],
    )
    def open_inspection(self):
        """A concern about an identified provider can lead to a complaint-led inspection."""

    @transition(
        field=state,
        source=[State.RECEIVED, State.UNDER_REVIEW, State.INSPECTION_OPENED],
        target=State.CLOSED,
        conditions=[has_closed_reason],
    )
    def close(self):
        """A concern is closed with a reason: not within the scheme, not substantiated, or
        dealt with (by an inspection or otherwise)."""
        self.closed_at = timezone.now()


class ConcernUpdate(models.Model):
    """Further information on a concern: from the reporter (by reference) or a staff note."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="updates", verbose_name=_("concern")
    )
    text = models.TextField(_("information"))
    from_reporter = models.BooleanField(_("from the reporter"), default=False)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("update on a concern")
        verbose_name_plural = _("updates on concerns")

    def __str__(self):
        return f"{self.concern.reference} {self.created_at:%Y-%m-%d}"


# The licensing standards.


class StandardsEditionQuerySet(models.QuerySet):
    def current(self):
        """The edition new inspections use: the most recently published one."""
        return (
            self.filter(published_on__isnull=False, published_on__lte=timezone.localdate())
            .order_by("-published_on", "-pk")
            .first()
        )


class StandardsEdition(models.Model):
    """A published set of licensing standards. Inspections keep the edition they used."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Empty while the edition is being drafted. New inspections use the latest."),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = StandardsEditionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "name"]
        verbose_name = _("edition of the licensing standards")
        verbose_name_plural = _("editions of the licensing standards")

    def __str__(self):
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class StandardSection(models.Model):
    edition = models.ForeignKey(
        StandardsEdition,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("edition"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("section of the standards")
        verbose_name_plural = _("sections of the standards")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="unique_section_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Standard(models.Model):
    """One licensing standard. Failing it scores its points; a critical one fails outright."""

    edition = models.ForeignKey(
        StandardsEdition,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("edition"),
    )
    section = models.ForeignKey(
        StandardSection,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("section"),
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("For example 7.1."))
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance for inspectors"), blank=True)
    critical = models.BooleanField(_("critical"), default=False)
    points = models.PositiveSmallIntegerField(_("points when failed"), default=8)
    position = models.PositiveSmallIntegerField(_("position in the section"), default=0)

    class Meta:
        ordering = ["edition", "section__number", "position", "code"]
        verbose_name = _("licensing standard")
        verbose_name_plural = _("licensing standards")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="unique_standard_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.section_id and self.edition_id and self.section.edition_id != self.edition_id:
            raise ValidationError({"section": _("Choose a section of the same edition.")})


# Inspections.


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
    sites = models.TextField(_("sites visited"), blank=True)
    workers_employed = models.PositiveIntegerField(_("workers employed"), null=True, blank=True)
    workers_interviewed = models.PositiveIntegerField(
        _("workers interviewed"), null=True, blank=True
    )
    interpreter_used = models.BooleanField(_("interpreter used"), default=False)
    labour_users_visited = models.TextField(_("labour users visited"), blank=True)
    summary = models.TextField(_("inspector's summary"), blank=True)
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
    review_comments = models.TextField(_("reviewer's comments"), blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True, db_index=True)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
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
    evidence = models.TextField(_("evidence notes"), blank=True)
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


# Recruitment-fee violations (ILO Definition of Recruitment Fees and Related Costs, 2019).


class FeeCategory(models.TextChoices):
    RECRUITMENT_FEE = "recruitment_fee", _("Recruitment fee")
    RELATED_COST = "related_cost", _("Related cost")
    ILLEGITIMATE = "illegitimate", _("Illegitimate cost")


class FeeSubcategory(models.TextChoices):
    MATCHING_PLACEMENT = "matching_placement", _("Matching and placement")
    THIRD_PARTY_RECRUITMENT = "third_party_recruitment", _("Recruitment for a third party")
    DIRECT_RECRUITMENT = "direct_recruitment", _("Direct recruitment by the employer")
    FEE_RECOVERY = "fee_recovery", _("Recovering recruitment fees from workers")
    MEDICAL = "medical", _("Medical costs (examinations, tests, vaccinations)")
    INSURANCE = "insurance", _("Insurance")
    SKILLS_TESTS = "skills_tests", _("Skills and qualification tests")
    TRAINING = "training", _("Training and orientation")
    EQUIPMENT = "equipment", _("Equipment (tools, uniforms, protective gear)")
    TRAVEL_LODGING = "travel_lodging", _("Travel and lodging")
    ADMINISTRATIVE = (
        "administrative",
        _("Administrative costs (fees, passports, visas, permits, checks, banking)"),
    )
    BRIBES = "bribes", _("Bribes")
    TRIBUTES = "tributes", _("Tributes")
    EXTORTION = "extortion", _("Extortion")
    KICKBACKS = "kickbacks", _("Kickbacks")
    BONDS = "bonds", _("Bonds")
    DEPOSITS = "deposits", _("Deposits or collateral")
    ILLEGAL_COST_RECOVERY = "illegal_cost_recovery", _("Illegal cost-recovery fees")


FEE_SUBCATEGORIES = {
    FeeCategory.RECRUITMENT_FEE: [
        FeeSubcategory.MATCHING_PLACEMENT,
        FeeSubcategory.THIRD_PARTY_RECRUITMENT,
        FeeSubcategory.DIRECT_RECRUITMENT,
        FeeSubcategory.FEE_RECOVERY,
    ],
    FeeCategory.RELATED_COST: [
        FeeSubcategory.MEDICAL,
        FeeSubcategory.INSURANCE,
        FeeSubcategory.SKILLS_TESTS,
        FeeSubcategory.TRAINING,
        FeeSubcategory.EQUIPMENT,
        FeeSubcategory.TRAVEL_LODGING,
        FeeSubcategory.ADMINISTRATIVE,
    ],
    FeeCategory.ILLEGITIMATE: [
        FeeSubcategory.BRIBES,
        FeeSubcategory.TRIBUTES,
        FeeSubcategory.EXTORTION,
        FeeSubcategory.KICKBACKS,
        FeeSubcategory.BONDS,
        FeeSubcategory.DEPOSITS,
        FeeSubcategory.ILLEGAL_COST_RECOVERY,
    ],
}


def category_of(subcategory: str) -> str:
    for category, subcategories in FEE_SUBCATEGORIES.items():
        if subcategory in subcategories:
            return category
    return ""


class FeeViolation(ConcurrentTransitionMixin, models.Model):
    """Workers were charged for being recruited, against the Employer Pays Principle."""

    class CollectedBy(models.TextChoices):
        PROVIDER = "provider", _("The labour provider")
        SUB_AGENT = "sub_agent", _("A sub-agent")
        THIRD_PARTY = "third_party", _("A third party")
        LABOUR_USER = "labour_user", _("The labour user")

    class State(models.TextChoices):
        RECORDED = "recorded", _("Recorded, no repayment ordered yet")
        ORDERED = "ordered", _("Repayment ordered")
        PARTLY_REPAID = "partly_repaid", _("Partly repaid")
        REPAID = "repaid", _("Repaid")
        OVERDUE = "overdue", _("Repayment overdue")

    UNPAID_STATES = [State.ORDERED, State.PARTLY_REPAID, State.OVERDUE]

    provider = models.ForeignKey(
        LabourProvider,
        on_delete=models.PROTECT,
        related_name="fee_violations",
        verbose_name=_("labour provider"),
    )
    inspection = models.ForeignKey(
        Inspection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_violations",
        verbose_name=_("found on the inspection"),
    )
    concern = models.ForeignKey(
        Concern,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fee_violations",
        verbose_name=_("reported in the concern"),
    )
    category = models.CharField(_("category"), max_length=20, choices=FeeCategory.choices)
    subcategory = models.CharField(_("type"), max_length=30, choices=FeeSubcategory.choices)
    amount = models.DecimalField(
        _("amount charged"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("In total, for all the workers affected."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, validators=[validate_currency], help_text=_("ISO 4217.")
    )
    workers_affected = models.PositiveIntegerField(
        _("workers affected"), validators=[MinValueValidator(1)]
    )
    collected_by = models.CharField(_("collected by"), max_length=20, choices=CollectedBy.choices)
    country = CountryField(_("country where charged"))
    charged_on = models.DateField(_("date charged"))
    evidence = models.TextField(_("evidence"), blank=True)
    standard_code = models.CharField(_("standard breached"), max_length=10, default="7.1")
    worker_names = models.TextField(
        _("workers' names"),
        blank=True,
        help_text=_("Optional personal data: staff only, never shown publicly. Prefer counts."),
    )
    state = FSMField(
        _("status"), default=State.RECORDED, choices=State.choices, protected=True, db_index=True
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    repayment_ordered = models.DecimalField(
        _("repayment ordered"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    repayment_deadline = models.DateField(_("repay by"), null=True, blank=True)
    workers_confirmed_at = models.DateTimeField(
        _("workers confirmed repayment"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-charged_on", "-pk"]
        verbose_name = _("recruitment-fee violation")
        verbose_name_plural = _("recruitment-fee violations")
        permissions = [("order_repayment", _("Can order repayment of recruitment fees"))]
        indexes = [models.Index(fields=["provider", "state"])]

    def __str__(self):
        return f"{self.get_subcategory_display()} {self.amount} {self.currency}"

    @property
    def repaid(self) -> Decimal:
        return self.repayments.aggregate(total=models.Sum("amount"))["total"] or Decimal("0")

    @property
    def outstanding(self) -> Decimal:
        return max((self.repayment_ordered or Decimal("0")) - self.repaid, Decimal("0"))

    @refusal_message(_("The repayment deadline has not passed."))
    def deadline_passed(self) -> bool:
        return (
            self.repayment_deadline is not None and self.repayment_deadline < timezone.localdate()
        )

    @transition(field=state, source=State.RECORDED, target=State.ORDERED)
    def order_repayment(self):
        """The regulator orders the provider to repay the workers by a deadline."""

    @transition(
        field=state,
        source=UNPAID_STATES,
        target=RETURN_VALUE(State.PARTLY_REPAID, State.REPAID, State.OVERDUE),
    )
    def repayment_made(self):
        """Each repayment counts towards the order; once the order is covered it is repaid.
        A part-payment after the deadline leaves the order overdue."""
        if self.outstanding <= 0:
            return self.State.REPAID
        if self.deadline_passed():
            return self.State.OVERDUE
        return self.State.PARTLY_REPAID

    @transition(
        field=state,
        source=[State.ORDERED, State.PARTLY_REPAID],
        target=State.OVERDUE,
        conditions=[deadline_passed],
    )
    def mark_overdue(self):
        """An order not fully repaid by its deadline is overdue, which raises the provider's
        risk and can justify conditions or revocation."""


class Repayment(models.Model):
    """Money returned to the workers under a repayment order, in the violation's currency."""

    violation = models.ForeignKey(
        FeeViolation,
        on_delete=models.PROTECT,
        related_name="repayments",
        verbose_name=_("violation"),
    )
    amount = models.DecimalField(
        _("amount repaid"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    paid_on = models.DateField(_("paid on"))
    workers_paid = models.PositiveIntegerField(_("workers paid"), null=True, blank=True)
    confirmed_by_workers = models.BooleanField(_("confirmed by the workers"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")

    def __str__(self):
        return f"{self.amount} {self.violation.currency} on {self.paid_on}"


class LicenceRisk(models.Model):
    """A licence's risk score as last computed, so that the ranking page reads one indexed
    table instead of aggregating every finding on each request.

    Refreshed in full by `manage.py refresh_risk_scores` (run hourly from cron), and for a
    provider's licences as soon as one of its inspection reports is approved, a fee violation
    or repayment is recorded, or a concern about it is linked or closed. Changes made in the
    licensing app (conditions met or breached, new licences) show at the next full refresh.
    """

    licence = models.OneToOneField(
        Licence,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="risk",
        verbose_name=_("licence"),
    )
    score = models.FloatField(_("risk score"), db_index=True)
    parts = models.JSONField(_("parts of the score"), default=dict)
    computed_at = models.DateTimeField(_("computed"), db_index=True)

    class Meta:
        ordering = ["-score", "licence_id"]
        verbose_name = _("licence risk score")
        verbose_name_plural = _("licence risk scores")

    def __str__(self):
        return f"{self.licence_id}: {self.score:.1f}"
