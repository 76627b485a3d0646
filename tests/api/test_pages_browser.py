"""The bulk check and open data pages in a real browser: WCAG 2.2 AA, no JavaScript needed."""

import pytest
from wagtail.models import Locale, Page

from tests.api.factories import licensed

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site():
    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    licensed("Anglia Fields Ltd", urn="ANGL0002")


def test_pages_have_no_axe_violations(site, page, axe):
    for path in ["/register/bulk-check/", "/open-data/"]:
        page.goto(path)
        assert axe(page) == [], path


def test_a_bulk_check_works_without_javascript_on_a_phone(site, browser, live_server, axe):
    context = browser.new_context(
        java_script_enabled=False,
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
    )
    page = context.new_page()
    page.goto("/register/bulk-check/")
    page.fill("#names", "Anglia Field Labour Ltd\nAnglia Feilds\nNobody At All")
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert page.locator("h1").inner_text() == "Bulk check results"
    assert "ANGL0001" in page.content()
    assert page.get_by_text("No licence found").count() >= 1
    context.close()


def test_an_upload_error_is_shown_accessibly(site, page, axe):
    page.goto("/register/bulk-check/")
    with page.expect_navigation():
        page.click("main button[type=submit]")

    assert "Choose a CSV file or paste supplier names" in page.locator("[role=alert]").inner_text()
    assert axe(page) == []
