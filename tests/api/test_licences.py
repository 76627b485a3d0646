from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from licensing import services
from tests.api.factories import licensed
from tests.factories import PersonFactory, ProviderRoleFactory

pytestmark = pytest.mark.django_db


def test_it_returns_the_public_fields_of_a_licence(anonymous):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001", trading_names=["Anglia Crews"])
    pa = PersonFactory(full_name="Petra Principal", email="petra@private.example")
    ProviderRoleFactory(provider=licence.provider, person=pa)

    response = anonymous.get("/api/v1/licences/angl0001")

    assert response.status_code == 200
    data = response.json()
    assert data["urn"] == "ANGL0001"
    assert data["holder_name"] == "Anglia Field Labour Ltd"
    assert data["trading_names"] == ["Anglia Crews"]
    assert data["status"] == "active"
    assert data["principal_authority"] == "Petra Principal"
    assert data["url"].endswith("/register/ANGL0001/")
    body = response.content.decode()
    assert "petra@private.example" not in body
    assert licence.provider.email not in body
    assert "date_of_birth" not in body


def test_an_unknown_licence_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/licences/NONE0001")

    assert response.status_code == 404
    assert "NONE0001" in response.json()["detail"]


def test_a_malformed_licence_number_is_a_json_400(anonymous):
    response = anonymous.get("/api/v1/licences/not-a-urn")

    assert response.status_code == 400
    assert "four letters and four digits" in response.json()["detail"]


def test_an_unknown_api_path_is_a_json_404(anonymous):
    response = anonymous.get("/api/v1/nothing/here")

    assert response.status_code == 404
    assert response.json()["detail"]


def test_a_matching_etag_gets_304_until_the_licence_changes(anonymous, decision_maker):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    first = anonymous.get("/api/v1/licences/ANGL0001")
    etag = first["ETag"]
    assert first["Last-Modified"]

    again = anonymous.get("/api/v1/licences/ANGL0001", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""

    services.licence_suspend(licence=licence, actor=decision_maker, reason="Investigation")
    changed = anonymous.get("/api/v1/licences/ANGL0001", HTTP_IF_NONE_MATCH=etag)

    assert changed.status_code == 200
    assert changed.json()["status"] == "suspended"
    assert changed["ETag"] != etag


def test_a_304_carries_the_validators_and_the_etag_differs_by_language(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    english = anonymous.get("/api/v1/licences/ANGL0001", HTTP_ACCEPT_LANGUAGE="en")
    polish = anonymous.get("/api/v1/licences/ANGL0001", HTTP_ACCEPT_LANGUAGE="pl")

    assert polish.json()["status_words"] != english.json()["status_words"]
    assert polish["ETag"] != english["ETag"]
    not_modified = anonymous.get(
        "/api/v1/licences/ANGL0001", HTTP_ACCEPT_LANGUAGE="pl", HTTP_IF_NONE_MATCH=polish["ETag"]
    )
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == polish["ETag"]
    assert not_modified["Last-Modified"] == polish["Last-Modified"]
    assert "max-age=60" in not_modified["Cache-Control"]
    assert "Accept-Language" in not_modified["Vary"]
    other_language = anonymous.get(
        "/api/v1/licences/ANGL0001", HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=polish["ETag"]
    )
    assert other_language.status_code == 200


def test_if_modified_since_gets_304_only_when_nothing_changed_since(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    later = http_date((timezone.now() + timedelta(minutes=5)).timestamp())
    earlier = http_date((timezone.now() - timedelta(days=5)).timestamp())

    assert (
        anonymous.get("/api/v1/licences/ANGL0001", HTTP_IF_MODIFIED_SINCE=later).status_code == 304
    )
    assert (
        anonymous.get("/api/v1/licences/ANGL0001", HTTP_IF_MODIFIED_SINCE=earlier).status_code
        == 200
    )


def test_verify_gives_the_live_status_of_an_issued_certificate(anonymous, decision_maker):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    certificate = services.issue_certificate(licence=licence)

    ok = anonymous.get(f"/api/v1/verify/{certificate.display_code.lower()}")
    assert ok.status_code == 200
    assert ok.json()["is_in_force"] is True
    assert ok.json()["urn"] == "ANGL0001"

    services.licence_suspend(licence=licence, actor=decision_maker, reason="Investigation")
    suspended = anonymous.get(f"/api/v1/verify/{certificate.code}")
    assert suspended.json()["status"] == "suspended"
    assert "suspended" in suspended.json()["detail"]


def test_verify_says_a_made_up_code_was_not_issued(anonymous):
    response = anonymous.get("/api/v1/verify/ABCD-EFGH-JKMN")

    assert response.status_code == 404
    assert "not issued by the regulator" in response.json()["detail"]


def test_search_pages_with_a_signed_cursor(anonymous):
    for n in range(5):
        licensed(f"Fenland Harvest Staffing {n} Ltd", urn=f"FENL{n + 1:04d}")

    first = anonymous.get("/api/v1/search", {"q": "fenland harvest", "limit": 2}).json()
    assert len(first["results"]) == 2
    second = anonymous.get(
        "/api/v1/search", {"q": "fenland harvest", "limit": 2, "cursor": first["next_cursor"]}
    ).json()
    third = anonymous.get(
        "/api/v1/search", {"q": "fenland harvest", "limit": 2, "cursor": second["next_cursor"]}
    ).json()

    urns = [r["urn"] for page in (first, second, third) for r in page["results"]]
    assert sorted(urns) == [f"FENL{n:04d}" for n in range(1, 6)]
    assert third["next_cursor"] is None


def test_a_name_search_stops_at_the_closest_matches(anonymous, monkeypatch):
    monkeypatch.setattr("public_register.search.MAX_NAME_MATCHES", 3)
    for n in range(5):
        licensed(f"Fenland Harvest Staffing {n} Ltd", urn=f"FENL{n + 1:04d}")

    body = anonymous.get("/api/v1/search", {"q": "fenland harvest", "limit": 100}).json()

    assert len(body["results"]) == 3
    assert body["next_cursor"] is None
    assert len(anonymous.get("/api/v1/search", {"status": "active"}).json()["results"]) == 5


def test_a_cursor_from_another_search_or_tampered_is_a_400(anonymous):
    licensed("Fenland Harvest Staffing Ltd", urn="FENL0001")
    licensed("Fenland Harvest Crews Ltd", urn="FENL0002")
    page = anonymous.get("/api/v1/search", {"q": "fenland", "limit": 1}).json()

    other = anonymous.get("/api/v1/search", {"q": "anglia", "cursor": page["next_cursor"]})
    tampered = anonymous.get(
        "/api/v1/search", {"q": "fenland", "cursor": "x" + page["next_cursor"]}
    )

    assert other.status_code == 400
    assert tampered.status_code == 400


def test_an_invalid_parameter_is_a_clear_422(anonymous):
    response = anonymous.get("/api/v1/search", {"limit": "lots", "status": "excellent"})

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "limit" in detail and "status" in detail


def test_refused_and_revoked_lists_revocations_page_by_page(anonymous, decision_maker):
    today = timezone.localdate()
    for n in range(3):
        licence = licensed(f"Rogue Labour {n} Ltd", urn=f"ROGU{n + 1:04d}")
        services.licence_revoke(
            licence=licence, actor=decision_maker, reasons="Critical failures", immediate=True
        )
    licensed("Good Labour Ltd", urn="GOOD0001")

    first = anonymous.get("/api/v1/refused-and-revoked", {"limit": 2}).json()
    second = anonymous.get(
        "/api/v1/refused-and-revoked", {"limit": 2, "cursor": first["next_cursor"]}
    ).json()

    rows = first["results"] + second["results"]
    assert sorted(r["urn"] for r in rows) == ["ROGU0001", "ROGU0002", "ROGU0003"]
    assert all(r["outcome"] == "revoked" and r["decided_on"] == str(today) for r in rows)
    assert second["next_cursor"] is None
