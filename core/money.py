"""Amounts of money in words a reader expects: the currency's symbol and the locale's
thousands separators and decimal mark, never a bare "400.00"."""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def money(amount, currency: str | None = "GBP", *, whole: bool = False) -> str:
    """`amount` with its currency, e.g. "£1,200.00"; `whole` drops the pence (for bands)."""
    if amount in (None, ""):
        return ""
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        return str(amount)
    number = number_format(value, 0 if whole else 2, use_l10n=True, force_grouping=True)
    currency = currency or "GBP"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{number}" if symbol else f"{number} {currency}"
