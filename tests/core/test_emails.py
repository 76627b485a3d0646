"""Plain-text emails arrive as written, with links on the configured site address."""

import pytest
from django.core import mail

from portal.services import accounts
from registry.models import OrganisationMember

pytestmark = pytest.mark.django_db


def test_an_invitation_from_staff_and_sons_is_not_html_escaped(
    applicant_a, agency_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://licensing.regulator.example"
    agency_a.legal_name = "Staff & Sons <Harvest>"
    agency_a.save()

    with django_capture_on_commit_callbacks(execute=True):
        accounts.invitation_send(
            actor=applicant_a,
            provider=agency_a,
            email="colleague@example.com",
            role=OrganisationMember.Role.COLLEAGUE,
        )

    (email,) = mail.outbox
    assert email.subject == "You are invited to act for Staff & Sons <Harvest>"
    assert "join Staff & Sons <Harvest> in the agency portal" in email.body
    assert "&amp;" not in email.body and "&lt;" not in email.body
    links = [word for word in email.body.split() if "://" in word]
    assert links and all(link.startswith("https://licensing.regulator.example/") for link in links)


def test_a_request_host_header_does_not_change_emailed_links(
    client, applicant_a, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://licensing.regulator.example"
    settings.ALLOWED_HOSTS = ["*"]
    client.force_login(applicant_a)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/portal/organisation/",
            {"email": "colleague@example.com", "role": OrganisationMember.Role.COLLEAGUE},
            HTTP_HOST="attacker.example",
        )

    (email,) = mail.outbox
    assert "attacker.example" not in email.body
    assert "https://licensing.regulator.example/portal/" in email.body
