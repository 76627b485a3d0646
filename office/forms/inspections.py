"""Forms for the inspection screens: plain fields, stacked, big enough to use on a phone."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.limits import LONG_TEXT, SHORT_TEXT
from inspections.models import (
    FEE_SUBCATEGORIES,
    Concern,
    FeeCategory,
    FeeViolation,
    Finding,
    Inspection,
)
from licensing.models import Application, Licence
from registry.models import LabourProvider


class DateInput(forms.DateInput):
    input_type = "date"


def inspectors():
    return (
        get_user_model()
        .objects.filter(
            Q(groups__permissions__codename="record_findings")
            | Q(user_permissions__codename="record_findings"),
            is_active=True,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class InspectorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of inspection"), choices=Inspection.Kind.choices)
    licence = forms.CharField(
        label=_("Licence number"),
        required=False,
        max_length=12,
        help_text=_("For compliance inspections and re-inspections, for example EARL0002."),
    )
    application = forms.CharField(
        label=_("Application reference"),
        required=False,
        max_length=12,
        help_text=_("For an application inspection."),
    )
    inspector = InspectorChoiceField(label=_("Inspector"), queryset=None)
    scheduled_for = forms.DateField(label=_("Planned date"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors()

    def clean_licence(self):
        urn = self.cleaned_data["licence"].strip().upper()
        if not urn:
            return None
        licence = Licence.objects.filter(urn=urn).select_related("provider").first()
        if licence is None:
            raise forms.ValidationError(_("There is no licence %(urn)s.") % {"urn": urn})
        return licence

    def clean_application(self):
        reference = self.cleaned_data["application"].strip().upper()
        if not reference:
            return None
        application = Application.objects.filter(reference=reference).first()
        if application is None:
            raise forms.ValidationError(
                _("There is no application %(reference)s.") % {"reference": reference}
            )
        return application


class VisitForm(forms.ModelForm):
    class Meta:
        model = Inspection
        fields = [
            "visited_on",
            "sites",
            "workers_employed",
            "workers_interviewed",
            "interpreter_used",
            "labour_users_visited",
            "summary",
        ]
        widgets = {
            "visited_on": DateInput,
            "sites": forms.Textarea(attrs={"rows": 3}),
            "labour_users_visited": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].required = True
        self.fields["workers_employed"].required = True
        self.fields["workers_interviewed"].required = True


class SectionForm(forms.Form):
    """One result, evidence note and optional attachment per standard of a section."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for standard, finding in rows:
            prefix = f"s{standard.pk}"
            self.fields[f"{prefix}_result"] = forms.ChoiceField(
                label=f"{standard.code} {standard.title}",
                choices=Finding.Result.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=finding.result if finding else None,
                help_text=standard.guidance,
            )
            self.fields[f"{prefix}_evidence"] = forms.CharField(
                label=_("Evidence notes for %(code)s") % {"code": standard.code},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=finding.evidence if finding else "",
            )
            self.fields[f"{prefix}_file"] = forms.FileField(
                label=_("Attach a photo or document for %(code)s (PDF, JPEG or PNG)")
                % {"code": standard.code},
                required=False,
            )
            self.rows.append(
                (
                    standard,
                    finding,
                    self[f"{prefix}_result"],
                    self[f"{prefix}_evidence"],
                    self[f"{prefix}_file"],
                )
            )

    def entries(self):
        """(standard, result, evidence, file) for each standard with a result chosen."""
        for standard, _finding, result, evidence, upload in self.rows:
            value = self.cleaned_data.get(result.name)
            if value:
                yield (
                    standard,
                    value,
                    self.cleaned_data.get(evidence.name, ""),
                    self.cleaned_data.get(upload.name),
                )


class ReviewForm(forms.Form):
    APPROVE = "approve"
    RETURN = "return"

    decision = forms.ChoiceField(
        label=_("Your decision on the report"),
        choices=[
            (APPROVE, _("Approve the report")),
            (RETURN, _("Return it to the inspector")),
        ],
        widget=forms.RadioSelect,
    )
    comments = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you return the report: say what needs to change."),
        max_length=LONG_TEXT,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=SHORT_TEXT
    )


class ApplyConditionsForm(forms.Form):
    """Applying a report's proposed conditions is a decision: the decision maker confirms."""

    confirm = forms.BooleanField(
        label=_("I have reviewed the report and confirm this decision"),
        error_messages={"required": _("Tick the box to confirm the decision.")},
    )


def subcategory_choices():
    labels = dict(FeeCategory.choices)
    return [("", _("Choose…"))] + [
        (labels[category], [(sub.value, sub.label) for sub in subs])
        for category, subs in FEE_SUBCATEGORIES.items()
    ]


class FeeViolationForm(forms.Form):
    subcategory = forms.ChoiceField(
        label=_("What the workers were charged for"),
        choices=subcategory_choices,
        help_text=_(
            "Grouped by the ILO categories: recruitment fees, related costs, illegitimate costs."
        ),
    )
    amount = forms.DecimalField(
        label=_("Amount charged (all workers together)"),
        max_digits=14,
        decimal_places=2,
        min_value=0.01,
    )
    currency = forms.CharField(
        label=_("Currency"),
        max_length=3,
        min_length=3,
        help_text=_("ISO 4217 code, for example GBP, EUR, PLN, RON."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "size": 4}),
    )
    workers_affected = forms.IntegerField(label=_("Workers affected"), min_value=1)
    collected_by = forms.ChoiceField(
        label=_("Collected by"), choices=FeeViolation.CollectedBy.choices
    )
    country = CountryField().formfield(label=_("Country where charged"))
    charged_on = forms.DateField(label=_("Date charged"), widget=DateInput)
    evidence = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
    )
    standard_code = forms.CharField(label=_("Standard breached"), initial="7.1", max_length=10)
    worker_names = forms.CharField(
        label=_("Workers' names (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Personal data, seen only by regulator staff. Prefer counts to names."),
        max_length=LONG_TEXT,
    )


class OrderRepaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Repayment ordered"), max_digits=14, decimal_places=2, min_value=0.01
    )
    deadline = forms.DateField(label=_("Repay by"), widget=DateInput)


class RepaymentForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount repaid"), max_digits=14, decimal_places=2, min_value=0.01
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    workers_paid = forms.IntegerField(label=_("Workers paid"), min_value=1, required=False)
    confirmed_by_workers = forms.BooleanField(
        label=_("The workers confirmed they received it"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SHORT_TEXT,
    )


class ConcernAssessForm(forms.Form):
    provider = forms.CharField(
        label=_("Labour provider"),
        required=False,
        max_length=40,
        help_text=_("Licence number or company number of the provider the concern is about."),
    )
    assessment = forms.CharField(
        label=_("Assessment notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
    )

    def clean_provider(self):
        text = self.cleaned_data["provider"].strip().upper().replace(" ", "")
        if not text:
            return None
        licence = Licence.objects.filter(urn=text).select_related("provider").first()
        if licence is not None:
            return licence.provider
        provider = LabourProvider.objects.filter(company_number=text).first()
        if provider is None:
            raise forms.ValidationError(
                _("No provider has the licence number or company number %(text)s.") % {"text": text}
            )
        return provider


class ConcernCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Concern.Outcome.UPHELD, Concern.Outcome.UPHELD.label),
            (Concern.Outcome.NOT_UPHELD, Concern.Outcome.NOT_UPHELD.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason for closing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class AssignmentForm(forms.Form):
    """Who inspects, and when: to open an inspection from a concern or reassign one."""

    inspector = InspectorChoiceField(label=_("Inspector"), queryset=None)
    scheduled_for = forms.DateField(label=_("Planned date"), widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inspector"].queryset = inspectors()


class EditionCopyForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new edition"),
        max_length=100,
        help_text=_("For example Licensing Standards 2027. It starts as a copy of this one."),
    )
