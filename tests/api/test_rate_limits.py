import pytest
from django.test import override_settings

from tests.api.factories import issue_key, licensed

pytestmark = pytest.mark.django_db


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=3)
def test_an_address_over_its_limit_gets_429_with_retry_after(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    statuses = [anonymous.get("/api/v1/licences/ANGL0001").status_code for _n in range(4)]

    assert statuses == [200, 200, 200, 429]
    limited = anonymous.get("/api/v1/licences/ANGL0001")
    assert 1 <= int(limited["Retry-After"]) <= 61
    assert "Too many requests" in limited.json()["detail"]
    other_address = anonymous.get("/api/v1/licences/ANGL0001", REMOTE_ADDR="10.0.0.9")
    assert other_address.status_code == 200


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=2)
def test_an_api_key_has_its_own_higher_limit(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    key, raw_key = issue_key(limit_per_minute=5)

    statuses = [
        anonymous.get("/api/v1/licences/ANGL0001", HTTP_X_API_KEY=raw_key).status_code
        for _n in range(6)
    ]

    assert statuses == [200] * 5 + [429]
    key.refresh_from_db()
    assert key.last_used_at is not None


def test_a_wrong_or_withdrawn_key_is_refused(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    _key, withdrawn = issue_key(is_active=False)

    wrong = anonymous.get("/api/v1/licences/ANGL0001", HTTP_X_API_KEY="made-up")
    old = anonymous.get("/api/v1/licences/ANGL0001", HTTP_X_API_KEY=withdrawn)

    assert wrong.status_code == old.status_code == 401
    assert "not valid" in wrong.json()["detail"]


def test_only_a_hash_of_the_key_is_stored():
    key, raw_key = issue_key()

    assert raw_key not in (key.key_hash, key.prefix)
    assert key.prefix == raw_key[:8]
