"""Amounts of money as people read them: the currency's symbol and the reader's number format
("£850,000", "1 200,50 zł"), never a bare "850000.00"."""

from decimal import Decimal

from django.utils.formats import number_format

# Symbols written before the amount; any other currency is shown by its ISO 4217 code.
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "CAD": "$", "AUD": "$", "SGD": "S$"}


def format_money(amount, currency: str = "") -> str:
    """`amount` with thousands separators in the active language's format; whole amounts
    without decimals, others with two. An empty amount is an empty string."""
    if amount is None or amount == "":
        return ""
    value = Decimal(str(amount))
    places = 0 if value == value.to_integral_value() else 2
    figure = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    currency = (currency or "").upper()
    if currency in SYMBOLS:
        sign = "-" if figure.startswith("-") else ""
        return f"{sign}{SYMBOLS[currency]}{figure.lstrip('-')}"
    return f"{figure} {currency}".strip()
