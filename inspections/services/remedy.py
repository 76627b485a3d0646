"""Remedy for workers: repayments the provider reports and staff accept or query, reminders
of repayment orders, and the slips with which workers say whether they were repaid."""

from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.limits import SHORT_TEXT
from core.pagecache import register_changed
from inspections.models import (
    FeeViolation,
    OrderReminder,
    Repayment,
    WorkerCode,
    new_worker_code,
    secret_hash,
)
from inspections.notifications import notify_query, notify_reminder
from inspections.services.concerns import concern_report
from inspections.services.fee_violations import _decimal, note_workers_confirmed
from inspections.services.risk import refresh_risk_on_commit
from licensing.models import AuditAction
from licensing.uploads import validate_upload
from licensing.workflow import ServiceError, audit, lock, require_member, require_perm, transition

ORDER_DUE_SOON_DAYS = 7


def worker_shares(total: Decimal, workers: int) -> list[Decimal]:
    """The order split evenly between the workers, to the cent; the last share takes the
    remainder so the shares add up to the order exactly."""
    workers = max(int(workers or 1), 1)
    share = (total / workers).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    return [share] * (workers - 1) + [total - share * (workers - 1)]


# Repayments the provider reports.


def repayment_report(
    *,
    violation,
    actor,
    amount,
    paid_on: date,
    evidence,
    workers_paid: int | None = None,
    notes: str = "",
) -> Repayment:
    """The provider reports a repayment with its evidence (a bank transfer record); it counts
    towards the order once staff accept it."""
    require_member(actor, violation.provider)
    amount = _decimal(amount, field=_("The amount repaid"))
    if paid_on is None or paid_on > timezone.localdate():
        raise ServiceError(_("Give the date of the repayment (not in the future)."))
    if evidence is None:
        raise ServiceError(_("Add the evidence of the repayment, such as a bank transfer record."))
    try:
        content_type = validate_upload(evidence)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages)) from exc
    with transaction.atomic():
        violation = lock(violation)
        if violation.state not in FeeViolation.UNPAID_STATES:
            raise ServiceError(_("This order is not open for repayments."))
        repayment = Repayment.objects.create(
            violation=violation,
            amount=amount,
            paid_on=paid_on,
            workers_paid=workers_paid,
            notes=(notes or "").strip(),
            recorded_by=actor,
            evidence=evidence,
            evidence_name=(getattr(evidence, "name", "") or "evidence")[:255],
            evidence_type=content_type,
        )
        audit(
            actor=actor,
            action=AuditAction.REPAYMENT_REPORTED,
            obj=violation,
            data={"repayment": repayment.pk, "amount": str(amount), "currency": violation.currency},
        )
    return repayment


def repayment_accept(*, repayment, actor) -> Repayment:
    """Staff accept a reported repayment: it counts towards the order from now on."""
    require_perm(actor, "inspections.record_findings")
    with transaction.atomic():
        violation = lock(repayment.violation)
        repayment = lock(repayment)
        # Public: the provider's register page shows what it repaid to workers in total.
        transition(
            repayment,
            "accept",
            actor=actor,
            public=True,
            data={"amount": str(repayment.amount), "currency": violation.currency},
        )
        register_changed()
        transition(
            violation,
            "repayment_made",
            actor=actor,
            data={"amount": str(repayment.amount), "currency": violation.currency},
        )
        note_workers_confirmed(violation)
        refresh_risk_on_commit(violation.provider_id)
    return repayment


def repayment_query(*, repayment, actor, query: str) -> Repayment:
    """Staff do not accept a reported repayment as it stands and ask the provider about it."""
    require_perm(actor, "inspections.record_findings")
    with transaction.atomic():
        repayment = lock(repayment)
        repayment.query = (query or "").strip()[:SHORT_TEXT]
        transition(repayment, "query_evidence", actor=actor, reason=repayment.query)
        notify_query(repayment)
    return repayment


# Reminders.


def repayment_reminders_send(*, today: date | None = None) -> int:
    """Remind the provider a week before an unpaid order's deadline, and once when it passed.

    Each reminder is recorded per order, kind and deadline in the transaction that queues the
    email, so running the job twice sends nothing twice.
    """
    today = today or timezone.localdate()
    unpaid = FeeViolation.objects.filter(state__in=FeeViolation.UNPAID_STATES).select_related(
        "provider"
    )
    batches = [
        (
            OrderReminder.Kind.DUE_SOON,
            unpaid.filter(
                repayment_deadline__gte=today,
                repayment_deadline__lte=today + timedelta(days=ORDER_DUE_SOON_DAYS),
            ),
        ),
        (OrderReminder.Kind.OVERDUE, unpaid.filter(repayment_deadline__lt=today)),
    ]
    sent = 0
    for kind, violations in batches:
        for violation in violations:
            try:
                with transaction.atomic():
                    OrderReminder.objects.create(
                        violation=violation, kind=kind, deadline=violation.repayment_deadline
                    )
                    audit(
                        actor=None,
                        action=AuditAction.REPAYMENT_REMINDER_SENT,
                        obj=violation,
                        data={"kind": kind, "deadline": str(violation.repayment_deadline)},
                    )
                    notify_reminder(violation, kind)
            except IntegrityError:
                continue
            sent += 1
    return sent


# Workers' slips and their answers.


def worker_slips_issue(*, violation, actor) -> list[tuple[WorkerCode, str]]:
    """Issue one slip per worker owed money, each with its own code; returns the slips and
    their codes, which exist nowhere else (only their hashes are kept). Printing again
    withdraws the slips not yet answered, so only the newest print works."""
    require_perm(actor, "inspections.record_findings")
    with transaction.atomic():
        violation = lock(violation)
        if violation.repayment_ordered is None:
            raise ServiceError(_("Order the repayment first: the slips show what is owed."))
        violation.worker_codes.filter(answer="", withdrawn=False).update(withdrawn=True)
        answered = violation.worker_codes.exclude(answer="").count()
        issued = []
        shares = worker_shares(violation.repayment_ordered, violation.workers_affected)
        for number, share in enumerate(shares, start=1):
            code = new_worker_code()
            slip = WorkerCode.objects.create(
                violation=violation,
                number=answered + number,
                code_hash=secret_hash(code),
                amount=share,
                issued_by=actor,
            )
            issued.append((slip, code))
        audit(
            actor=actor,
            action=AuditAction.WORKER_SLIPS_ISSUED,
            obj=violation,
            data={"slips": len(issued)},
        )
    return issued


def worker_slip_for(code: str) -> WorkerCode | None:
    """The slip with this code, if it is still open for an answer."""
    if not code or len(code) > 40:
        return None
    return (
        WorkerCode.objects.select_related("violation__provider")
        .filter(code_hash=secret_hash(code), withdrawn=False)
        .first()
    )


def worker_answer(*, code: str, answer: str, language: str = "") -> WorkerCode:
    """A worker answers with the code from their slip: repaid, not repaid, or asked to pay
    it back. Each code answers once. A dispute opens a concern about the provider; the
    concern and the audit row name the slip, never the worker."""
    if answer not in WorkerCode.Answer.values or not answer:
        raise ServiceError(_("Choose one of the answers."))
    with transaction.atomic():
        slip = worker_slip_for(code)
        if slip is None:
            raise ServiceError(_("This code is not valid. Check it against your slip."))
        slip = WorkerCode.objects.select_for_update().get(pk=slip.pk)
        if slip.answer:
            raise ServiceError(_("This code has already been used to answer."))
        slip.answer = answer
        slip.answered_at = timezone.now()
        if answer in WorkerCode.DISPUTES:
            violation = slip.violation
            with translation.override(settings.LANGUAGE_CODE):
                description = _(
                    "A worker answered with slip %(number)d of the repayment order on "
                    "recruitment-fee violation %(violation)d: “%(answer)s”."
                ) % {
                    "number": slip.number,
                    "violation": violation.pk,
                    "answer": WorkerCode.Answer(answer).label,
                }
            slip.concern = concern_report(
                provider=violation.provider,
                provider_name=violation.provider.legal_name,
                description=description,
                language=language or settings.LANGUAGE_CODE,
            )
        slip.save(update_fields=["answer", "answered_at", "concern"])
        audit(
            actor=None,
            action=AuditAction.WORKER_ANSWERED,
            obj=slip.violation,
            data={"slip": slip.number, "answer": answer},
        )
        if answer == WorkerCode.Answer.REPAID:
            note_workers_confirmed(lock(slip.violation))
    return slip
