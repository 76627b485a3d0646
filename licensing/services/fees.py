"""Fees: the band and amounts due, payment requests, and payments received."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.models import Application, AuditAction, FeeBand, FeePayment, random_code
from licensing.workflow import (
    ServiceError,
    audit,
    lock,
    require_member_or_perm,
    require_office,
    transition,
)

RECORD_FEE = "licensing.record_fee"


def fees_for(*, kind: str, turnover: Decimal) -> tuple[FeeBand, Decimal, Decimal]:
    """The band, application fee and inspection fee for a declared turnover."""
    try:
        band = FeeBand.for_turnover(turnover)
    except FeeBand.DoesNotExist as exc:
        raise ServiceError(_("No fee band covers that turnover.")) from exc
    inspection_fee = band.inspection_fee if kind == Application.Kind.NEW else Decimal("0")
    application_fee = (
        band.application_fee
        if kind in (Application.Kind.NEW, Application.Kind.RENEWAL)
        else Decimal("0")
    )
    return band, application_fee, inspection_fee


def pending_payments_cancel(application, *, actor) -> None:
    """Cancel the application's unpaid payment requests (inside the caller's transaction)."""
    for payment in application.payments.select_for_update().filter(state=FeePayment.State.PENDING):
        transition(payment, "cancel", actor=actor)


def fee_payment_request(*, application, actor, method: str) -> FeePayment:
    """Create (or return the open) payment request for the fee due."""
    require_member_or_perm(actor, application.provider, RECORD_FEE)
    with transaction.atomic():
        application = lock(application)
        refusal = application.fee_payment_refusal()
        if refusal:
            raise ServiceError(refusal)
        pending = application.payments.filter(state=FeePayment.State.PENDING).first()
        if pending and pending.method == method:
            return pending
        pending_payments_cancel(application, actor=actor)
        payment = FeePayment.objects.create(
            application=application,
            method=method,
            reference="LP" + random_code(10),
            amount=application.total_fee,
            currency=application.fee_currency,
        )
        audit(
            actor=actor,
            action=AuditAction.PAYMENT_REQUESTED,
            obj=application,
            data={"payment": payment.reference, "amount": str(payment.amount), "method": method},
        )
    return payment


def fee_payment_received(*, payment, actor) -> FeePayment:
    """Record that a fee payment arrived; the application's fee is then received. `actor` is
    None when the payment provider itself confirms the payment."""
    if actor is not None:
        require_office(actor, RECORD_FEE, payment.application.provider)
    with transaction.atomic():
        # The application first, as every other fee service locks it: one order, no deadlock.
        application = lock(payment.application)
        payment = lock(payment)
        transition(
            payment,
            "mark_received",
            actor=actor,
            data={"payment": payment.reference, "amount": str(payment.amount)},
        )
        if application.fee_received_at is None:
            application.fee_received_at = payment.received_at
            application.version += 1
            application.save(update_fields=["fee_received_at", "version", "updated_at"])
        notifications.fee_received(application)
    return payment
