from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries import countries

from core.limits import (
    LONG_TEXT,
    SHORT_TEXT,
    TRADING_NAME_MAX_LENGTH,
    TRADING_NAMES_MAX,
    TRADING_NAMES_TEXT,
)
from licensing.models import Document
from licensing.uploads import validate_upload
from registry.models import OrganisationMember, ProviderRole, Sector

YES_NO = [("no", _("No")), ("yes", _("Yes"))]


def country_choices():
    return list(countries)


class CountryPicker(forms.CheckboxSelectMultiple):
    """A list of country checkboxes that works without JavaScript; ``js/country-picker.js``
    adds a filter box (the field template renders it hidden until the script shows it)."""


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def validate_trading_names(text: str) -> None:
    """A business gives a few trading names, each a name: not a document."""
    names = [name.strip() for name in text.splitlines() if name.strip()]
    if len(names) > TRADING_NAMES_MAX:
        raise ValidationError(
            _("Give at most %(count)d trading names.") % {"count": TRADING_NAMES_MAX}
        )
    if any(len(name) > TRADING_NAME_MAX_LENGTH for name in names):
        raise ValidationError(
            _("Each trading name must be at most %(length)d characters.")
            % {"length": TRADING_NAME_MAX_LENGTH}
        )


class OrganisationForm(forms.Form):
    legal_name = forms.CharField(
        label=_("Legal name of the business"),
        max_length=200,
        help_text=_("As registered, for example with Companies House."),
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Their email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (OrganisationMember.Role.COLLEAGUE, _("Colleague: prepares applications")),
            (
                OrganisationMember.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
                _("Alternative Business Representative: acts once the regulator authorises"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=OrganisationMember.Role.COLLEAGUE,
    )


# Application steps. Each form turns its cleaned data into JSON-safe answers and back.


class StepForm(forms.Form):
    def to_answers(self) -> dict:
        data = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = str(value)
            elif hasattr(value, "values_list"):
                value = list(value.values_list("pk", flat=True))
            data[name] = value
        return data


class BusinessForm(StepForm):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    trading_names = forms.CharField(
        label=_("Trading names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Other names the business uses, one on each line. Leave empty if none."),
        max_length=TRADING_NAMES_TEXT,
        validators=[validate_trading_names],
    )
    company_number = forms.CharField(
        label=_("Company or registration number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty if you are a sole trader or partnership."),
    )
    tax_reference = forms.CharField(label=_("Tax reference"), max_length=40)
    registered_address = forms.CharField(
        label=_("Registered address"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )
    town = forms.CharField(label=_("Town or city"), max_length=100)
    postcode = forms.CharField(label=_("Postcode"), max_length=20, required=False)
    country = forms.ChoiceField(label=_("Country where the business is based"), choices=[])
    operating_address = forms.CharField(
        label=_("Address you operate from, if different"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )
    email = forms.EmailField(label=_("Contact email"))
    phone = forms.CharField(label=_("Contact phone"), max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()


class ActivitiesForm(StepForm):
    sectors = forms.ModelMultipleChoiceField(
        label=_("Sectors you supply workers to"),
        queryset=Sector.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one sector.")},
    )
    recruits_from = forms.MultipleChoiceField(
        label=_("Countries you recruit workers from"),
        choices=[],
        required=False,
        help_text=_("Tick every country that applies. Leave all unticked if none."),
        widget=CountryPicker,
    )
    supplies_to = forms.MultipleChoiceField(
        label=_("Countries you supply workers to"),
        choices=[],
        help_text=_("Tick every country that applies."),
        widget=CountryPicker,
        error_messages={"required": _("Choose at least one country.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recruits_from"].choices = country_choices()
        self.fields["supplies_to"].choices = country_choices()


class PersonForm(StepForm):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DateInput())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose their role"))] + ProviderRole.Role.choices,
        error_messages={"required": _("Choose this person’s role.")},
    )
    email = forms.EmailField(label=_("Email"), required=False)
    unspent_convictions = forms.ChoiceField(
        label=_("Does this person have any unspent criminal convictions?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether this person has unspent convictions.")},
    )
    previous_refusal = forms.ChoiceField(
        label=_("Has this person been named on a licence that was refused or revoked?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether this person was on a refused licence.")},
    )
    details = forms.CharField(
        label=_("Details if you answered yes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=LONG_TEXT,
    )

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value >= timezone.localdate():
            raise ValidationError(_("The date of birth must be in the past."))
        return value

    def clean(self):
        cleaned = super().clean()
        said_yes = "yes" in (cleaned.get("unspent_convictions"), cleaned.get("previous_refusal"))
        if said_yes and not cleaned.get("details", "").strip():
            self.add_error("details", _("Give the details of what you answered yes to."))
        return cleaned


class BasePeopleFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        roles = [
            form.cleaned_data.get("role")
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]
        if not {ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER} & set(roles):
            raise ValidationError(
                _("Name the Principal Authority (a sole trader is always the Principal Authority).")
            )

    def to_answers(self) -> list[dict]:
        return [
            {k: v for k, v in form.to_answers().items() if k != "DELETE"}
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


PeopleFormSet = forms.formset_factory(
    PersonForm, formset=BasePeopleFormSet, extra=1, can_delete=True, max_num=20
)


class TurnoverForm(StepForm):
    turnover = forms.DecimalField(
        label=_("Gross annual turnover in the regulated sectors"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        help_text=_("In pounds, for your last financial year. It sets your fee band."),
    )


class UploadField(forms.FileField):
    """A file checked by its content: PDF, JPEG or PNG within the size limit."""

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            file.checked_content_type = validate_upload(file)
        return file


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is it?"),
        choices=[c for c in Document.Kind.choices if c[0] != Document.Kind.EVIDENCE],
    )
    file = UploadField(
        label=_("File"), help_text=_("A PDF, JPEG or PNG file."), widget=forms.ClearableFileInput
    )


class DeclarationForm(forms.Form):
    declaration = forms.BooleanField(
        label=_(
            "I declare that the information in this application is true and complete to the "
            "best of my knowledge. I understand that giving false information is an offence "
            "and may lead to refusal or revocation."
        ),
        error_messages={"required": _("Accept the declaration of truth to submit.")},
    )


class PaymentForm(forms.Form):
    method = forms.ChoiceField(label=_("How do you want to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [(p.method, p.label) for p in providers]
        self.providers = providers


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write a message first.")},
        max_length=LONG_TEXT,
    )


class ResubmitForm(forms.Form):
    message = forms.CharField(
        label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=LONG_TEXT
    )
    kind = forms.ChoiceField(
        label=_("What is the document?"),
        choices=[c for c in Document.Kind.choices if c[0] != Document.Kind.EVIDENCE],
        required=False,
    )
    file = UploadField(
        label=_("Add a document (optional)"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you withdrawing? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class ChangeForm(forms.Form):
    WHAT = [
        ("address", _("Registered address")),
        ("trading_names", _("Trading names")),
        ("company_number", _("Company number (the licence ends: apply for a new one)")),
        ("vat_number", _("VAT registration number (the regulator reviews the licence)")),
        ("named_individual", _("A new named individual (director, partner or ABR)")),
        ("pa", _("A new Principal Authority")),
    ]
    what = forms.ChoiceField(label=_("What changed?"), choices=WHAT, widget=forms.RadioSelect)
    date_of_change = forms.DateField(label=_("Date of the change"), widget=DateInput())
    registered_address = forms.CharField(
        label=_("New registered address"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )
    town = forms.CharField(label=_("New town or city"), required=False, max_length=100)
    postcode = forms.CharField(label=_("New postcode"), required=False, max_length=20)
    trading_names = forms.CharField(
        label=_("Trading names from now on"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One on each line. Leave empty if the business no longer uses any."),
        max_length=TRADING_NAMES_TEXT,
        validators=[validate_trading_names],
    )
    company_number = forms.CharField(label=_("New company number"), required=False, max_length=40)
    vat_number = forms.CharField(
        label=_("New VAT registration number"), required=False, max_length=20
    )
    person_name = forms.CharField(label=_("Person’s full name"), required=False, max_length=200)
    person_date_of_birth = forms.DateField(
        label=_("Person’s date of birth"), required=False, widget=DateInput()
    )
    person_email = forms.EmailField(label=_("Person’s email"), required=False)
    person_role = forms.ChoiceField(
        label=_("Their role (for a new named individual)"),
        required=False,
        choices=[
            (ProviderRole.Role.DIRECTOR, _("Director")),
            (ProviderRole.Role.PARTNER, _("Partner")),
            (
                ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
                _("Alternative Business Representative"),
            ),
        ],
    )

    def __init__(self, *args, notification_limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_change"].help_text = ngettext(
            "Changes must be notified within %(days)d working day of happening.",
            "Changes must be notified within %(days)d working days of happening.",
            notification_limit,
        ) % {"days": notification_limit}

    def clean_date_of_change(self):
        value = self.cleaned_data["date_of_change"]
        if value > timezone.localdate():
            raise ValidationError(_("Notify a change once it has happened."))
        return value

    def clean(self):
        cleaned = super().clean()
        what = cleaned.get("what")
        required = {
            "address": ["registered_address", "town"],
            "trading_names": [],
            "company_number": ["company_number"],
            "vat_number": ["vat_number"],
            "named_individual": ["person_name", "person_date_of_birth", "person_role"],
            "pa": ["person_name", "person_date_of_birth", "person_email"],
        }.get(what, [])
        for name in required:
            if not cleaned.get(name):
                self.add_error(name, _("Enter this for the change you are notifying."))
        return cleaned

    def changes(self) -> dict:
        data = self.cleaned_data
        what = data["what"]
        if what == "address":
            return {
                "registered_address": data["registered_address"],
                "town": data["town"],
                "postcode": data["postcode"],
            }
        if what == "trading_names":
            return {
                "trading_names": [
                    n.strip() for n in data["trading_names"].splitlines() if n.strip()
                ]
            }
        if what in ("company_number", "vat_number"):
            return {what: data[what].strip()}
        person = {
            "full_name": data["person_name"],
            "date_of_birth": data["person_date_of_birth"].isoformat(),
            "email": data["person_email"],
        }
        if what == "pa":
            return {"new_principal_authority": person}
        return {"named_individual": {**person, "role": data["person_role"]}}


class SurrenderForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you surrendering the licence? (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=SHORT_TEXT,
    )


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label=_("What did you do to meet the condition?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=SHORT_TEXT,
    )
    file = UploadField(
        label=_("Supporting document (optional)"),
        required=False,
        help_text=_("A PDF, JPEG or PNG file."),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of our emails and letters to you"), choices=settings.LANGUAGES
    )


class RepaymentReportForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount repaid"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput())
    workers_paid = forms.IntegerField(
        label=_("Number of workers paid"), min_value=1, required=False
    )
    evidence = UploadField(
        label=_("Evidence of the payment"),
        help_text=_("A bank transfer record as a PDF, JPEG or PNG file."),
    )
    notes = forms.CharField(
        label=_("Notes (optional)"),
        required=False,
        max_length=SHORT_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
