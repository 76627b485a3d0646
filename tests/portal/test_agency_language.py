"""Agencies choose the language of their emails and letters in the portal."""

import pytest
from django.core import mail
from django.utils import translation

from licensing import notifications, pdfs
from licensing.services.licences import issue_certificate
from tests.factories import LicenceFactory

pytestmark = pytest.mark.django_db


def test_a_member_chooses_the_agency_language_in_the_portal(client, agency_a, applicant_a):
    client.force_login(applicant_a)
    page = client.get("/portal/organisation/").content.decode()
    assert 'name="language"' in page and 'value="uk"' in page

    response = client.post("/portal/organisation/language/", {"language": "pl"})

    assert response.status_code == 302
    agency_a.refresh_from_db()
    assert agency_a.language == "pl"


def test_a_language_not_offered_changes_nothing(client, agency_a, applicant_a):
    client.force_login(applicant_a)
    client.post("/portal/organisation/language/", {"language": "xx"})
    agency_a.refresh_from_db()
    assert agency_a.language == ""


def test_an_email_to_a_polish_agency_is_written_in_polish(
    agency_a, monkeypatch, django_capture_on_commit_callbacks
):
    agency_a.language = "pl"
    agency_a.save()
    licence = LicenceFactory(provider=agency_a)
    rendered_in = []
    real_render = notifications.get_template

    def render(*args, **kwargs):
        rendered_in.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(notifications, "get_template", render)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.licence_status_changed(licence, "Investigation")

    assert rendered_in == ["pl"]
    assert len(mail.outbox) == 1
    # Whatever runs next is in the language it was in before.
    assert translation.get_language() == "en"


def test_an_email_to_an_agency_without_a_choice_is_in_the_default_language(agency_a, monkeypatch):
    licence = LicenceFactory(provider=agency_a)
    rendered_in = []
    real_render = notifications.get_template

    def render(*args, **kwargs):
        rendered_in.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(notifications, "get_template", render)
    notifications.licence_status_changed(licence, "Investigation")
    assert rendered_in == ["en"]


def test_the_certificate_of_a_romanian_agency_is_printed_in_romanian(agency_a, monkeypatch):
    agency_a.language = "ro"
    agency_a.save()
    certificate = issue_certificate(licence=LicenceFactory(provider=agency_a))
    seen = []
    real_font_for = pdfs.font_for

    def font_for(*args, **kwargs):
        seen.append(translation.get_language())
        return real_font_for(*args, **kwargs)

    monkeypatch.setattr(pdfs, "font_for", font_for)
    assert pdfs.licence_certificate_pdf(certificate).startswith(b"%PDF")
    assert seen and set(seen) == {"ro"}
