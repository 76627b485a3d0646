from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from licensing import services as licensing_services
from licensing.calendar import add_working_days
from licensing.models import Application, AuditEntry, Document
from portal import services
from portal.models import ConditionEvidence
from registry.models import ProviderRole
from tests.factories import LicenceConditionFactory, ProviderRoleFactory
from tests.portal.conftest import pdf_file, png_file

pytestmark = pytest.mark.django_db


def grant(application, officer):
    """Take a submitted application through fee, validation and assessment to a grant."""
    if application.total_fee:
        payment = licensing_services.fee_payment_request(
            application=application, actor=officer, method="bank_transfer"
        )
        licensing_services.fee_payment_received(payment=payment, actor=officer)
    application = licensing_services.application_validate(application=application, actor=officer)
    application = licensing_services.application_start_assessment(
        application=application, actor=officer
    )
    return licensing_services.application_grant(application=application, actor=officer)


def test_the_renewal_page_says_why_a_holder_qualifies_for_the_fast_track(
    licence_a, applicant_a, client_for
):
    body = client_for(applicant_a).get(reverse("portal:renew", args=[licence_a.urn])).content
    assert "You qualify" in body.decode()


def test_the_renewal_page_says_why_a_holder_does_not_qualify(licence_a, applicant_a, client_for):
    LicenceConditionFactory(licence=licence_a)
    body = client_for(applicant_a).get(reverse("portal:renew", args=[licence_a.urn])).content
    assert "You do not qualify" in body.decode()
    assert "condition(s) are still open" in body.decode()


def test_a_renewal_is_prefilled_from_the_register(licence_a, agency_a, applicant_a, client_for):
    ProviderRoleFactory(provider=agency_a, person__full_name="Ada Applicant", user=applicant_a)
    response = client_for(applicant_a).post(reverse("portal:renew", args=[licence_a.urn]))
    renewal = Application.objects.get(kind=Application.Kind.RENEWAL)
    assert renewal.licence == licence_a
    assert response["Location"] == reverse("portal:step", args=[renewal.reference, "business"])
    assert renewal.answers["business"]["legal_name"] == agency_a.legal_name
    assert renewal.answers["people"][0]["full_name"] == "Ada Applicant"
    page = client_for(applicant_a).get(response["Location"]).content.decode()
    assert f'value="{agency_a.company_number}"' in page
    # Opening the reminder link again resumes the same renewal.
    client_for(applicant_a).post(reverse("portal:renew", args=[licence_a.urn]))
    assert Application.objects.filter(kind=Application.Kind.RENEWAL).count() == 1


def notify(client, licence, **data):
    return client.post(reverse("portal:change", args=[licence.urn]), data)


def test_a_change_notified_late_gets_a_warning(licence_a, applicant_a, client_for):
    happened = timezone.localdate() - timedelta(days=45)
    client = client_for(applicant_a)
    response = notify(
        client,
        licence_a,
        what="address",
        date_of_change=happened.isoformat(),
        registered_address="5 New Road",
        town="March",
        postcode="PE15 8AA",
    )
    change = Application.objects.get(kind=Application.Kind.CHANGE)
    assert change.changes["registered_address"] == "5 New Road"
    assert change.changes["date_of_change"] == happened.isoformat()
    page = client.get(response["Location"]).content.decode()
    assert "Warning:" in page and "within 20 working days" in page
    assert "<dt>New registered address</dt><dd>5 New Road</dd>" in page
    assert f"<dd>{happened:%-d %B %Y}</dd>" in page


def test_a_change_notified_in_time_has_no_warning(licence_a, applicant_a, client_for):
    happened = timezone.localdate() - timedelta(days=3)
    client = client_for(applicant_a)
    response = notify(
        client,
        licence_a,
        what="trading_names",
        date_of_change=happened.isoformat(),
        trading_names="Fen Pickers",
    )
    page = client.get(response["Location"]).content.decode()
    assert "Warning:" not in page
    change = Application.objects.get(kind=Application.Kind.CHANGE)
    assert change.changes["trading_names"] == ["Fen Pickers"]


def test_the_late_rule_counts_working_days_not_calendar_days():
    from portal.selectors import change_timing

    happened = timezone.localdate() - timedelta(days=60)
    assert not change_timing(happened, add_working_days(happened, 20)).is_late
    assert change_timing(happened, add_working_days(happened, 21)).is_late
    # 20 working days span at least 26 calendar days.
    assert not change_timing(happened, happened + timedelta(days=26)).is_late


def test_a_change_with_missing_values_keeps_the_form(licence_a, applicant_a, client_for):
    response = notify(
        client_for(applicant_a),
        licence_a,
        what="pa",
        date_of_change=timezone.localdate().isoformat(),
        person_name="Pat New",
    )
    body = response.content.decode()
    assert "Enter this for the change" in body and 'value="Pat New"' in body
    assert not Application.objects.exists()


def test_a_change_of_pa_is_authorised_by_the_grant(
    licence_a, agency_a, applicant_a, client_for, licensing_officer
):
    old = ProviderRoleFactory(provider=agency_a, person__full_name="Old Boss", user=applicant_a)
    client = client_for(applicant_a)
    response = notify(
        client,
        licence_a,
        what="pa",
        date_of_change=timezone.localdate().isoformat(),
        person_name="Pat New",
        person_date_of_birth="1985-06-01",
        person_email="pat@anglia.example",
    )
    change = Application.objects.get()
    assert change.kind == Application.Kind.CHANGE_OF_PA
    client.post(response["Location"], {"declaration": "on"})
    change.refresh_from_db()
    assert change.state == Application.State.SUBMITTED
    new_role = ProviderRole.objects.get(pk=change.changes["new_principal_authority_role"])
    assert new_role.person.full_name == "Pat New" and not new_role.authorised_by_regulator
    grant(change, licensing_officer)
    new_role.refresh_from_db()
    old.refresh_from_db()
    assert new_role.authorised_by_regulator
    assert old.ended_on is not None


def test_a_surrender(licence_a, applicant_a, client_for):
    client = client_for(applicant_a)
    response = client.post(reverse("portal:surrender", args=[licence_a.urn]), {"reason": "Closing"})
    client.post(response["Location"], {"declaration": "on"})
    surrender = Application.objects.get(kind=Application.Kind.SURRENDER)
    assert surrender.state == Application.State.SUBMITTED and surrender.licence == licence_a


def test_conditions_show_due_date_and_overdue_flag(licence_a, applicant_a, client_for):
    overdue = LicenceConditionFactory(
        licence=licence_a, due_date=timezone.localdate() - timedelta(days=1)
    )
    body = client_for(applicant_a).get(reverse("portal:licence", args=[licence_a.urn])).content
    assert "Overdue" in body.decode()
    page = client_for(applicant_a).get(reverse("portal:condition", args=[overdue.pk])).content
    assert overdue.text in page.decode()


def test_evidence_for_a_condition_is_kept_for_the_office(licence_a, applicant_a, client_for):
    condition = LicenceConditionFactory(licence=licence_a)
    response = client_for(applicant_a).post(
        reverse("portal:condition", args=[condition.pk]),
        {"text": "Payslips now itemised.", "file": pdf_file("payslip.pdf")},
    )
    assert response.status_code == 302
    evidence = ConditionEvidence.objects.get(condition=condition)
    assert evidence.document.condition == condition
    assert evidence.document.kind == Document.Kind.EVIDENCE
    assert AuditEntry.objects.filter(
        action="condition_evidence_submitted", licence=licence_a
    ).exists()


def test_rejected_evidence_keeps_the_text(licence_a, applicant_a, client_for):
    condition = LicenceConditionFactory(licence=licence_a)
    response = client_for(applicant_a).post(
        reverse("portal:condition", args=[condition.pk]),
        {"text": "Payslips now itemised.", "file": png_file("payslip.pdf")},
    )
    assert response.status_code == 400
    assert "Payslips now itemised." in response.content.decode()
    assert not ConditionEvidence.objects.exists()


def test_condition_deadline_reminders_are_sent_once(
    licence_a, agency_a, django_capture_on_commit_callbacks
):
    LicenceConditionFactory(licence=licence_a, due_date=timezone.localdate() + timedelta(days=7))
    LicenceConditionFactory(licence=licence_a, due_date=timezone.localdate() - timedelta(days=2))
    LicenceConditionFactory(licence=licence_a, due_date=timezone.localdate() + timedelta(days=60))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.condition_deadline_reminders_send() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert services.condition_deadline_reminders_send() == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert len(subjects) == 2
    assert any("overdue" in s for s in subjects) and any("is due on" in s for s in subjects)
    assert mail.outbox[0].to == [agency_a.email]


def test_the_certificate_and_decision_letter_download(
    submitted_a, applicant_a, client_for, licensing_officer
):
    granted = grant(submitted_a, licensing_officer)
    client = client_for(applicant_a)
    certificate = client.get(reverse("portal:certificate", args=[granted.licence.urn]))
    assert certificate.status_code == 200 and certificate.content.startswith(b"%PDF")
    letter = client.get(reverse("portal:decision_letter", args=[granted.reference]))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    page = client.get(reverse("portal:application", args=[granted.reference])).content.decode()
    assert "Download the decision letter" in page


def test_home_offers_renewal_when_expiry_is_near(agency_a, applicant_a, client_for):
    from tests.factories import LicenceFactory

    soon = LicenceFactory(provider=agency_a, expires_on=timezone.localdate() + timedelta(days=20))
    later = LicenceFactory(provider=agency_a, expires_on=timezone.localdate() + timedelta(days=200))
    body = client_for(applicant_a).get(reverse("portal:home")).content.decode()
    assert reverse("portal:renew", args=[soon.urn]) in body
    assert reverse("portal:renew", args=[later.urn]) not in body
