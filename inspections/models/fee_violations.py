"""Recruitment-fee violations (ILO Definition of Recruitment Fees and Related Costs, 2019)
and the repayments ordered and made to workers."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import RETURN_VALUE, ConcurrentTransitionMixin, FSMField, transition

from core.limits import LONG_TEXT, SHORT_TEXT
from inspections.currencies import validate_currency
from inspections.models.concerns import Concern
from inspections.models.inspections import Inspection, evidence_upload_path
from licensing.models import private_storage, refusal_message
from registry.models import LabourProvider


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
    evidence = models.TextField(_("evidence"), blank=True, max_length=LONG_TEXT)
    standard_code = models.CharField(_("standard breached"), max_length=10, default="7.1")
    worker_names = models.TextField(
        _("workers' names"),
        blank=True,
        help_text=_("Optional personal data: staff only, never shown publicly. Prefer counts."),
        max_length=LONG_TEXT,
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
        """What staff accepted as repaid; repayments the provider reported count once accepted."""
        accepted = self.repayments.filter(state=Repayment.State.ACCEPTED)
        return accepted.aggregate(total=models.Sum("amount"))["total"] or Decimal("0")

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


class Repayment(ConcurrentTransitionMixin, models.Model):
    """Money returned to the workers under a repayment order, in the violation's currency.

    Staff record what they verified themselves as accepted; the provider reports a repayment
    with evidence (a bank transfer record), which counts once staff accept it.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Reported by the provider, to be checked")
        ACCEPTED = "accepted", _("Accepted")
        QUERIED = "queried", _("Queried")

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
    notes = models.TextField(_("notes"), blank=True, max_length=SHORT_TEXT)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    state = FSMField(_("status"), default=State.SUBMITTED, choices=State.choices, protected=True)
    evidence = models.FileField(
        _("evidence"),
        storage=private_storage,
        upload_to=evidence_upload_path,
        blank=True,
        help_text=_("A bank transfer record: PDF, JPEG or PNG."),
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_type = models.CharField(_("evidence type"), max_length=50, blank=True)
    query = models.TextField(_("question from staff"), blank=True, max_length=SHORT_TEXT)

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")

    def __str__(self):
        return f"{self.amount} {self.violation.currency} on {self.paid_on}"

    @property
    def provider(self):
        """The provider, so the audit trail files the repayment's rows under it."""
        return self.violation.provider

    @transition(field=state, source=State.SUBMITTED, target=State.ACCEPTED)
    def accept(self):
        """Staff checked the provider's evidence: the repayment counts towards the order."""

    @refusal_message(_("Say what is wrong with the repayment or its evidence."))
    def has_query(self) -> bool:
        return bool(self.query.strip())

    @transition(field=state, source=State.SUBMITTED, target=State.QUERIED, conditions=[has_query])
    def query_evidence(self):
        """Staff do not accept the evidence as it stands and say why; the provider sees the
        question and reports the repayment again with better evidence."""
