"""Words instead of codes on staff pages: money with its currency, states by their names.

`{{ amount|money:currency }}` (the fee bands' currency when none is given),
`{{ entry|state_change }}` ("Under assessment → Granted")."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

from core.money import money as format_money
from licensing.models import FeeBand

register = template.Library()


@register.filter
def money(amount, currency=""):
    if amount is None or amount == "":
        return "–"
    if not currency:
        currency = FeeBand.objects.values_list("currency", flat=True).first() or ""
    return format_money(amount, currency)


def state_label(object_type: str, value: str) -> str:
    """The name of a stored state of the record type an audit row names."""
    if not value:
        return "–"
    for model in apps.get_models():
        if model._meta.model_name != object_type:
            continue
        try:
            choices = dict(model._meta.get_field("state").flatchoices)
        except FieldDoesNotExist:
            break
        if value in choices:
            return str(choices[value])
        break
    return value.replace("_", " ").capitalize()


@register.filter
def state_change(entry) -> str:
    if not (entry.from_state or entry.to_state):
        return ""
    before = state_label(entry.object_type, entry.from_state)
    after = state_label(entry.object_type, entry.to_state)
    return f"{before} → {after}"
