"""WCAG 2.2 AA (axe-core) and phone-width checks of the public pages in a real browser."""

import io
import random

import pytest
from wagtail.models import Locale, Page

from demo import public_site as demo
from licensing.models import Certificate
from tests.public_site.factories import licensed_provider

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def site():
    # Other transactional tests flush the database, data migrations included: recreate the
    # little this needs (Wagtail's root page) instead of relying on it.
    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    licence = licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    licensed_provider(legal_name="Fenland Fields Ltd", urn="FENL0900")
    Certificate.objects.create(licence=licence, valid_until=licence.expires_on)
    demo.seed(rng=random.Random(1), stdout=io.StringIO())
    return licence


def public_paths(licence):
    certificate = Certificate.objects.filter(licence=licence).latest("issued_at")
    return [
        "/",
        "/register/?q=fenland+harvst",
        f"/register/{licence.urn}/",
        "/verify/",
        f"/verify/{certificate.code}/",
        "/report/",
    ]


def test_public_pages_have_no_axe_violations_in_english_and_polish(site, page, axe):
    for path in public_paths(site):
        page.goto(path)
        assert axe(page) == [], path

    page.goto("/report/")
    page.select_option("#language-select", "pl")
    page.click("form.language-switcher button")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "pl"
    assert "Zgłoś" in page.content()
    for path in ("/report/", "/register/?q=fenland"):
        page.goto(path)
        assert axe(page) == [], f"{path} in Polish"


def test_the_report_form_shows_its_errors_accessibly(site, page, axe):
    page.goto("/report/")
    page.click("form.report-form button[type=submit]")
    page.wait_for_load_state()

    assert page.locator(".error-summary").is_visible()
    assert axe(page) == []


def test_public_pages_fit_a_phone_without_sideways_scrolling(site, browser, live_server):
    context = browser.new_context(
        viewport=PHONE, base_url=live_server.url, java_script_enabled=False
    )
    phone = context.new_page()
    try:
        for path in public_paths(site):
            phone.goto(path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} is {width}px wide"
        # Without JavaScript the search still works.
        phone.goto("/register/")
        phone.fill("#id_q", "fenland fields")
        phone.click("form.register-search button[type=submit]")
        assert "FENL0900" in phone.content()
    finally:
        context.close()
