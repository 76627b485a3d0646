"""Repayment orders from the provider's side, the workers' slips and the reminders."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspections import services
from inspections.models import Concern, FeeViolation, OrderReminder, Repayment, WorkerCode
from licensing import fast_track
from licensing.models import AuditAction, AuditEntry
from licensing.workflow import ServiceError
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, started_inspection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]

PDF = b"%PDF-1.4 bank transfer record\n%%EOF"


def evidence():
    return SimpleUploadedFile("transfer.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def licence(agency_a, applicant_a):
    return LicenceFactory(provider=agency_a)


@pytest.fixture
def order(licence, decision_maker, inspector, django_capture_on_commit_callbacks):
    make_edition({"7.1": (30, True)})
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    violation = services.fee_violation_record(
        inspection=inspection,
        actor=inspector,
        subcategory="matching_placement",
        amount="900.00",
        currency="EUR",
        workers_affected=3,
        collected_by="provider",
        country="RO",
        charged_on=date(2026, 3, 1),
        worker_names="PLANTED-WORKER-NAME Ion Popescu",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.fee_violation_order_repayment(
            violation=violation,
            actor=decision_maker,
            amount="900",
            deadline=timezone.localdate() + timedelta(days=30),
        )
    violation.refresh_from_db()
    return violation


def test_the_provider_is_emailed_when_a_repayment_is_ordered(order, applicant_a):
    assert len(mail.outbox) == 1
    assert "pa@anglia.example" in mail.outbox[0].to or "office@anglia.example" in mail.outbox[0].to
    assert "900 EUR" in mail.outbox[0].body
    assert "/portal/repayment-orders/" in mail.outbox[0].body


def test_worker_shares_add_up_to_the_order():
    shares = services.worker_shares(Decimal("100.00"), 3)
    assert shares == [Decimal("33.33"), Decimal("33.33"), Decimal("33.34")]
    assert sum(shares) == Decimal("100.00")


def test_order_from_creation_to_repaid_with_worker_confirmation(
    order, applicant_a, inspector, applicant_b
):
    with pytest.raises(Exception):  # noqa: B017 - another agency's user may not report
        services.repayment_report(
            violation=order,
            actor=applicant_b,
            amount="900",
            paid_on=timezone.localdate(),
            evidence=evidence(),
        )
    repayment = services.repayment_report(
        violation=order,
        actor=applicant_a,
        amount="900",
        paid_on=timezone.localdate(),
        evidence=evidence(),
    )
    order.refresh_from_db()
    assert repayment.state == Repayment.State.SUBMITTED
    assert order.repaid == 0 and order.state == FeeViolation.State.ORDERED
    services.repayment_accept(repayment=repayment, actor=inspector)
    order.refresh_from_db()
    assert order.state == FeeViolation.State.REPAID
    assert order.workers_confirmed_at is None

    issued = services.worker_slips_issue(violation=order, actor=inspector)
    assert [slip.amount for slip, _code in issued] == [Decimal("300.00")] * 3
    codes = [code for _slip, code in issued]
    assert len(set(codes)) == 3 and all(len(c.replace("-", "")) == 10 for c in codes)
    # Only the hash is kept.
    assert not WorkerCode.objects.filter(code_hash__in=codes).exists()
    for code in codes:
        services.worker_answer(code=code.lower().replace("-", " "), answer="repaid")
    order.refresh_from_db()
    assert order.workers_confirmed_at is not None
    with pytest.raises(ServiceError, match="already"):
        services.worker_answer(code=codes[0], answer="not_repaid")
    actions = list(AuditEntry.objects.filter(object_id=order.pk).values_list("action", flat=True))
    assert (
        AuditAction.REPAYMENT_ACCEPTED in actions
        or AuditEntry.objects.filter(action=AuditAction.REPAYMENT_ACCEPTED).exists()
    )
    assert actions.count(AuditAction.WORKER_ANSWERED) == 3
    assert Concern.objects.count() == 0


def test_a_queried_repayment_does_not_count(order, applicant_a, inspector):
    repayment = services.repayment_report(
        violation=order,
        actor=applicant_a,
        amount="900",
        paid_on=timezone.localdate(),
        evidence=evidence(),
    )
    with pytest.raises(ServiceError, match="Say what is wrong"):
        services.repayment_query(repayment=repayment, actor=inspector, query=" ")
    services.repayment_query(repayment=repayment, actor=inspector, query="Transfer is to ACME")
    repayment = Repayment.objects.get(pk=repayment.pk)
    order.refresh_from_db()
    assert repayment.state == Repayment.State.QUERIED
    assert order.repaid == 0
    assert AuditEntry.objects.filter(action=AuditAction.REPAYMENT_QUERIED).exists()


def test_evidence_goes_through_the_upload_checks(order, applicant_a):
    fake = SimpleUploadedFile("transfer.pdf", b"<html>not a pdf</html>")
    with pytest.raises(ServiceError, match="PDF, JPEG or PNG"):
        services.repayment_report(
            violation=order,
            actor=applicant_a,
            amount="10",
            paid_on=timezone.localdate(),
            evidence=fake,
        )
    assert not Repayment.objects.exists()


def test_a_disputed_repayment_opens_a_concern(order, inspector):
    issued = services.worker_slips_issue(violation=order, actor=inspector)
    slip = services.worker_answer(code=issued[0][1], answer="asked_back", language="pl")
    slip.refresh_from_db()
    assert slip.concern is not None
    assert slip.concern.provider == order.provider
    assert slip.concern.language == "pl"
    assert "PLANTED-WORKER-NAME" not in slip.concern.description
    services.worker_answer(code=issued[1][1], answer="not_repaid")
    assert Concern.objects.filter(provider=order.provider).count() == 2


def test_printing_again_withdraws_unanswered_slips(order, inspector):
    first = services.worker_slips_issue(violation=order, actor=inspector)
    services.worker_answer(code=first[0][1], answer="repaid")
    second = services.worker_slips_issue(violation=order, actor=inspector)
    with pytest.raises(ServiceError, match="not valid"):
        services.worker_answer(code=first[1][1], answer="repaid")
    assert [slip.number for slip, _ in second] == [2, 3, 4]


def test_overdue_order_is_reminded_once_raises_risk_and_blocks_fast_track(
    order, licence, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    assert fast_track.eligibility(licence).reasons == []
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.repayment_reminders_send(today=order.repayment_deadline - timedelta(5)) == 1
        assert services.repayment_reminders_send(today=order.repayment_deadline - timedelta(4)) == 0
    assert len(mail.outbox) == 1 and "Reminder" in mail.outbox[0].subject
    services.risk_scores_refresh()
    before = licence.risk.score
    FeeViolation.objects.filter(pk=order.pk).update(repayment_deadline=today - timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.fee_violations_mark_overdue() == 1
        assert services.repayment_reminders_send() == 1
        assert services.repayment_reminders_send() == 0
    assert len(mail.outbox) == 2 and "overdue" in mail.outbox[1].subject
    assert OrderReminder.objects.filter(violation=order).count() == 2
    licence.risk.refresh_from_db()
    assert licence.risk.score > before
    eligibility = fast_track.eligibility(licence)
    assert not eligibility.qualifies
    assert any("overdue" in reason for reason in eligibility.reasons)
