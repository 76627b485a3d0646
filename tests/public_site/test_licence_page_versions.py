"""A licence's cached page and API answer follow that licence's own version: a change to one
provider leaves every other licence page in the cache (core.pagecache)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.pagecache import register_changed
from licensing import services
from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db

PATHS = ["/register/{urn}/", "/api/v1/licences/{urn}"]


def test_a_change_to_one_provider_keeps_the_other_licence_pages_cached(
    anonymous, django_assert_num_queries
):
    actor = staff()
    changed = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)
    licensed_provider(legal_name="Baltic Staff Ltd", urn="BALT0001", actor=actor)
    for urn in ("ANGL0001", "BALT0001"):
        for path in PATHS:
            assert anonymous.get(path.format(urn=urn)).status_code == 200
    assert anonymous.get("/api/v1/search", {"q": "anglia"}).json()["results"][0]["status"] == (
        "active"
    )

    services.licence_suspend(licence=changed, actor=actor, reason="Investigation")

    with django_assert_num_queries(0):
        untouched = [Client().get(path.format(urn="BALT0001")) for path in PATHS]
    assert "Baltic Staff Ltd" in untouched[0].content.decode()
    assert untouched[1].json()["status"] == "active"
    assert "Suspended" in anonymous.get("/register/ANGL0001/").content.decode()
    assert anonymous.get("/api/v1/licences/angl0001").json()["status"] == "suspended"
    search = anonymous.get("/api/v1/search", {"q": "anglia"}).json()
    assert search["results"][0]["status"] == "suspended"


def test_a_change_that_names_no_provider_retires_every_licence_page(anonymous):
    licensed_provider(legal_name="Baltic Staff Ltd", urn="BALT0001")
    anonymous.get("/register/BALT0001/")

    register_changed()

    with CaptureQueriesContext(connection) as rendered:
        again = Client().get("/register/BALT0001/")
    assert again.status_code == 200 and len(rendered.captured_queries) > 0
