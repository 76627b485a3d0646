from django import template

from core.money import money as format_money

register = template.Library()


@register.filter
def money(amount, currency="GBP"):
    """``{{ fee.total|money:fee.currency }}`` reads "£2,050.00"."""
    return format_money(amount, currency)


@register.filter
def money_whole(amount, currency="GBP"):
    """``{{ band.min_turnover|money_whole:band.currency }}`` reads "£1,000,000"."""
    return format_money(amount, currency, whole=True)
