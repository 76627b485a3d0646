"""The applicant's answers as an officer reads them: questions in words, sectors, roles and
countries by name, money with its currency, dates in the reader's format, never the codes
that the portal stores."""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.money import money as format_money
from registry.models import ProviderRole, Sector

# Declarations an officer must not miss when they are answered "yes".
FLAGGED_ANSWERS = {"unspent_convictions", "previous_refusal"}

STEPS = {
    "business": _("Business"),
    "activities": _("Activities"),
    "people": _("Named individuals"),
    "turnover": _("Turnover"),
    "documents": _("Documents"),
}

QUESTIONS = {
    "legal_name": _("Legal name"),
    "trading_names": _("Trading names"),
    "company_number": _("Company or registration number"),
    "tax_reference": _("Tax reference"),
    "registered_address": _("Registered address"),
    "town": _("Town or city"),
    "postcode": _("Postcode"),
    "country": _("Country where the business is based"),
    "operating_address": _("Address operated from"),
    "email": _("Email"),
    "phone": _("Phone"),
    "sectors": _("Sectors"),
    "recruits_from": _("Countries recruited from"),
    "supplies_to": _("Countries supplied to"),
    "full_name": _("Full name"),
    "date_of_birth": _("Date of birth"),
    "role": _("Role"),
    "unspent_convictions": _("Unspent criminal convictions"),
    "previous_refusal": _("Named on a licence that was refused or revoked"),
    "details": _("Details"),
    "turnover": _("Gross annual turnover in the regulated sectors"),
}

YES_NO = {"yes": _("Yes"), "no": _("No")}


def _list(values):
    return values if isinstance(values, list) else [values]


def _country_names(value):
    return ", ".join(countries.name(code) or str(code) for code in _list(value) if code)


def _sector_names(value):
    pks = [pk for pk in _list(value) if str(pk).isdigit()]
    names = dict(Sector.objects.filter(pk__in=pks).values_list("pk", "name"))
    return ", ".join(names.get(int(pk), str(pk)) for pk in pks)


def _day(value):
    try:
        return date_format(date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return value


def _words(key, value, currency):
    if value in ("", None, []):
        return "–"
    if key in ("country", "recruits_from", "supplies_to"):
        return _country_names(value)
    if key == "sectors":
        return _sector_names(value)
    if key == "role":
        return str(dict(ProviderRole.Role.choices).get(value, value))
    if key == "date_of_birth":
        return _day(value)
    if key == "turnover":
        try:
            return format_money(value, currency, whole=True)
        except ArithmeticError:
            return value
    if isinstance(value, str) and value.lower() in YES_NO:
        return str(YES_NO[value.lower()])
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return value


def answer_rows(data, currency=""):
    return [
        {
            "label": str(QUESTIONS.get(key) or key.replace("_", " ").capitalize()),
            "value": _words(key, value, currency),
            "flagged": key in FLAGGED_ANSWERS and str(value).lower() == "yes",
        }
        for key, value in data.items()
    ]


def answers_for_display(answers, currency=""):
    """The applicant's answers by step, as label/value groups (people give one group each)."""
    sections = []
    for step, data in (answers or {}).items():
        if isinstance(data, dict):
            groups = [answer_rows(data, currency)]
        elif isinstance(data, list):
            groups = [answer_rows(item, currency) for item in data if isinstance(item, dict)]
        else:
            groups = [[{"label": str(STEPS.get(step, step)), "value": data, "flagged": False}]]
        title = STEPS.get(step) or step.replace("_", " ").capitalize()
        sections.append({"title": str(title), "groups": groups})
    return sections
