import pytest
from django.core.cache import cache

from inspections.models import Concern, ConcernUpdate
from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


REPORT = {
    "provider": "Anglia Crew Ltd",
    "description": "They took our passports and charge 300 euro for the bus.",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "website": "",
}


def test_an_anonymous_report_gives_a_reference_once(anonymous):
    response = anonymous.post("/report/", REPORT, follow=True)

    concern = Concern.objects.get()
    text = response.content.decode()
    assert concern.reference in text
    assert concern.description == REPORT["description"]
    assert concern.contact_email == ""
    assert concern.reference not in response.redirect_chain[-1][0]
    # Shown once: reloading does not show it again.
    assert concern.reference not in anonymous.get("/report/sent/", follow=True).content.decode()


def test_a_report_naming_a_licence_number_is_linked_to_the_provider(anonymous):
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")

    anonymous.post("/report/", {**REPORT, "provider": "angl0001"})

    assert Concern.objects.get().provider == licence.provider


def test_a_report_in_polish_is_recorded_in_polish(anonymous):
    anonymous.post("/i18n/setlang/", {"language": "pl", "next": "/report/"})

    form = anonymous.get("/report/").content.decode()
    anonymous.post("/report/", REPORT)

    assert 'lang="pl"' in form
    assert "Zgłoś" in form
    assert Concern.objects.get().language == "pl"


def test_missing_answers_are_explained_and_what_was_typed_is_kept(anonymous):
    response = anonymous.post("/report/", {**REPORT, "description": "", "provider": "Some farm"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text
    assert "Some farm" in text
    assert not Concern.objects.exists()


def test_the_honeypot_stops_robots(anonymous):
    response = anonymous.post("/report/", {**REPORT, "website": "http://spam.example"})

    assert response.status_code == 200
    assert not Concern.objects.exists()


def test_a_flood_from_one_address_is_slowed_down_but_others_can_report(anonymous, client):
    for _n in range(5):
        anonymous.post("/report/", REPORT, REMOTE_ADDR="203.0.113.9")
    blocked = anonymous.post("/report/", REPORT, REMOTE_ADDR="203.0.113.9")
    other = client.post("/report/", REPORT, REMOTE_ADDR="198.51.100.4")

    assert "several reports in the last hour" in blocked.content.decode()
    assert Concern.objects.count() == 6
    assert other.status_code == 302


def test_the_reporter_adds_information_with_the_reference(anonymous):
    anonymous.post("/report/", REPORT)
    concern = Concern.objects.get()

    status = anonymous.post("/report/follow-up/", {"reference": concern.reference.lower()})
    assert "Received" in status.content.decode() or concern.get_state_display() in (
        status.content.decode()
    )
    added = anonymous.post(
        "/report/follow-up/",
        {"reference": concern.reference, "text": "The farm is near Wisbech."},
    )

    assert "We added your information" in added.content.decode()
    assert ConcernUpdate.objects.get().text == "The farm is near Wisbech."


def test_an_unknown_reference_gets_a_clear_message(anonymous):
    response = anonymous.post("/report/follow-up/", {"reference": "C-AAAA-BBBB"})

    assert "We have no concern with this reference" in response.content.decode()
