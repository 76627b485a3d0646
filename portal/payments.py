"""How an agency pays its fee: a small interface with one class per payment provider.

A provider turns a ``FeePayment`` request into instructions for the payer. Bank transfer
leaves the payment pending until staff record it in the office; the test provider (only
in development, or where ``PAYMENT_TEST_PROVIDER_ENABLED`` is set) records it at once.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from licensing import services
from licensing.models import FeePayment

DEFAULT_BANK_DETAILS = {
    "account_name": "Labour Provider Licensing Authority",
    "sort_code": "00-00-00",
    "account_number": "00000000",
    "iban": "",
}


@dataclass
class Instructions:
    """What the payer sees after choosing a way to pay."""

    heading: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    paid: bool = False


class PaymentProvider:
    method: str
    label = ""
    description = ""

    @classmethod
    def is_available(cls) -> bool:
        return True

    def start(self, payment: FeePayment) -> Instructions:
        raise NotImplementedError


class BankTransfer(PaymentProvider):
    method = FeePayment.Method.BANK_TRANSFER
    label = gettext_lazy("Bank transfer")
    description = gettext_lazy(
        "Pay from your business bank account using the payment reference we give you. "
        "We record the payment when it reaches us, usually within 3 working days."
    )

    def start(self, payment):
        details = {**DEFAULT_BANK_DETAILS, **getattr(settings, "PAYMENT_BANK_DETAILS", {})}
        lines = [
            (_("Payment reference"), payment.reference),
            (_("Amount"), f"{payment.amount} {payment.currency}"),
            (_("Account name"), details["account_name"]),
            (_("Sort code"), details["sort_code"]),
            (_("Account number"), details["account_number"]),
        ]
        if details.get("iban"):
            lines.append((_("IBAN"), details["iban"]))
        return Instructions(
            heading=_("Pay by bank transfer"),
            lines=lines,
            note=_(
                "Use the payment reference exactly as shown, or we cannot match your payment. "
                "Assessment starts only when the fee has reached us."
            ),
        )


class TestProvider(PaymentProvider):
    method = FeePayment.Method.TEST
    label = gettext_lazy("Test payment (development only)")
    description = gettext_lazy("Marks the fee as received at once. No money moves.")

    @classmethod
    def is_available(cls) -> bool:
        return bool(settings.DEBUG or getattr(settings, "PAYMENT_TEST_PROVIDER_ENABLED", False))

    def start(self, payment):
        services.fee_payment_received(payment=payment, actor=None)
        return Instructions(
            heading=_("Test payment received"),
            lines=[
                (_("Payment reference"), payment.reference),
                (_("Amount"), f"{payment.amount} {payment.currency}"),
            ],
            paid=True,
        )


PROVIDERS = [BankTransfer, TestProvider]


def available_providers() -> list[type[PaymentProvider]]:
    return [provider for provider in PROVIDERS if provider.is_available()]


def provider_for(method: str) -> PaymentProvider | None:
    for provider in available_providers():
        if provider.method == method:
            return provider()
    return None
