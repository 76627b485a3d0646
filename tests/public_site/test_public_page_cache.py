"""Whole public responses kept in the shared cache until the register changes
(core.pagecache): repeat views cost no query, a change shows at once, validators and CDN
headers are sent, and nothing personal or per-visitor is stored or served."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from licensing import services
from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db


def test_a_repeat_view_of_a_licence_page_is_served_without_a_query(
    anonymous, django_assert_num_queries
):
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    first = anonymous.get("/register/ANGL0001/")

    with django_assert_num_queries(0):
        repeat = Client().get("/register/ANGL0001/")

    assert repeat.status_code == 200
    assert repeat.content == first.content
    assert "Anglia Crew Ltd" in repeat.content.decode()
    assert repeat["ETag"] == first["ETag"]
    assert "s-maxage=60" in repeat["Cache-Control"]
    assert "public" in repeat["Cache-Control"]
    assert licence.urn in repeat.content.decode()


def test_a_status_change_retires_the_cached_pages_and_api_answers(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)
    assert "Suspended" not in anonymous.get("/register/ANGL0001/").content.decode()
    assert anonymous.get("/api/v1/licences/ANGL0001").json()["status"] == "active"
    search = anonymous.get("/api/v1/search", {"q": "anglia crew"}).json()
    assert search["results"][0]["status"] == "active"

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    assert "Suspended" in anonymous.get("/register/ANGL0001/").content.decode()
    assert anonymous.get("/api/v1/licences/ANGL0001").json()["status"] == "suspended"
    search = anonymous.get("/api/v1/search", {"q": "anglia crew"}).json()
    assert search["results"][0]["status"] == "suspended"


def test_a_cached_page_answers_a_matching_etag_with_304(anonymous):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    etag = anonymous.get("/register/?q=anglia")["ETag"]

    again = Client().get("/register/?q=anglia", HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_pages_are_kept_per_language(anonymous):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    english = anonymous.get("/register/ANGL0001/", HTTP_ACCEPT_LANGUAGE="en")
    polish = Client().get("/register/ANGL0001/", HTTP_ACCEPT_LANGUAGE="pl")

    assert english["Content-Language"] == "en"
    assert polish["Content-Language"] == "pl"
    assert english["ETag"] != polish["ETag"]


def test_a_signed_in_visitor_is_never_served_a_stored_page(anonymous, licensing_officer):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    anonymous.get("/register/ANGL0001/")
    officer = Client()
    officer.force_login(licensing_officer)

    with CaptureQueriesContext(connection) as queries:
        response = officer.get("/register/ANGL0001/")

    assert response.status_code == 200
    # The licence was read: the view answered, not the stored copy.
    assert any("licensing_licence" in query["sql"] for query in queries.captured_queries)


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=3)
def test_the_api_rate_limit_counts_answers_served_from_the_cache(anonymous):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")

    statuses = [anonymous.get("/api/v1/licences/ANGL0001").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]


def test_the_openapi_schema_is_served_whole_from_the_cache(django_assert_num_queries):
    first = Client().get("/api/v1/openapi.json")
    with django_assert_num_queries(0):
        repeat = Client().get("/api/v1/openapi.json")

    assert repeat.status_code == 200
    assert repeat.json() == first.json()
    assert "s-maxage=60" in repeat["Cache-Control"]
