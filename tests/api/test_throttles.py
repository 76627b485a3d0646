"""Throttles on the open data exports, the web bulk check and wrong API keys."""

import pytest
from django.test import override_settings

from tests.api.factories import licensed

pytestmark = pytest.mark.django_db


def test_the_web_bulk_check_is_limited_per_client(anonymous, settings):
    settings.RATE_LIMITS = {"bulk-check": 2}
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    def check(**extra):
        return anonymous.post("/register/bulk-check/", {"names": "Anglia Field Labour"}, **extra)

    statuses = [check().status_code for _n in range(3)]
    refused = check()

    assert statuses == [200, 200, 429]
    assert "many bulk checks in the last hour" in refused.content.decode()
    assert "ask us for an API key" in refused.content.decode()
    assert anonymous.get("/register/bulk-check/").status_code == 200
    assert check(REMOTE_ADDR="198.51.100.4").status_code == 200


def test_open_data_exports_are_limited_per_client(anonymous, settings):
    settings.RATE_LIMITS = {"open-data": 2}
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    csv_statuses = [anonymous.get("/open-data/register.csv").status_code for _n in range(2)]
    csv_refused = anonymous.get("/open-data/register.csv")
    json_refused = anonymous.get("/open-data/register.json")

    assert csv_statuses == [200, 200]
    assert csv_refused.status_code == 429
    assert "downloaded the register many times" in csv_refused.content.decode()
    assert json_refused.status_code == 429
    assert json_refused["Content-Type"] == "application/json"
    assert "downloaded the register many times" in json_refused.json()["detail"]
    assert int(json_refused["Retry-After"]) >= 1


@override_settings(API_ANONYMOUS_REQUESTS_PER_MINUTE=3)
def test_wrong_api_keys_count_against_the_address(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    statuses = [
        anonymous.get("/api/v1/licences/ANGL0001", HTTP_X_API_KEY=f"guess-{n}").status_code
        for n in range(4)
    ]
    refused = anonymous.get("/api/v1/licences/ANGL0001", HTTP_X_API_KEY="guess-9")

    assert statuses == [401, 401, 401, 429]
    assert "Too many requests" in refused.json()["detail"]
    assert int(refused["Retry-After"]) >= 1
    assert anonymous.get("/api/v1/licences/ANGL0001").status_code == 429
    other = anonymous.get("/api/v1/licences/ANGL0001", REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 200


def test_gunicorn_binds_to_the_loopback_address_unless_told_otherwise(monkeypatch):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "config" / "gunicorn.conf.py"

    def load():
        spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    monkeypatch.delenv("BIND", raising=False)
    default = load().bind
    monkeypatch.setenv("BIND", "0.0.0.0:9000")

    assert default == "127.0.0.1:8000"
    assert load().bind == "0.0.0.0:9000"
