"""A licensing officer works a case in the back office in Chromium, without JavaScript of
ours; axe checks the main office pages."""

from decimal import Decimal

import pytest

from licensing import services
from licensing.models import Application, FeeBand
from tests.factories import ApplicationFactory, LicenceConditionFactory

pytestmark = [
    pytest.mark.browser,
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


def sign_in(page, username):
    page.goto("/office/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Workbench").wait_for()


def test_an_officer_returns_a_case_for_information(
    page, axe, licensing_officer, agency_a, applicant_a
):
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    page.goto("/office/sign-in/")
    no_violations(axe, page)
    sign_in(page, "officer")
    no_violations(axe, page)

    page.get_by_role("link", name=application.reference).click()
    page.get_by_role("heading", name=f"{application.reference}: New licence").wait_for()
    no_violations(axe, page)

    page.get_by_text("Return for more information").first.click()
    page.get_by_role("button", name="Return for more information").click()
    page.get_by_role("heading", name="There is a problem").wait_for()
    no_violations(axe, page)

    page.get_by_label("What information do you need?").fill("Send your tax registration.")
    page.get_by_role("button", name="Return for more information").click()
    page.get_by_text("The application was returned to the applicant").wait_for()
    application.refresh_from_db()
    assert application.state == Application.State.RETURNED


def test_licence_and_provider_pages_pass_axe(page, axe, decision_maker, agency_a):
    condition = LicenceConditionFactory(licence__provider=agency_a)
    sign_in(page, "decider")
    page.goto(f"/office/licences/{condition.licence.urn}/")
    page.locator("summary", has_text="Revoke").click()
    no_violations(axe, page)
    page.goto("/office/licences/")
    no_violations(axe, page)
    page.goto(f"/office/providers/{agency_a.pk}/")
    no_violations(axe, page)
