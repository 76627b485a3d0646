"""An inspector works an inspection on a phone-sized screen in Chromium; axe checks the
inspection pages."""

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import Inspection
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


def no_violations(axe, page):
    violations = axe(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, username):
    page.goto("/office/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Workbench").wait_for()


def test_an_inspector_records_findings_on_a_phone(page, axe, inspector, decision_maker):
    edition = make_edition({"2.3": (8, False), "7.1": (30, True)})
    inspection = services.inspection_schedule(
        actor=decision_maker,
        kind=Inspection.Kind.COMPLIANCE_RANDOM,
        licence=LicenceFactory(),
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    services.concern_report(provider_name="Somebody", description="x", language="en")
    services.risk_scores_refresh()
    page.set_viewport_size(PHONE)
    sign_in(page, "inspector")
    page.goto(f"/office/inspections/{inspection.reference}/")
    page.get_by_role("button", name="Start the visit").click()
    page.get_by_label("Date of the visit").fill(str(timezone.localdate()))
    page.get_by_label("Workers employed").fill("30")
    page.get_by_label("Workers interviewed").fill("3")
    page.get_by_role("button", name="Save the visit record").click()
    no_violations(axe, page)

    page.get_by_role("link", name="Record findings for section 1").click()
    page.get_by_role("group", name="2.3 Standard 2.3").get_by_label("Not compliant").check()
    page.get_by_role("button", name="Save").first.click()
    assert "describe the evidence for a failure" in page.content()
    no_violations(axe, page)
    page.get_by_label("Evidence notes for 2.3").fill("No payslips.")
    page.get_by_role("group", name="7.1 Standard 7.1").get_by_label("Compliant", exact=True).check()
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("button", name="Submit for review").click()
    assert "Report submitted for review" in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.SUBMITTED and inspection.failed_points == 8
    assert edition.standards.count() == 2

    for path in ("/office/inspections/", "/office/inspections/risk/"):
        page.goto(path)
        no_violations(axe, page)
