"""Back-office forms. Each asks only for what its service needs; views pass the cleaned data on.

Every form that changes a case or licence carries the ``version`` the user saw, so that a
change made meanwhile by somebody else is reported instead of overwritten.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LINE, LONG_TEXT, SHORT_TEXT
from licensing.models import Appeal, Application, Licence
from licensing.services import ConditionSpec


class OfficeForm(forms.Form):
    """Lists errors for the summary at the top of the page, each linked to its field. (Django
    itself points each field's aria-describedby at its hint and error.)"""

    def anchor(self, name):
        bound = self[name]
        if isinstance(bound.field.widget, forms.RadioSelect):
            return f"{bound.auto_id}_0"
        return bound.auto_id

    def error_links(self):
        """(anchor, message) pairs for the error summary."""
        links = []
        first = next((n for n, f in self.fields.items() if not f.widget.is_hidden), None)
        for error in self.non_field_errors():
            links.append((self.anchor(first) if first else "", error))
        for name, errors in self.errors.items():
            if name == forms.forms.NON_FIELD_ERRORS:
                continue
            field = self.fields[name]
            for error in errors:
                if field.widget.is_hidden:
                    links.append(("", error))
                else:
                    links.append((self.anchor(name), f"{field.label}: {error}"))
        return links


class VersionForm(OfficeForm):
    """A step that needs nothing but confirmation."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReturnForm(VersionForm):
    message = forms.CharField(
        label=_("What information do you need?"),
        help_text=_("The applicant sees this message and gets an email."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
    )


class RequireInspectionForm(VersionForm):
    reason = forms.CharField(
        label=_("Why does this application need an inspection?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class DecisionForm(VersionForm):
    """A decision (grant, refusal, suspension, revocation): the decision maker gives reasons
    and confirms, so that nothing is decided by a slip of the mouse."""

    confirm = forms.BooleanField(
        label=_("I have reviewed the case and confirm this decision"),
        error_messages={"required": _("Tick the box to confirm the decision.")},
    )


class GrantForm(DecisionForm):
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        help_text=_(
            "Say why the licence is granted. When an approved inspection report proposed "
            "conditions, say why the licence is granted without them."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )
    field_order = ["reason", "confirm", "version"]


class RefuseForm(DecisionForm):
    reasons = forms.CharField(
        label=_("Reasons for the refusal"),
        help_text=_("Sent to the applicant. The pre-appeal and appeal windows open from today."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LONG_TEXT,
    )
    field_order = ["reasons", "confirm", "version"]


class WaiveInspectionForm(VersionForm):
    reason = forms.CharField(
        label=_("Why does this new applicant need no application inspection?"),
        help_text=_("Recorded on the case and in the audit trail."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class WithdrawForm(VersionForm):
    reason = forms.CharField(
        label=_("Why is the application withdrawn?"),
        help_text=_(
            "For example: the applicant asked for it by email on 3 March. Fees are not refunded."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class ConditionForm(OfficeForm):
    text = forms.CharField(
        label=_("Condition, as the public register shows it"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Published word for word: never the inspector's evidence or workers' details."),
        max_length=SHORT_TEXT,
    )
    standard_code = forms.CharField(
        label=_("Licensing standard"),
        required=False,
        max_length=10,
        help_text=_("For example 5.1"),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For example 2027-03-31"),
    )

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due <= timezone.localdate():
            raise forms.ValidationError(_("The due date must be in the future."))
        return due


class BaseConditionFormSet(forms.BaseFormSet):
    def error_links(self):
        links = []
        for error in self.non_form_errors():
            links.append((self.forms[0].anchor("text") if self.forms else "", error))
        for form in self.forms:
            links.extend(form.error_links())
        return links


ConditionFormSet = forms.formset_factory(
    ConditionForm,
    formset=BaseConditionFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


class WithConditionsMixin:
    """A form with repeated condition rows: three rows, blank ones ignored, at least one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conditions = ConditionFormSet(
            self.data if self.is_bound else None, prefix=f"{self.prefix or 'form'}-conditions"
        )

    def is_valid(self):
        form_valid = super().is_valid()
        return self.conditions.is_valid() and form_valid

    def error_links(self):
        return super().error_links() + self.conditions.error_links()

    def condition_specs(self) -> list[ConditionSpec]:
        return [
            ConditionSpec(
                text=form.cleaned_data["text"],
                due_date=form.cleaned_data["due_date"],
                standard_code=form.cleaned_data["standard_code"],
            )
            for form in self.conditions.forms
            if form.has_changed() and form.cleaned_data
        ]


class GrantWithConditionsForm(WithConditionsMixin, GrantForm):
    pass


class AssignForm(VersionForm):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (unassigned)"),
    )

    def __init__(self, *args, case_workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = case_workers
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.username


class MessageForm(OfficeForm):
    body = forms.CharField(
        label=_("Message to the applicant"),
        help_text=_("The applicant sees it in the portal and gets an email."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
    )


class SuspendForm(DecisionForm):
    reason = forms.CharField(
        label=_("Reasons for the suspension"),
        help_text=_("The holder is told, and the public register shows the licence as suspended."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=SHORT_TEXT,
    )
    field_order = ["reason", "confirm", "version"]


class LiftSuspensionForm(VersionForm):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class RevokeForm(DecisionForm):
    IMMEDIATE = "immediate"
    NOTICE = "notice"

    effect = forms.ChoiceField(
        label=_("When does the revocation take effect?"),
        widget=forms.RadioSelect,
        choices=[
            (
                NOTICE,
                _(
                    "Without immediate effect: the licence stays in force until the "
                    "20-working-day appeal window closes, or until an appeal is dismissed."
                ),
            ),
            (
                IMMEDIATE,
                _(
                    "With immediate effect: the licence is revoked now; the holder may appeal "
                    "within 10 working days."
                ),
            ),
        ],
    )
    reasons = forms.CharField(
        label=_("Reasons for the revocation"),
        help_text=_("Sent to the holder and shown on the public register."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=LONG_TEXT,
    )

    field_order = ["effect", "reasons", "confirm", "version"]

    @property
    def immediate(self) -> bool:
        return self.cleaned_data["effect"] == self.IMMEDIATE


class ExpireForm(VersionForm):
    DISSOLVED = "dissolved"
    IDENTITY = "identity"
    GROUNDS = {
        DISSOLVED: _("The company was dissolved."),
        IDENTITY: _("The company number or tax reference changed."),
    }

    ground = forms.ChoiceField(
        label=_("Why does the licence end now?"),
        widget=forms.RadioSelect,
        choices=list(GROUNDS.items()),
        help_text=_("A licence cannot pass to another legal entity: it expires at once."),
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
    )

    def reason(self) -> str:
        ground = str(self.GROUNDS[self.cleaned_data["ground"]])
        details = self.cleaned_data["details"].strip()
        return f"{ground} {details}".strip()


class AddConditionsForm(WithConditionsMixin, VersionForm):
    reason = forms.CharField(
        label=_("Why are these conditions added?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class ConditionOutcomeForm(OfficeForm):
    MET = "met"
    BREACHED = "breached"

    @classmethod
    def for_condition(cls, condition, data=None):
        return cls(data, prefix=f"condition-{condition.pk}")

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[(MET, _("Met")), (BREACHED, _("Breached"))],
    )
    reason = forms.CharField(
        label=_("Evidence or reason"),
        required=False,
        help_text=_("Required when the condition is breached."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SHORT_TEXT,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("outcome") == self.BREACHED and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Say how the condition was breached."))
        return cleaned


class AppealLodgeForm(OfficeForm):
    @classmethod
    def for_decision(cls, decision, data=None):
        return cls(data, prefix=f"appeal-{decision.pk}")

    kind = forms.ChoiceField(label=_("Kind of appeal"), choices=Appeal.Kind.choices)
    lodged_on = forms.DateField(
        label=_("Lodged on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For example 2027-03-31"),
    )
    grounds = forms.CharField(
        label=_("Grounds"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
    )
    late_admitted = forms.BooleanField(
        label=_("The tribunal admitted this appeal although it was late"), required=False
    )

    def clean_lodged_on(self):
        lodged_on = self.cleaned_data["lodged_on"]
        if lodged_on > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be in the future."))
        return lodged_on


class AppealOutcomeForm(OfficeForm):
    @classmethod
    def for_appeal(cls, appeal, data=None):
        return cls(data, prefix=f"outcome-{appeal.pk}")

    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (Appeal.State.ALLOWED, _("Allowed: the decision is reversed")),
            (Appeal.State.DISMISSED, _("Dismissed: the decision takes effect")),
            (Appeal.State.WITHDRAWN, _("Withdrawn by the appellant")),
        ],
    )
    reason = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=SHORT_TEXT,
    )


class WorkbenchFilterForm(forms.Form):
    ASSIGNED_CHOICES = [
        ("", _("Anyone")),
        ("me", _("Me")),
        ("none", _("Unassigned")),
    ]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Reference, provider name, company number or licence number"),
        max_length=LINE,
    )
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("All open cases"))]
        + [c for c in Application.State.choices if c[0] != Application.State.DRAFT],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Application.Kind.choices]
    )
    assigned = forms.ChoiceField(label=_("Assigned to"), required=False, choices=ASSIGNED_CHOICES)


class LicenceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Licence number or holder name"),
        max_length=LINE,
    )
    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Licence.State.choices]
    )


class ProviderSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Name, trading name, company number or postcode"),
        max_length=LINE,
    )


class IdentityReviewForm(OfficeForm):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("continue", _("Same legal entity: the licence continues")),
            ("expire", _("A different legal entity: the licence expires")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )
    confirm = forms.BooleanField(
        label=_("I have reviewed the case and confirm this decision"),
        error_messages={"required": _("Tick the box to confirm the decision.")},
    )
