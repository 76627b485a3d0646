"""The register's pages and the API read the same selectors of public_register, so for the
same certificate, search or list they give the same answer."""

import pytest
from django.conf import settings
from django.utils import timezone
from django.utils.html import escape

from licensing import services
from licensing.models import Appeal, Licence
from public_register.certificates import NOT_ISSUED, Standing, check_certificate
from registry.models import Sector
from tests.public_site.factories import (
    licensed_provider,
    pending_provider,
    refused_provider,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def actor():
    return staff()


@pytest.fixture
def licence(actor):
    return licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)


def suspended(licence, actor):
    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")


def superseded(licence, actor):
    services.issue_certificate(licence=licence)


def revoked(licence, actor):
    services.licence_revoke(licence=licence, actor=actor, reasons="Fraud", immediate=True)


def expired(licence, actor):
    Licence.objects.filter(pk=licence.pk).update(state=Licence.State.EXPIRED)


@pytest.mark.parametrize(
    ("change", "standing"),
    [
        (None, Standing.IN_FORCE),
        (suspended, Standing.SUSPENDED),
        (superseded, Standing.SUPERSEDED),
        (revoked, Standing.REVOKED),
        (expired, Standing.NOT_IN_FORCE),
    ],
)
def test_the_verify_page_and_the_api_say_what_the_certificate_check_says(
    anonymous, licence, actor, change, standing
):
    certificate = licence.certificates.get()
    if change:
        change(licence, actor)

    check = check_certificate(certificate.display_code.lower())
    page = anonymous.get(f"/verify/{certificate.display_code.lower()}/")
    api = anonymous.get(f"/api/v1/verify/{certificate.display_code.lower()}")

    assert check.standing == standing
    assert page.status_code == api.status_code == 200
    text = page.content.decode()
    assert escape(check.headline) in text
    assert escape(check.detail) in text
    assert escape(check.status_words) in text
    data = api.json()
    assert data["detail"] == check.detail
    assert data["status"] == check.status
    assert data["status_words"] == check.status_words
    assert data["is_in_force"] is check.is_in_force
    assert data["is_latest_certificate"] is check.is_latest_certificate
    assert data["code"] == check.code == certificate.display_code
    assert data["urn"] == check.urn == licence.urn
    assert data["url"] == f"{settings.SITE_URL}/register/{licence.urn}/"
    replaced = "This certificate has been replaced by a newer one" in text
    assert replaced is (not check.is_latest_certificate)


def test_a_superseded_certificate_of_a_suspended_licence_says_both(anonymous, licence, actor):
    old = licence.certificates.get()
    services.issue_certificate(licence=licence)
    suspended(licence, actor)

    check = check_certificate(old.code)
    data = anonymous.get(f"/api/v1/verify/{old.code}").json()

    assert check.standing == Standing.SUSPENDED
    assert data["detail"] == check.detail
    assert "suspended" in data["detail"] and "newer certificate" in data["detail"]
    assert data["is_latest_certificate"] is False


def test_a_made_up_code_fails_on_the_page_and_in_the_api(anonymous, licence):
    assert check_certificate("ABCD-EFGH-JKMN") is None

    page = anonymous.get("/verify/ABCD-EFGH-JKMN/")
    api = anonymous.get("/api/v1/verify/ABCD-EFGH-JKMN")

    assert page.status_code == api.status_code == 404
    assert "we never issued a certificate with this code" in page.content.decode()
    assert api.json()["detail"] == str(NOT_ISSUED)


def test_a_search_page_and_the_api_search_carry_the_same_rows(anonymous, actor):
    shellfish = Sector.objects.get(code="shellfish-gathering")
    licensed_provider(
        legal_name="Marsh Crew Ltd",
        urn="MARS0001",
        town="Morecambe",
        country="PL",
        sectors=[shellfish],
        trading_names=["Marsh Pickers"],
    )
    suspended(licensed_provider(legal_name="Marsh Crew North Ltd", actor=actor), actor)
    refused_provider(legal_name="Marsh Crew Rogue Ltd", actor=actor)
    pending_provider(legal_name="Marsh Crew Newcomer Ltd")

    for query in ({"q": "marsh crew"}, {"status": "refused"}, {"q": "MARS0001"}):
        page = anonymous.get("/register/", query)
        items = anonymous.get("/api/v1/search", {**query, "limit": 20}).json()["results"]

        rows = page.context["rows"]
        assert rows, query
        assert [
            {
                "holder_name": row.holder_name,
                "trading_names": row.trading_names,
                "urn": row.urn,
                "status": row.status,
                "status_words": row.status_words,
                "town": row.town,
                "country": row.country,
                "sectors": row.sectors,
                "url": settings.SITE_URL + row.path if row.path else None,
                "match": row.match,
            }
            for row in rows
        ] == items, query
        text = page.content.decode()
        for row in rows:
            assert escape(row.holder_name) in text
            assert row.status_words in text
            assert (f'href="{row.path}"' in text) is bool(row.urn)


def test_the_refused_and_revoked_page_lists_what_the_api_lists(anonymous, actor):
    refused_provider(legal_name="Rogue Gang Ltd", actor=actor)
    licence = licensed_provider(legal_name="Fallen Crew Ltd", actor=actor)
    revoked(licence, actor)
    appealed = licensed_provider(legal_name="Appealing Crew Ltd", actor=actor)
    revoked(appealed, actor)
    services.appeal_lodge(
        decision=appealed.decisions.get(),
        actor=actor,
        kind=Appeal.Kind.TRIBUNAL,
        lodged_on=timezone.localdate(),
        grounds="The findings are wrong.",
    )

    page = anonymous.get("/register/refused-and-revoked/")
    items = anonymous.get("/api/v1/refused-and-revoked").json()["results"]

    outcomes = page.context["outcomes"]
    assert [(o.holder_name, o.outcome, o.urn, o.under_appeal) for o in outcomes] == [
        (i["holder_name"], i["outcome"], i["urn"], i["under_appeal"]) for i in items
    ]
    assert [i["holder_name"] for i in items] == [
        "Appealing Crew Ltd",
        "Fallen Crew Ltd",
        "Rogue Gang Ltd",
    ]
    assert [i["under_appeal"] for i in items] == [True, False, False]
    # Revoked with immediate effect and refused today: each can still be appealed.
    assert all(o.open_to_appeal for o in outcomes)
    assert page.content.decode().count("may still be appealed") == 3
