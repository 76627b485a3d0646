"""Orders to repay workers, as the agency and the office see them."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import FeeViolation, Repayment
from inspections.notifications import PORTAL_ORDERS_PATH
from inspections.remedy_pdfs import WORKER_ANSWER_PATH
from licensing.models import AuditAction, AuditEntry
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, started_inspection
from tests.portal.conftest import pdf_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(agency_a, applicant_a, decision_maker, inspector, django_capture_on_commit_callbacks):
    make_edition({"7.1": (30, True)})
    licence = LicenceFactory(provider=agency_a)
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    violation = services.fee_violation_record(
        inspection=inspection,
        actor=inspector,
        subcategory="travel_lodging",
        amount="600.00",
        currency="PLN",
        workers_affected=2,
        collected_by="provider",
        country="PL",
        charged_on=date(2026, 3, 1),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.fee_violation_order_repayment(
            violation=violation,
            actor=decision_maker,
            amount="600.00",
            deadline=timezone.localdate() + timedelta(days=20),
        )
    return FeeViolation.objects.get(pk=violation.pk)


def test_the_emailed_and_printed_addresses_are_served():
    assert reverse("portal:orders") == PORTAL_ORDERS_PATH
    assert reverse("public_site:repaid") == WORKER_ANSWER_PATH


def test_the_agency_sees_its_order_and_reports_a_repayment_that_staff_accept(
    order, client_for, applicant_a, inspector
):
    assert "/portal/repayment-orders/" in mail.outbox[0].body
    client = client_for(applicant_a)
    home = client.get(reverse("portal:home"))
    assert reverse("portal:order", args=[order.pk]) in home.content.decode()
    listing = client.get(reverse("portal:orders")).content.decode()
    assert "600.00 PLN" in listing
    letter = client.get(reverse("portal:order_letter", args=[order.pk]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    url = reverse("portal:order", args=[order.pk])
    refused = client.post(
        url, {"amount": "600", "paid_on": str(timezone.localdate()), "evidence": ""}
    )
    assert refused.status_code == 400
    response = client.post(
        url,
        {
            "amount": "600",
            "paid_on": str(timezone.localdate()),
            "workers_paid": "2",
            "evidence": pdf_file("transfer.pdf"),
        },
    )
    assert response.status_code == 302
    repayment = Repayment.objects.get(violation=order)
    assert repayment.state == Repayment.State.SUBMITTED

    office = client_for(inspector)
    page = office.get(reverse("office:violation", args=[order.pk])).content.decode()
    assert reverse("office:repayment_accept", args=[order.pk, repayment.pk]) in page
    evidence = office.get(reverse("office:repayment_evidence", args=[order.pk, repayment.pk]))
    assert evidence.status_code == 200
    office.post(reverse("office:repayment_accept", args=[order.pk, repayment.pk]))
    order.refresh_from_db()
    assert order.state == FeeViolation.State.REPAID
    assert AuditEntry.objects.filter(action=AuditAction.REPAYMENT_ACCEPTED).exists()
    slips = office.post(reverse("office:worker_slips", args=[order.pk]))
    assert slips.status_code == 200 and slips.content.startswith(b"%PDF")
    assert order.worker_codes.count() == 2


def test_another_agency_cannot_see_the_order(order, client_for, applicant_b):
    client = client_for(applicant_b)
    assert client.get(reverse("portal:order", args=[order.pk])).status_code == 404
    assert client.get(reverse("portal:order_letter", args=[order.pk])).status_code == 404
    assert "PLN" not in client.get(reverse("portal:orders")).content.decode()


def test_staff_query_a_repayment_and_the_agency_sees_the_question(
    order, client_for, applicant_a, inspector, django_capture_on_commit_callbacks
):
    repayment = services.repayment_report(
        violation=order,
        actor=applicant_a,
        amount="100",
        paid_on=timezone.localdate(),
        evidence=pdf_file("transfer.pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_for(inspector).post(
            reverse("office:repayment_query", args=[order.pk, repayment.pk]),
            {"query": "The transfer names another account holder."},
        )
    assert "another account holder" in mail.outbox[-1].body
    page = client_for(applicant_a).get(reverse("portal:order", args=[order.pk]))
    assert "The transfer names another account holder." in page.content.decode()
