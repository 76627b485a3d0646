"""Recruitment fees charged to workers: recording them, ordering repayment, and repayments."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pagecache import register_changed
from inspections.currencies import ISO_4217, normalise_currency
from inspections.models import FeeSubcategory, FeeViolation, Repayment, category_of
from inspections.notifications import notify_order
from inspections.services.risk import refresh_risk_on_commit
from licensing.models import AuditAction
from licensing.workflow import (
    ServiceError,
    audit,
    lock,
    require_independent,
    require_office,
    require_perm,
    transition,
)


def _decimal(value, *, field: str) -> Decimal:
    try:
        amount = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, TypeError) as exc:
        raise ServiceError(
            _("%(field)s must be an amount, like 350.00.") % {"field": field}
        ) from exc
    if not amount.is_finite() or amount <= 0:
        raise ServiceError(_("%(field)s must be more than zero.") % {"field": field})
    if amount != amount.quantize(Decimal("0.01")):
        raise ServiceError(_("%(field)s can have at most two decimal places.") % {"field": field})
    return amount


def fee_violation_record(
    *,
    actor,
    subcategory: str,
    amount,
    currency: str,
    workers_affected: int,
    collected_by: str,
    country: str,
    charged_on: date,
    inspection=None,
    concern=None,
    category: str = "",
    evidence: str = "",
    standard_code: str = "7.1",
    worker_names: str = "",
) -> FeeViolation:
    """Record recruitment fees or related costs charged to workers, found on an inspection or
    reported in a concern."""
    require_perm(actor, "inspections.record_findings")
    if inspection is None and concern is None:
        raise ServiceError(_("A violation is found on an inspection or reported in a concern."))
    provider = inspection.provider if inspection is not None else concern.provider
    require_independent(actor, provider)
    if provider is None:
        raise ServiceError(_("Link the concern to a labour provider first."))
    derived = category_of(subcategory)
    if not derived:
        raise ServiceError(_("Choose what the workers were charged for."))
    if category and category != derived:
        raise ServiceError(
            _("“%(type)s” is not in the category you chose.")
            % {"type": FeeSubcategory(subcategory).label}
        )
    amount = _decimal(amount, field=_("The amount"))
    currency = normalise_currency(currency)
    if currency not in ISO_4217:
        raise ServiceError(_("Give the currency as an ISO 4217 code, like GBP, EUR or PLN."))
    if not workers_affected or int(workers_affected) < 1:
        raise ServiceError(_("Say how many workers were affected (at least one)."))
    if collected_by not in FeeViolation.CollectedBy.values:
        raise ServiceError(_("Say who collected the money."))
    if not country:
        raise ServiceError(_("Say in which country the money was charged."))
    if charged_on is None or charged_on > timezone.localdate():
        raise ServiceError(_("Give the date the money was charged (not in the future)."))
    with transaction.atomic():
        violation = FeeViolation.objects.create(
            provider=provider,
            inspection=inspection,
            concern=concern,
            category=derived,
            subcategory=subcategory,
            amount=amount,
            currency=currency,
            workers_affected=int(workers_affected),
            collected_by=collected_by,
            country=country,
            charged_on=charged_on,
            evidence=evidence.strip(),
            standard_code=standard_code.strip() or "7.1",
            worker_names=worker_names.strip(),
            recorded_by=actor,
        )
        audit(
            actor=actor,
            action=AuditAction.FEE_VIOLATION_RECORDED,
            obj=violation,
            data={"amount": str(amount), "currency": currency, "workers": int(workers_affected)},
        )
        refresh_risk_on_commit(violation.provider_id)
    return violation


def fee_violation_order_repayment(
    *, violation, actor, amount, deadline: date, expected_version=None
) -> FeeViolation:
    require_office(actor, "inspections.order_repayment", violation.provider)
    amount = _decimal(amount, field=_("The repayment"))
    if deadline is None or deadline < timezone.localdate():
        raise ServiceError(_("Give a repayment deadline that has not passed."))
    with transaction.atomic():
        violation = lock(violation, expected_version)
        if amount > violation.amount:
            raise ServiceError(_("The repayment ordered cannot exceed the amount charged."))
        violation.repayment_ordered = amount
        violation.repayment_deadline = deadline
        transition(
            violation,
            "order_repayment",
            actor=actor,
            data={"amount": str(amount), "currency": violation.currency, "by": str(deadline)},
        )
        notify_order(violation)
        refresh_risk_on_commit(violation.provider_id)
    return violation


def repayment_record(
    *,
    violation,
    actor,
    amount,
    paid_on: date,
    workers_paid: int | None = None,
    confirmed_by_workers: bool = False,
    notes: str = "",
) -> Repayment:
    """Record money returned to workers, in the currency they were charged in."""
    require_office(actor, "inspections.record_findings", violation.provider)
    amount = _decimal(amount, field=_("The amount repaid"))
    if paid_on is None or paid_on > timezone.localdate():
        raise ServiceError(_("Give the date of the repayment (not in the future)."))
    with transaction.atomic():
        violation = lock(violation)
        repayment = Repayment.objects.create(
            violation=violation,
            amount=amount,
            paid_on=paid_on,
            workers_paid=workers_paid,
            confirmed_by_workers=confirmed_by_workers,
            notes=notes.strip(),
            recorded_by=actor,
            # Staff record what they verified themselves: accepted from the start.
            state=Repayment.State.ACCEPTED,
        )
        # Public, like an accepted repayment: the register page shows the total repaid.
        transition(
            violation,
            "repayment_made",
            actor=actor,
            public=True,
            data={"amount": str(amount), "currency": violation.currency},
        )
        register_changed()
        note_workers_confirmed(violation)
        refresh_risk_on_commit(violation.provider_id)
    return repayment


def note_workers_confirmed(violation) -> None:
    """Once the order is repaid and the workers confirmed every repayment (staff ticked it, or
    every worker with a slip answered "repaid"), say when."""
    slips = violation.worker_codes.filter(withdrawn=False)
    confirmed_on_slips = slips.exists() and not slips.exclude(answer="repaid").exists()
    accepted = violation.repayments.filter(state=Repayment.State.ACCEPTED)
    if (
        violation.state == FeeViolation.State.REPAID
        and violation.workers_confirmed_at is None
        and (confirmed_on_slips or not accepted.filter(confirmed_by_workers=False).exists())
    ):
        violation.workers_confirmed_at = timezone.now()
        violation.save(update_fields=["workers_confirmed_at"])


def repayment_confirm(*, repayment, actor) -> Repayment:
    """The workers confirmed they received this repayment."""
    require_office(actor, "inspections.record_findings", repayment.violation.provider)
    with transaction.atomic():
        violation = lock(repayment.violation)
        repayment.confirmed_by_workers = True
        repayment.save(update_fields=["confirmed_by_workers"])
        note_workers_confirmed(violation)
        audit(
            actor=actor,
            action=AuditAction.REPAYMENT_CONFIRMED,
            obj=violation,
            data={"repayment": repayment.pk},
        )
    return repayment


def fee_violations_mark_overdue() -> int:
    """Orders not fully repaid by their deadline become overdue (run daily; idempotent)."""
    count = 0
    for pk in FeeViolation.objects.filter(
        state__in=[FeeViolation.State.ORDERED, FeeViolation.State.PARTLY_REPAID],
        repayment_deadline__lt=timezone.localdate(),
    ).values_list("pk", flat=True):
        with transaction.atomic():
            violation = FeeViolation.objects.select_for_update().get(pk=pk)
            if not violation.deadline_passed() or violation.state not in (
                FeeViolation.State.ORDERED,
                FeeViolation.State.PARTLY_REPAID,
            ):
                continue
            transition(violation, "mark_overdue", actor=None)
            # An overdue order weighs more in the provider's risk than an unpaid one.
            refresh_risk_on_commit(violation.provider_id)
            count += 1
    return count
