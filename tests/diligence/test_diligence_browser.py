"""In Chromium: the offline certificate check with the network cut, and axe on the new
public pages."""

import base64
import json
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from wagtail.models import Locale, Page

from licensing import services
from licensing.models import Certificate
from licensing.pdfs import qr_text
from tests.public_site.factories import licensed_provider, refused_provider, staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site():
    # Other transactional tests flush the database, Wagtail's root page included.
    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    # Fee bands are seeded by a data migration, which a flush removes too.
    import_module("licensing.migrations.0002_fee_bands_and_audit_protection").seed_fee_bands(
        django_apps, None
    )
    licence = licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    return Certificate.objects.create(licence=licence, valid_until=licence.expires_on)


def _tampered(text: str) -> str:
    address, payload = text.split("#")
    prefix, body, signature = payload.split(".")
    data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    data["h"] = "Somebody Else Ltd"
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{address}#{prefix}.{forged}.{signature}"


def test_a_certificate_is_checked_in_the_browser_with_the_network_cut(site, browser, live_server):
    services.licence_revoke(licence=site.licence, actor=staff(), reasons="Fees.", immediate=True)
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/verify/offline/")
    page.wait_for_load_state("load")

    context.set_offline(True)
    page.fill("#payload", qr_text(site))
    page.click("#offline-form button")
    page.wait_for_selector("#offline-result .status-banner")
    genuine = page.inner_text("#offline-result")
    page.fill("#payload", _tampered(qr_text(site)))
    page.click("#offline-form button")
    page.wait_for_selector("#offline-result .status-banner.bad")
    tampered = page.inner_text("#offline-result")
    context.close()

    assert "VALID SIGNATURE" in genuine
    assert "Fenland Harvest Staffing Ltd, licence FENL0001" in genuine
    assert "check online for today’s status" in genuine
    assert "NOT VALID" in tampered


def test_the_statistics_and_exclusion_pages_have_no_axe_violations(site, page, axe):
    refused_provider(legal_name="Refused Crew Ltd", company_number="08000001")
    for path in (
        "/register/statistics/",
        "/register/refused-and-revoked/",
        "/open-data/exclusions/",
        "/verify/offline/",
    ):
        page.goto(path)
        assert axe(page) == [], path
