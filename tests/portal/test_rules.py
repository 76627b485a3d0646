"""The portal shows what the services allow: one rule each for the applicant's timeline
wording, the pay button, renewal, changes and surrender, used by both the page and the
service."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import selectors as licensing_selectors
from licensing import services as licensing_services
from licensing.models import Application, LicensingPolicy
from licensing.workflow import ServiceError
from portal import selectors, services
from tests.factories import LicenceFactory
from tests.portal.conftest import business_post, people_post

pytestmark = pytest.mark.django_db


def test_the_timeline_reads_as_the_office_audit_trail_does(
    submitted_a, applicant_a, client_for, licensing_officer
):
    returned = licensing_services.application_return(
        application=submitted_a, actor=licensing_officer, message="Send a sample contract."
    )
    services.answer_and_resubmit(application=returned, actor=applicant_a, message="Attached.")
    shown = [
        entry
        for entry in licensing_selectors.audit_trail(application=submitted_a)
        if entry.action in selectors.TIMELINE_ACTIONS
    ]
    assert [entry.action for entry in shown] == ["submit", "return_for_information", "resubmit"]
    assert [event.what for event in selectors.timeline(submitted_a)] == [
        entry.words for entry in shown
    ]
    body = (
        client_for(applicant_a)
        .get(reverse("portal:application", args=[submitted_a.reference]))
        .content.decode()
    )
    for entry in shown:
        assert entry.words in body


def test_a_payment_request_on_the_timeline_adds_its_reference(submitted_a, applicant_a):
    payment = licensing_services.fee_payment_request(
        application=submitted_a, actor=applicant_a, method="bank_transfer"
    )
    (event,) = [e for e in selectors.timeline(submitted_a) if payment.reference in e.what]
    assert event.what.startswith("Payment requested: reference ")


def test_the_pay_page_follows_the_one_fee_rule(submitted_a, applicant_a, client_for):
    licensing_services.application_withdraw(application=submitted_a, actor=applicant_a)
    submitted_a.refresh_from_db()
    client = client_for(applicant_a)
    page = client.get(reverse("portal:pay", args=[submitted_a.reference])).content.decode()
    assert str(submitted_a.fee_payment_refusal()) in page
    assert "Continue to payment" not in page
    status = client.get(reverse("portal:application", args=[submitted_a.reference]))
    assert "Pay the fee" not in status.content.decode()


def test_a_suspended_licence_is_not_offered_for_renewal(
    agency_a, applicant_a, client_for, decision_maker
):
    licence = LicenceFactory(
        provider=agency_a, expires_on=timezone.localdate() + timedelta(days=20)
    )
    licensing_services.licence_suspend(licence=licence, actor=decision_maker, reason="Inquiry")
    licence.refresh_from_db()
    client = client_for(applicant_a)
    renew_url = reverse("portal:renew", args=[licence.urn])
    assert renew_url not in client.get(reverse("portal:home")).content.decode()
    page = client.get(reverse("portal:licence", args=[licence.urn])).content.decode()
    assert renew_url not in page
    assert reverse("portal:surrender", args=[licence.urn]) in page
    assert "Start the renewal" not in client.get(renew_url).content.decode()
    client.post(renew_url)
    assert not Application.objects.filter(kind=Application.Kind.RENEWAL).exists()
    with pytest.raises(ServiceError):
        services.renewal_start(licence=licence, actor=applicant_a)


def test_an_ended_licence_offers_no_change_or_surrender(agency_a, applicant_a, client_for):
    licence = LicenceFactory(provider=agency_a, state="expired")
    client = client_for(applicant_a)
    page = client.get(reverse("portal:licence", args=[licence.urn])).content.decode()
    assert "What you can do" not in page
    for name in ("change", "surrender"):
        body = client.get(reverse(f"portal:{name}", args=[licence.urn])).content.decode()
        assert "in force" in body and "novalidate" not in body
    response = client.post(reverse("portal:surrender", args=[licence.urn]), {"reason": "Closing"})
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_change_page_states_the_policy_deadline(licence_a, applicant_a, client_for):
    policy = LicensingPolicy.load()
    policy.change_notification_working_days = 15
    policy.save()
    body = (
        client_for(applicant_a).get(reverse("portal:change", args=[licence_a.urn])).content.decode()
    )
    assert "within 15 working days" in body and "20 working days" not in body


def test_an_empty_message_keeps_the_status_page(submitted_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        reverse("portal:message", args=[submitted_a.reference]), {"body": ""}
    )
    assert response.status_code == 400
    assert "Write a message first." in response.content.decode()


@pytest.mark.parametrize(
    "step,data,typed",
    [
        ("business", business_post(town="Wisbech"), 'value="Wisbech"'),
        (
            "people",
            {
                **people_post([{"full_name": "Ada Applicant", "date_of_birth": "1980-04-02"}]),
                "people-TOTAL_FORMS": "1",
            },
            'value="Ada Applicant"',
        ),
    ],
)
def test_a_refused_save_is_shown_with_what_was_typed(
    step, data, typed, draft_a, applicant_a, client_for, monkeypatch
):
    def refuse(**kwargs):
        raise ServiceError("This application was submitted and can no longer be changed.")

    monkeypatch.setattr(services, "draft_save_step", refuse)
    response = client_for(applicant_a).post(
        reverse("portal:step", args=[draft_a.reference, step]), data
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "can no longer be changed" in body and typed in body


def test_the_portal_addresses_in_licensing_emails_are_the_pages_that_serve_them():
    from django.urls import reverse

    from licensing.notifications import portal_application_path, portal_renewal_path

    assert portal_application_path("A1234567") == reverse("portal:application", args=["A1234567"])
    assert portal_renewal_path("ANGL0001") == reverse("portal:renew", args=["ANGL0001"])
