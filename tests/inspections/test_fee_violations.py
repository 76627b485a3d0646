from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from inspections import services
from inspections.models import FeeViolation
from inspections.selectors import fee_violation_totals
from licensing.workflow import ServiceError
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, started_inspection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]


@pytest.fixture
def inspection(db, decision_maker, inspector):
    make_edition({"7.1": (30, True)})
    return started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )


def record(inspection, inspector, amount, currency, **kwargs):
    values = {
        "inspection": inspection,
        "actor": inspector,
        "subcategory": "matching_placement",
        "amount": amount,
        "currency": currency,
        "workers_affected": 3,
        "collected_by": "sub_agent",
        "country": "RO",
        "charged_on": date(2026, 3, 1),
    }
    values.update(kwargs)
    return services.fee_violation_record(**values)


def test_bad_input_is_explained(inspection, inspector):
    with pytest.raises(ServiceError, match="ISO 4217"):
        record(inspection, inspector, "100", "XXX")
    with pytest.raises(ServiceError, match="two decimal places"):
        record(inspection, inspector, "100.005", "EUR")
    with pytest.raises(ServiceError, match="not in the category"):
        record(inspection, inspector, "100", "EUR", category="illegitimate")
    with pytest.raises(ServiceError, match="more than zero"):
        record(inspection, inspector, "-5", "EUR")
    assert FeeViolation.objects.count() == 0


def test_the_category_comes_from_the_type_and_amounts_stay_exact(inspection, inspector):
    violation = record(inspection, inspector, "0.10", "eur", subcategory="bonds")
    violation.refresh_from_db()
    assert violation.category == "illegitimate"
    assert violation.currency == "EUR"
    assert violation.amount == Decimal("0.10")
    assert violation.provider == inspection.provider
    assert violation.standard_code == "7.1"


def test_remedy_goes_from_ordered_to_partly_repaid_to_repaid(inspection, inspector, decision_maker):
    violation = record(inspection, inspector, "900.00", "EUR")
    with pytest.raises(PermissionDenied):
        services.fee_violation_order_repayment(
            violation=violation,
            actor=inspector,
            amount="900",
            deadline=timezone.localdate() + timedelta(days=30),
        )
    services.fee_violation_order_repayment(
        violation=violation,
        actor=decision_maker,
        amount="900",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    services.repayment_record(
        violation=violation, actor=inspector, amount="300", paid_on=timezone.localdate()
    )
    violation.refresh_from_db()
    assert violation.state == FeeViolation.State.PARTLY_REPAID
    assert violation.outstanding == Decimal("600.00")
    repayment = services.repayment_record(
        violation=violation,
        actor=inspector,
        amount="600",
        paid_on=timezone.localdate(),
        confirmed_by_workers=True,
    )
    violation.refresh_from_db()
    assert violation.state == FeeViolation.State.REPAID
    assert violation.workers_confirmed_at is None, "the first repayment is not confirmed yet"
    first = violation.repayments.exclude(pk=repayment.pk).get()
    services.repayment_confirm(repayment=first, actor=inspector)
    violation.refresh_from_db()
    assert violation.workers_confirmed_at is not None


def test_an_unpaid_order_past_its_deadline_becomes_overdue(inspection, inspector, decision_maker):
    violation = record(inspection, inspector, "500", "PLN")
    services.fee_violation_order_repayment(
        violation=violation, actor=decision_maker, amount="500", deadline=timezone.localdate()
    )
    FeeViolation.objects.filter(pk=violation.pk).update(
        repayment_deadline=timezone.localdate() - timedelta(days=1)
    )
    assert services.fee_violations_mark_overdue() == 1
    assert services.fee_violations_mark_overdue() == 0
    violation.refresh_from_db()
    assert violation.state == FeeViolation.State.OVERDUE


def test_totals_are_per_currency_and_never_mixed(inspection, inspector, decision_maker):
    euros = record(inspection, inspector, "900.00", "EUR")
    record(inspection, inspector, "100.50", "EUR")
    zloty = record(inspection, inspector, "2000", "PLN")
    services.fee_violation_order_repayment(
        violation=euros,
        actor=decision_maker,
        amount="900",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    services.fee_violation_order_repayment(
        violation=zloty,
        actor=decision_maker,
        amount="2000",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    services.repayment_record(
        violation=zloty, actor=inspector, amount="750.25", paid_on=timezone.localdate()
    )
    other_provider = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    record(other_provider, inspector, "40", "GBP")

    totals = {t.currency: t for t in fee_violation_totals(provider=inspection.provider)}
    assert set(totals) == {"EUR", "PLN"}
    assert totals["EUR"].charged == Decimal("1000.50")
    assert totals["EUR"].ordered == Decimal("900.00")
    assert totals["EUR"].repaid == Decimal("0")
    assert totals["PLN"].charged == Decimal("2000.00")
    assert totals["PLN"].repaid == Decimal("750.25")
    assert totals["PLN"].outstanding == Decimal("1249.75")
    assert totals["EUR"].workers_affected == 6

    register = {t.currency: t for t in fee_violation_totals()}
    assert set(register) == {"EUR", "GBP", "PLN"}
    assert register["GBP"].charged == Decimal("40.00")
