"""Staff download certificates, decision letters and revocation notices from the back office."""

import pytest
from django.urls import reverse

from licensing import services
from licensing.models import Application
from tests.factories import ApplicationFactory, LicenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(agency_a):
    licence = LicenceFactory(provider=agency_a)
    services.issue_certificate(licence=licence)
    return licence


@pytest.fixture
def refused(agency_a, applicant_a, licensing_officer):
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    application = services.application_validate(application=application, actor=licensing_officer)
    application = services.application_start_assessment(
        application=application, actor=licensing_officer
    )
    return services.application_refuse(
        application=application, actor=licensing_officer, reasons="Not fit and proper."
    )


@pytest.fixture
def revocation(licence, decision_maker):
    return services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Debt bondage found.", immediate=False
    )


def assert_pdf(response, filename):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert response.content.startswith(b"%PDF-")


def test_staff_get_the_latest_certificate(client_for, inspector, licence):
    response = client_for(inspector).get(reverse("office:certificate_pdf", args=[licence.urn]))
    assert_pdf(response, f"{licence.urn}-certificate.pdf")
    assert reverse("office:certificate_pdf", args=["FENL0001"]).startswith("/office/licences/")


def test_the_licence_number_is_found_whatever_its_case(client_for, inspector, licence):
    response = client_for(inspector).get(
        reverse("office:certificate_pdf", args=[licence.urn.lower()])
    )
    assert response.status_code == 200


def test_a_licence_without_a_certificate_or_an_unknown_one_is_not_found(
    client_for, licensing_officer
):
    client = client_for(licensing_officer)
    without = LicenceFactory()
    assert client.get(reverse("office:certificate_pdf", args=[without.urn])).status_code == 404
    assert client.get(reverse("office:certificate_pdf", args=["NONE9999"])).status_code == 404


def test_staff_get_the_decision_letter_of_a_decided_application(
    client_for, licensing_officer, refused
):
    response = client_for(licensing_officer).get(
        reverse("office:decision_letter_pdf", args=[refused.reference])
    )
    assert_pdf(response, f"{refused.reference}-decision.pdf")


def test_an_undecided_or_unknown_application_has_no_decision_letter(
    client_for, licensing_officer, agency_a
):
    client = client_for(licensing_officer)
    draft = ApplicationFactory(provider=agency_a)
    assert draft.state == Application.State.DRAFT
    url = reverse("office:decision_letter_pdf", args=[draft.reference])
    assert client.get(url).status_code == 404
    missing = reverse("office:decision_letter_pdf", args=["A0000000"])
    assert client.get(missing).status_code == 404


def test_staff_get_the_revocation_notice(client_for, decision_maker, revocation, licence):
    response = client_for(decision_maker).get(
        reverse("office:revocation_notice_pdf", args=[revocation.pk])
    )
    assert_pdf(response, f"{licence.urn}-revocation-notice.pdf")


def test_a_refusal_or_unknown_decision_has_no_revocation_notice(
    client_for, licensing_officer, refused
):
    client = client_for(licensing_officer)
    refusal = refused.decisions.get()
    assert client.get(reverse("office:revocation_notice_pdf", args=[refusal.pk])).status_code == 404
    assert client.get(reverse("office:revocation_notice_pdf", args=[999999])).status_code == 404


@pytest.fixture
def urls(licence, refused, revocation):
    return [
        reverse("office:certificate_pdf", args=[licence.urn]),
        reverse("office:decision_letter_pdf", args=[refused.reference]),
        reverse("office:revocation_notice_pdf", args=[revocation.pk]),
    ]


def test_anonymous_visitors_are_sent_to_the_staff_sign_in(anonymous, urls):
    for url in urls:
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("office:sign_in"))


def test_agency_users_are_refused(client_for, applicant_a, applicant_b, urls):
    # Agencies get their own documents through the portal, which checks membership.
    for applicant in (applicant_a, applicant_b):
        client = client_for(applicant)
        for url in urls:
            assert client.get(url).status_code == 403
