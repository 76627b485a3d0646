"""Exclusion data: grounds, dates, the re-application bar, confirmed links; HTML, CSV,
JSON and the API lookup."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from inspections.models import Inspection
from licensing import services
from licensing.models import AdverseDecision, AuditEntry
from public_register.exclusions import exclusion_link_confirm
from public_register.models import ExclusionLink, ExclusionPolicy
from tests.factories import LabourProviderFactory, PersonFactory, UserFactory
from tests.inspections.factories import make_edition, record_all, started_inspection
from tests.public_site.factories import licensed_provider, refused_provider, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def revoked(inspector):
    """A licence revoked with immediate effect after an inspection that failed 7.1."""
    actor = staff()
    licence = licensed_provider(legal_name="Phoenix Fields Ltd", company_number="07000001")
    make_edition({"7.1": (30, True), "2.1": (8, False)})
    inspection = started_inspection(scheduler=actor, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("7.1",))
    Inspection.objects.filter(pk=inspection.pk).update(approved_at=timezone.now())
    decision = services.licence_revoke(
        licence=licence, actor=actor, reasons="Charged workers fees.", immediate=True
    )
    return decision


def test_the_page_shows_grounds_and_the_reapplication_bar(anonymous, revoked):
    ExclusionPolicy.objects.create(revocation_bar_months=12)

    text = anonymous.get("/register/refused-and-revoked/").content.decode()

    assert "Phoenix Fields Ltd" in text
    assert '<abbr title="Standard 7.1">7.1</abbr>' in text
    assert "2.1</abbr>" not in text
    until = revoked.decided_on.replace(year=revoked.decided_on.year + 1)
    assert f'<time datetime="{until:%Y-%m-%d}">' in text


def test_the_page_is_paged_by_key(anonymous):
    for n in range(52):
        refused_provider(legal_name=f"Refused Crew {n:02d} Ltd")

    first = anonymous.get("/register/refused-and-revoked/").content.decode()
    older = first.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0]
    second = anonymous.get(f"/register/refused-and-revoked/{older}").content.decode()

    assert first.count("Refused Crew") == 50
    assert second.count("Refused Crew") == 2
    assert 'rel="next"' not in second
    assert anonymous.get("/register/refused-and-revoked/?after=junk").status_code == 404


def test_staff_confirm_a_link_to_a_successor_and_a_person(revoked, anonymous):
    actor = staff()
    successor = LabourProviderFactory(
        legal_name="Phoenix Fields Two Ltd", company_number="07000002"
    )
    director = PersonFactory(full_name="Dan Director", email="dan@example.com")

    exclusion_link_confirm(
        actor=actor,
        decision=revoked,
        kind=ExclusionLink.Kind.SUCCESSOR,
        linked_provider=successor,
        public_note="Same premises and directors.",
    )
    exclusion_link_confirm(
        actor=actor,
        decision=revoked,
        kind=ExclusionLink.Kind.INDIVIDUAL,
        person=director,
        role="director",
    )

    entries = AuditEntry.objects.filter(action="exclusion_link_confirmed")
    assert entries.count() == 2
    assert entries.first().actor == actor
    lookup = anonymous.get("/api/v1/exclusions", {"company_number": "07000002"}).json()
    [row] = lookup["results"]
    assert row["party"]["identifier"] == {"scheme": "GB-COH", "id": "07000001"}
    assert row["status"] == "revoked"
    assert row["grounds"][0]["id"] == "7.1"
    assert row["grounds"][0]["section"] == 1
    assert row["relatedParties"][0]["name"] == "Phoenix Fields Two Ltd"
    assert row["relatedParties"][0]["relationship"] == "successor"
    assert row["relatedPeople"] == [
        {
            "name": "Dan Director",
            "role": "director",
            "confirmedDate": row["relatedPeople"][0]["confirmedDate"],
        }
    ]
    assert "dan@example.com" not in str(lookup)


def test_only_staff_with_the_right_may_confirm_a_link(revoked):
    with pytest.raises(PermissionDenied):
        exclusion_link_confirm(
            actor=UserFactory(),
            decision=revoked,
            kind=ExclusionLink.Kind.ASSOCIATED,
            linked_provider=LabourProviderFactory(),
        )
    assert not ExclusionLink.objects.exists()


def test_lookup_by_company_number_and_by_name(anonymous, revoked):
    refused_provider(legal_name="Refused Crew Ltd", company_number="08000001")

    by_number = anonymous.get("/api/v1/exclusions?company_number=08000001").json()
    by_name = anonymous.get("/api/v1/exclusions?name=phoenix fields ltd").json()
    nothing = anonymous.get("/api/v1/exclusions?company_number=99999999").json()
    bad = anonymous.get("/api/v1/exclusions")

    assert [r["party"]["name"] for r in by_number["results"]] == ["Refused Crew Ltd"]
    assert by_number["results"][0]["status"] == "refused"
    assert [r["party"]["name"] for r in by_name["results"]] == ["Phoenix Fields Ltd"]
    assert nothing == {"results": [], "receipt": None}
    assert bad.status_code == 400
    assert "company_number" in bad.json()["detail"]


def test_csv_and_json_files_and_the_dictionary(anonymous, revoked):
    refused_provider(legal_name="Refused Crew Ltd", company_number="08000001")

    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(anonymous.get("/open-data/exclusions.csv").streaming_content).decode()
            )
        )
    )
    data = anonymous.get("/open-data/exclusions.json")
    import json

    document = json.loads(b"".join(data.streaming_content))
    dictionary = anonymous.get("/open-data/exclusions/").content.decode()

    assert {r["holder_name"] for r in rows} == {"Phoenix Fields Ltd", "Refused Crew Ltd"}
    revoked_row = next(r for r in rows if r["outcome"] == "revoked")
    assert revoked_row["grounds"] == "7.1"
    assert revoked_row["company_number"] == "07000001"
    assert len(document["exclusions"]) == 2
    for column in rows[0]:
        assert f"<code>{column}</code>" in dictionary


def test_a_refusal_reversed_on_appeal_is_not_an_exclusion(anonymous):
    refused_provider(legal_name="Refused Crew Ltd", company_number="08000001")
    AdverseDecision.objects.update(state=AdverseDecision.State.REVERSED)

    assert anonymous.get("/api/v1/exclusions?company_number=08000001").json()["results"] == []


def test_lookup_with_receipt(anonymous, revoked):
    response = anonymous.get("/api/v1/exclusions?company_number=07000001&receipt=1").json()

    receipt = anonymous.get(f"/api/v1/receipts/{response['receipt']['code']}").json()
    assert receipt["kind"] == "exclusion_lookup"
    assert receipt["answer"][0]["party"]["name"] == "Phoenix Fields Ltd"
    assert timedelta(0) <= timezone.now() - timezone.datetime.fromisoformat(receipt["issued_at"])


def test_office_staff_confirm_links_on_the_decision_page(client, revoked, decision_maker):
    successor = LabourProviderFactory(
        legal_name="Phoenix Fields Two Ltd", company_number="07000002"
    )
    client.force_login(decision_maker)
    url = f"/office/decisions/{revoked.pk}/exclusion-links/"

    unknown = client.post(url, {"kind": "successor", "company_number": "00000000"})
    confirmed = client.post(
        url, {"kind": "successor", "company_number": "07000002", "public_note": "Same site."}
    )
    page = client.get(url).content.decode()

    assert unknown.status_code == 400
    assert "No provider has this company number." in unknown.content.decode()
    assert confirmed.status_code == 302
    link = ExclusionLink.objects.get()
    assert (link.linked_provider, link.confirmed_by) == (successor, decision_maker)
    assert "Phoenix Fields Two Ltd (07000002)" in page
    assert AuditEntry.objects.filter(action="exclusion_link_confirmed").count() == 1


def test_the_link_page_is_for_decision_makers_only(client, revoked, inspector):
    client.force_login(inspector)

    response = client.post(
        f"/office/decisions/{revoked.pk}/exclusion-links/",
        {"kind": "successor", "company_number": "07000001"},
    )

    assert response.status_code == 403
    assert not ExclusionLink.objects.exists()
