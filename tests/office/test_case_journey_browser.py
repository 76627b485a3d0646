"""Issue 13: an officer, an inspector and a decision maker take a new application from the
case page to a granted licence in Chromium, following links and workbench lists only (nobody
types a reference), under the policy defaults (four eyes: the decision maker is not the
assessor); axe checks every page on the way."""

from decimal import Decimal

import pytest
from django.utils import timezone

from inspections.models import Inspection
from licensing import services
from licensing.models import Application, AuditEntry, FeeBand
from tests.factories import ApplicationFactory
from tests.inspections.factories import make_edition

pytestmark = [
    pytest.mark.browser,
    pytest.mark.policy_defaults,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(autouse=True)
def fee_bands():
    """Other transactional tests may have flushed the seeded rows; make sure they are there."""
    FeeBand.objects.get_or_create(
        code="D",
        defaults={
            "min_turnover": Decimal("0"),
            "max_turnover": Decimal("1000000"),
            "application_fee": Decimal("400"),
            "inspection_fee": Decimal("1850"),
        },
    )


def no_violations(axe, page):
    violations = axe(page)
    assert violations == [], f"{page.url}: {violations}"


def sign_in(page, axe, username):
    page.context.clear_cookies()
    page.goto("/office/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Workbench").wait_for()
    no_violations(axe, page)


def test_officer_inspector_and_decision_maker_take_a_case_to_a_licence(
    page, axe, licensing_officer, inspector, decision_maker, agency_a, applicant_a
):
    make_edition({"2.3": (8, False), "7.1": (30, True)})
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    services.application_validate(application=application, actor=licensing_officer)
    case_heading = f"{application.reference}: New licence"

    # The officer assesses and requires an inspection.
    sign_in(page, axe, "officer")
    page.get_by_role("link", name=application.reference).first.click()
    page.get_by_role("heading", name=case_heading).wait_for()
    no_violations(axe, page)
    page.get_by_text("Start assessment").first.click()
    page.get_by_role("button", name="Start assessment").click()
    page.get_by_text("Assessment has started.").wait_for()
    page.get_by_text("Require an inspection").first.click()
    page.get_by_label("Why does this application need an inspection?").fill("A new agency.")
    page.get_by_role("button", name="Require an inspection").click()
    page.get_by_text("An inspection is now required.").wait_for()
    no_violations(axe, page)

    # The inspector finds the case on the workbench and schedules from the case page.
    sign_in(page, axe, "inspector")
    page.get_by_role("region", name="Cases waiting for an inspection to be scheduled").get_by_role(
        "link", name=application.reference
    ).click()
    page.get_by_role("heading", name=case_heading).wait_for()
    no_violations(axe, page)
    page.get_by_role("link", name="Schedule the application inspection").click()
    page.get_by_role("heading", name="Schedule an inspection").wait_for()
    assert page.get_by_label("Application reference").input_value() == application.reference
    assert page.get_by_label("Kind of inspection").input_value() == "application"
    no_violations(axe, page)
    page.get_by_label("Inspector").select_option(label="Ian Inspector")
    page.get_by_label("Planned date").fill(str(timezone.localdate()))
    page.get_by_role("button", name="Schedule").click()
    page.get_by_text("scheduled.").first.wait_for()
    inspection = Inspection.objects.get(application=application)
    no_violations(axe, page)
    assert page.get_by_role("link", name=application.reference).count() == 1

    page.get_by_role("button", name="Start the visit").click()
    page.get_by_label("Date of the visit").fill(str(timezone.localdate()))
    page.get_by_label("Workers employed").fill("30")
    page.get_by_label("Workers interviewed").fill("3")
    page.get_by_role("button", name="Save the visit record").click()
    assert "No finding recorded yet" in page.content()
    page.get_by_role("link", name="Record findings for section 1").click()
    no_violations(axe, page)
    page.get_by_role("group", name="2.3 Standard 2.3").get_by_label("Compliant", exact=True).check()
    page.get_by_role("group", name="7.1 Standard 7.1").get_by_label("Compliant", exact=True).check()
    page.get_by_role("button", name="Save").first.click()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("Report submitted for review.").wait_for()
    no_violations(axe, page)

    # The decision maker reviews from the workbench, lands on the case and grants.
    sign_in(page, axe, "decider")
    page.get_by_role("region", name="Reports waiting for your review").get_by_role(
        "link", name=inspection.reference
    ).click()
    page.get_by_label("Approve the report").check()
    no_violations(axe, page)
    page.get_by_role("button", name="Record the review").click()
    page.get_by_role("heading", name=case_heading).wait_for()
    page.get_by_text("Report approved.").wait_for()
    no_violations(axe, page)
    grant = page.locator("details.action").filter(has=page.get_by_text("Grant", exact=True))
    grant.get_by_text("Grant", exact=True).first.click()
    grant.get_by_label("Reasons for the decision").fill("Every standard met on inspection.")
    grant.get_by_label("I have reviewed the case and confirm this decision").check()
    grant.get_by_role("button", name="Grant", exact=True).click()
    page.get_by_text("The application is granted.").wait_for()
    application.refresh_from_db()
    assert application.state == Application.State.GRANTED
    page.get_by_role("heading", name=application.licence.urn).wait_for()
    assert page.url.endswith(f"/office/licences/{application.licence.urn}/")
    no_violations(axe, page)
    grant = AuditEntry.objects.get(application=application, action="grant")
    assert grant.actor_id == decision_maker.pk
