import functools
import html

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.limits import LINE
from public_register.words import STATUS_CHOICES
from registry.models import Sector


@functools.lru_cache(maxsize=64)
def _options_html(choices: tuple[tuple[str, str], ...]) -> str:
    """The options of a select, none selected; the same few lists (a sector, status and
    country list per language) come back on every search."""
    return "".join(
        f'<option value="{html.escape(code)}">{html.escape(label)}</option>'
        for code, label in choices
    )


class PlainSelect(forms.Select):
    """A select rendered in one go: Django renders each option through a template, which
    costs more than the whole search for the 250 countries of the country filter."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        choices = tuple((str(code), str(label)) for code, label in self.choices)
        options = _options_html(choices)
        if value not in (None, ""):
            chosen = f'<option value="{html.escape(str(value))}">'
            options = options.replace(chosen, chosen[:-1] + " selected>", 1)
        return mark_safe(f"<select{flatatt(attrs)}>{options}</select>")


@functools.cache
def _countries_in(language: str) -> tuple[tuple[str, str], ...]:
    """Country codes and names, sorted by name in that language. django-countries translates
    and sorts its 250 names on every pass; they never change while the server runs."""
    return tuple((country.code, str(country.name)) for country in countries)


class RegisterSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, licence number or company number"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sector = forms.ChoiceField(label=_("Sector"), required=False, widget=PlainSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *STATUS_CHOICES],
        widget=PlainSelect,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        widget=PlainSelect,
        help_text=_("Where the provider is based, recruits from or supplies workers to."),
    )
    location = forms.CharField(label=_("Town or postcode"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Any sector"))] + [
            (s.code, s.name) for s in Sector.objects.filter(is_active=True)
        ]
        # Set here, in the language of the request, rather than copied with the field.
        self.fields["country"].choices = [("", _("Any country")), *_countries_in(get_language())]

    def has_criteria(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=30,
        help_text=_("The 12 letters and numbers printed under the QR code, like 7K2M-9XQ4-AB3D."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class WatchForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send a link to confirm it. We never tell providers who watches them."),
    )
    providers = forms.CharField(
        label=_("Licence numbers to watch"),
        help_text=_("One or more licence numbers, separated by spaces or commas."),
        max_length=2000,
    )


class ConcernForm(forms.Form):
    provider = forms.CharField(
        label=_("Which labour provider is it about?"),
        help_text=_("The name, or the licence number if you know it."),
        max_length=200,
    )
    description = forms.CharField(
        label=_("What happened?"),
        help_text=_(
            "Tell us what happened, where and when. Do not worry about spelling. "
            "You can write in your own language."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10_000,
    )
    contact_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Your email (optional)"), required=False)
    contact_phone = forms.CharField(
        label=_("Your phone number (optional)"), required=False, max_length=40
    )
    # A field people never see; form-filling robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        max_length=LINE,
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class ConcernReferenceForm(forms.Form):
    reference = forms.CharField(
        label=_("Your reference"),
        help_text=_("For example C-7K2M-9XQ4."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ConcernInformationForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like to add?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
    )
