"""Throttles on the public pages that cost CPU or send email: 429 with a page saying why."""

import pytest
from django.core import mail

from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence():
    return licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0002")


def test_record_pdfs_are_limited_per_client_with_a_clear_page(anonymous, settings, licence):
    settings.RATE_LIMITS = {"record-pdf": 2}
    url = f"/register/{licence.urn}/record.pdf"

    statuses = [anonymous.get(url).status_code for _n in range(3)]
    refused = anonymous.get(url)

    assert statuses == [200, 200, 429]
    assert refused["Content-Type"].startswith("text/html")
    assert "Too many requests" in refused.content.decode()
    assert "many licence records in the last hour" in refused.content.decode()
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert anonymous.get(url, REMOTE_ADDR="198.51.100.4").status_code == 200


def test_clients_behind_a_trusted_proxy_are_counted_by_x_forwarded_for(
    anonymous, settings, licence
):
    settings.RATE_LIMITS = {"record-pdf": 1}
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    url = f"/register/{licence.urn}/record.pdf"

    def via_proxy(client_ip):
        return anonymous.get(
            url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=client_ip
        ).status_code

    assert [via_proxy("203.0.113.1"), via_proxy("203.0.113.2"), via_proxy("203.0.113.1")] == [
        200,
        200,
        429,
    ]


def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(anonymous, settings, licence):
    settings.RATE_LIMITS = {"record-pdf": 1}
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    url = f"/register/{licence.urn}/record.pdf"

    first = anonymous.get(url, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    rotated = anonymous.get(url, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert (first.status_code, rotated.status_code) == (200, 429)


def watch(client, email, urn, **extra):
    return client.post("/register/watch/", {"email": email, "providers": urn}, **extra)


def test_watch_requests_are_limited_per_client(anonymous, settings):
    settings.RATE_LIMITS = {"watch": 2}
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=staff())

    statuses = [
        watch(anonymous, f"buyer{n}@farm.example", licence.urn).status_code for n in range(3)
    ]

    assert statuses == [302, 302, 429]
    assert (
        "watch providers many times"
        in watch(anonymous, "x@farm.example", licence.urn).content.decode()
    )


def test_watch_emails_are_limited_per_recipient_whoever_asks(
    anonymous, settings, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {"watch-recipient": 2}
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=staff())

    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            watch(anonymous, "Victim@Farm.example", licence.urn, REMOTE_ADDR=f"203.0.113.{n}")
            for n in range(3)
        ]
    other = watch(anonymous, "someone@farm.example", licence.urn, REMOTE_ADDR="203.0.113.9")

    assert [response.status_code for response in statuses] == [302, 302, 429]
    assert "several confirmation emails to this address" in statuses[2].content.decode()
    assert len([m for m in mail.outbox if m.to == ["Victim@Farm.example"]]) <= 2
    assert other.status_code == 302


def test_report_follow_ups_are_limited_per_client(anonymous, settings):
    settings.RATE_LIMITS = {"report-follow-up": 2}

    statuses = [
        anonymous.post("/report/follow-up/", {"reference": "C-NOPE1234"}).status_code
        for _n in range(3)
    ]

    assert statuses == [200, 200, 429]
