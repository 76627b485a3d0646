"""In Chromium, with the Content-Security-Policy enforced, pages report no violation."""

import pytest

from tests.public_site.factories import licensed_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def strict_page(browser, live_server):
    """A page that enforces CSP (the shared fixture bypasses it to inject axe)."""
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.messages = []
    page.on("console", lambda message: page.messages.append(message.text))
    page.on("pageerror", lambda error: page.messages.append(str(error)))
    yield page
    context.close()


def violations(page):
    return [text for text in page.messages if "Content Security Policy" in text]


def test_a_public_page_and_the_api_docs_report_no_csp_violation(strict_page):
    licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")

    strict_page.goto("/register/FENL0001/")
    strict_page.get_by_role("heading", name="Fenland Harvest Staffing Ltd").first.wait_for()
    strict_page.goto("/api/v1/docs")
    # Swagger UI renders only when its script ran: proof the local bundle was allowed.
    strict_page.locator(".swagger-ui .information-container").wait_for()

    assert violations(strict_page) == []


def test_the_office_reports_no_csp_violation(strict_page, licensing_officer):
    strict_page.goto("/office/")
    strict_page.get_by_label("Username").fill("officer")
    strict_page.get_by_label("Password").fill("correct horse battery staple")
    strict_page.get_by_role("button", name="Sign in").click()
    strict_page.get_by_role("heading", name="Workbench").wait_for()

    assert violations(strict_page) == []


def test_the_wagtail_admin_works_under_its_own_policy(strict_page, administrator):
    from decimal import Decimal

    from licensing.models import FeeBand

    band, _created = FeeBand.objects.get_or_create(
        code="D",
        defaults={
            "min_turnover": Decimal("0"),
            "max_turnover": Decimal("1000000"),
            "application_fee": Decimal("400"),
            "inspection_fee": Decimal("1850"),
        },
    )
    # Signing in for the admin: the sign-in form sends people back to where they were going.
    strict_page.goto("/admin/")
    strict_page.get_by_label("Username").fill("admin")
    strict_page.get_by_label("Password").fill("correct horse battery staple")
    strict_page.get_by_role("button", name="Sign in").click()
    strict_page.wait_for_url(lambda url: url.endswith("/admin/"))
    strict_page.locator("main").first.wait_for()
    # An edit form: Wagtail's panels and widgets run their inline scripts here.
    strict_page.goto(f"/admin/snippets/licensing/feeband/edit/{band.pk}/")
    strict_page.get_by_role("button", name="Save").first.wait_for()

    assert violations(strict_page) == []
