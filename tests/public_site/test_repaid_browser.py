"""The workers' confirmation page in a real browser, in English and Polish, with axe-core:
no JavaScript of ours is needed, and every step passes WCAG 2.2 AA."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page

from inspections import services
from inspections.models import WorkerCode
from tests.factories import UserFactory
from tests.inspections.factories import make_edition, started_inspection
from tests.public_site.factories import licensed_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def codes():
    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    make_edition({"7.1": (30, True)})
    licence = licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    # Transactional tests may have flushed the groups a data migration made: a superuser
    # stands in for the staff who record the violation and print the slips.
    boss = inspector = UserFactory(username="boss", is_superuser=True)
    inspection = started_inspection(scheduler=boss, inspector=inspector, licence=licence)
    violation = services.fee_violation_record(
        inspection=inspection,
        actor=inspector,
        subcategory="matching_placement",
        amount="400.00",
        currency="PLN",
        workers_affected=2,
        collected_by="provider",
        country="PL",
        charged_on=date(2026, 3, 1),
    )
    services.fee_violation_order_repayment(
        violation=violation,
        actor=boss,
        amount="400.00",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    return [
        code for _slip, code in services.worker_slips_issue(violation=violation, actor=inspector)
    ]


def answer(page, axe, code, choice):
    page.goto("/repaid/")
    assert axe(page) == []
    page.fill("input[name=code]", code)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    # Polish writes the amount with a decimal comma.
    assert re.search(r"200[.,]00\s*PLN", page.content())
    assert axe(page) == []
    page.check(f"input[name=answer][value={choice}]")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[role=status]").is_visible()
    assert axe(page) == []


def test_workers_answer_in_english_and_polish_without_axe_violations(codes, page, axe):
    page.goto("/repaid/")
    page.fill("input[name=code]", "WRONG-CODE1")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert axe(page) == []

    answer(page, axe, codes[0], "repaid")

    page.select_option("#language-select", "pl")
    page.click("form.language-switcher button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "pl"
    answer(page, axe, codes[1], "not_repaid")
    assert sorted(WorkerCode.objects.values_list("answer", flat=True)) == ["not_repaid", "repaid"]
