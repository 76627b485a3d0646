from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from licensing import services as licensing_services
from licensing.models import Application, AuditEntry, CaseMessage, Document, FeePayment
from portal import selectors
from registry.models import Person, ProviderRole, Sector
from tests.factories import OrganisationMemberFactory, PersonFactory, UserFactory
from tests.portal.conftest import PDF, PNG, business_post, pdf_file, people_post, png_file

pytestmark = pytest.mark.django_db


def step_url(application, step):
    return reverse("portal:step", args=[application.reference, step])


def test_each_step_is_saved_as_a_draft_and_can_be_resumed(draft_a, applicant_a, client_for):
    client = client_for(applicant_a)
    response = client.post(step_url(draft_a, "business"), business_post())
    assert response["Location"] == step_url(draft_a, "activities")

    sector = Sector.objects.get(code="agriculture")
    response = client.post(
        step_url(draft_a, "activities"),
        {"sectors": [sector.pk], "recruits_from": ["PL", "RO"], "supplies_to": ["GB"]},
    )
    assert response["Location"] == step_url(draft_a, "people")

    # Another day: a fresh session picks up where the applicant stopped.
    client.logout()
    client = client_for(applicant_a)
    draft_a.refresh_from_db()
    assert draft_a.state == Application.State.DRAFT
    assert draft_a.answers["business"]["legal_name"] == "Anglia Field Labour Ltd"
    assert draft_a.answers["activities"]["recruits_from"] == ["PL", "RO"]
    page = client.get(step_url(draft_a, "business")).content.decode()
    assert 'value="123/AB45678"' in page
    overview = client.get(reverse("portal:application", args=[draft_a.reference])).content.decode()
    assert "Saved" in overview and "To do" in overview


def test_save_and_come_back_later_returns_to_the_overview(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        step_url(draft_a, "business"), {**business_post(), "save_and_return": ""}
    )
    assert response["Location"] == reverse("portal:application", args=[draft_a.reference])


def test_invalid_input_keeps_what_was_typed(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        step_url(draft_a, "business"), business_post(email="not-an-email", tax_reference="")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert 'value="not-an-email"' in body
    assert "2 Station Road" in body
    draft_a.refresh_from_db()
    assert "business" not in draft_a.answers


def test_named_individuals_need_a_principal_authority(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        step_url(draft_a, "people"),
        people_post(
            [{"full_name": "Dan Director", "date_of_birth": "1975-01-01", "role": "director"}]
        ),
    )
    assert response.status_code == 200
    assert "Name the Principal Authority" in response.content.decode()
    assert "Dan Director" in response.content.decode()


def test_a_declaration_of_yes_needs_details(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        step_url(draft_a, "people"),
        people_post(
            [{"full_name": "Ada", "date_of_birth": "1980-01-01", "unspent_convictions": "yes"}]
        ),
    )
    assert "Give the details" in response.content.decode()


def test_turnover_sets_the_band_and_shows_the_fee(draft_a, applicant_a, client_for):
    client = client_for(applicant_a)
    client.post(step_url(draft_a, "turnover"), {"turnover": "2500000"})
    draft_a.refresh_from_db()
    assert draft_a.declared_turnover == Decimal("2500000")
    page = client.get(step_url(draft_a, "documents")).content.decode()
    assert "Fee band" in page and "<dd>C</dd>" in page
    assert "3350.00 GBP" in page  # 1,200 application fee + 2,150 inspection fee


def test_submit_declares_new_people_and_never_changes_one_on_record(
    complete_draft_a, applicant_a, client_for, django_capture_on_commit_callbacks
):
    known = PersonFactory(full_name="Ada Applicant", date_of_birth=date(1980, 4, 2), email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(applicant_a).post(
            step_url(complete_draft_a, "check"), {"declaration": "on"}
        )
    assert response["Location"] == reverse("portal:pay", args=[complete_draft_a.reference])
    complete_draft_a.refresh_from_db()
    assert complete_draft_a.state == Application.State.SUBMITTED
    assert complete_draft_a.declaration_accepted_at is not None
    assert complete_draft_a.total_fee == Decimal("2250.00")
    role = ProviderRole.objects.get(provider=complete_draft_a.provider, role="pa")
    # The declaration is a new person; the one on record is unchanged and offered as a match.
    assert role.person != known
    assert Person.objects.filter(full_name="Ada Applicant").count() == 2
    known.refresh_from_db()
    assert known.email == ""
    assert [m.candidate for m in role.person.matches.all()] == [known]
    provider = complete_draft_a.provider
    provider.refresh_from_db()
    assert provider.trading_names == ["Anglia Harvest", "Fen Pickers"]
    assert [c.code for c in provider.recruits_from] == ["PL"]
    assert any("received your application" in m.subject for m in mail.outbox)


def test_submit_needs_the_declaration(complete_draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(step_url(complete_draft_a, "check"), {})
    assert "Accept the declaration of truth" in response.content.decode()
    complete_draft_a.refresh_from_db()
    assert complete_draft_a.state == Application.State.DRAFT


def test_an_incomplete_draft_cannot_be_submitted(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(step_url(draft_a, "check"), {"declaration": "on"})
    assert "Complete every step" in response.content.decode()
    draft_a.refresh_from_db()
    assert draft_a.state == Application.State.DRAFT


def test_an_unauthorised_abr_prepares_but_cannot_submit(complete_draft_a, agency_a, client_for):
    abr = UserFactory(username="abr", email="abr@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=abr, role="abr")
    client = client_for(abr)
    assert (
        client.post(step_url(complete_draft_a, "turnover"), {"turnover": "100"}).status_code == 302
    )
    page = client.get(step_url(complete_draft_a, "check")).content.decode()
    assert "Accept and submit" not in page
    client.post(step_url(complete_draft_a, "check"), {"declaration": "on"})
    complete_draft_a.refresh_from_db()
    assert complete_draft_a.state == Application.State.DRAFT


# Documents.


def test_a_pdf_is_stored_privately_and_downloaded_by_members(draft_a, applicant_a, client_for):
    client = client_for(applicant_a)
    response = client.post(
        step_url(draft_a, "documents"), {"kind": "contract", "file": pdf_file("terms.pdf")}
    )
    assert response.status_code == 302
    document = Document.objects.get(application=draft_a)
    assert document.content_type == "application/pdf"
    assert "terms" not in document.file.name
    assert not document.file.path.startswith(str(settings.MEDIA_ROOT))
    download = client.get(reverse("portal:document", args=[document.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert 'filename="terms.pdf"' in download["Content-Disposition"]


def test_a_png_renamed_to_pdf_is_rejected_with_a_reason(draft_a, applicant_a, client_for):
    response = client_for(applicant_a).post(
        step_url(draft_a, "documents"), {"kind": "tax", "file": png_file("tax-return.pdf")}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "its content is a PNG, not a PDF" in body
    assert '<option value="tax" selected>' in body
    assert not Document.objects.exists()


def test_a_file_that_is_not_pdf_jpeg_or_png_is_rejected(draft_a, applicant_a, client_for):
    fake = pdf_file("invoice.pdf", content=b"MZ\x90\x00 not really a pdf")
    response = client_for(applicant_a).post(
        step_url(draft_a, "documents"), {"kind": "other", "file": fake}
    )
    assert "must be a PDF, JPEG or PNG" in response.content.decode()
    assert not Document.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_an_oversize_file_is_rejected_and_the_form_kept(draft_a, applicant_a, client_for):
    big = png_file("scan.png", content=PNG + b"\x00" * 2048)
    response = client_for(applicant_a).post(
        step_url(draft_a, "documents"), {"kind": "identity", "file": big}
    )
    body = response.content.decode()
    assert "the largest file you can upload is 1.0\xa0KB" in body
    assert '<option value="identity" selected>' in body
    assert not Document.objects.exists()


# Fees and payment.


def test_bank_transfer_shows_the_reference_and_waits_for_staff(
    submitted_a, applicant_a, client_for, licensing_officer
):
    response = client_for(applicant_a).post(
        reverse("portal:pay", args=[submitted_a.reference]), {"method": "bank_transfer"}
    )
    payment = FeePayment.objects.get(application=submitted_a)
    body = response.content.decode()
    assert payment.reference in body and "Sort code" in body
    assert payment.state == FeePayment.State.PENDING
    submitted_a.refresh_from_db()
    assert submitted_a.fee_received_at is None
    status = client_for(applicant_a).get(
        reverse("portal:application", args=[submitted_a.reference])
    )
    assert "No assessment starts until the fee is received" in status.content.decode()
    licensing_services.fee_payment_received(payment=payment, actor=licensing_officer)
    submitted_a.refresh_from_db()
    assert submitted_a.fee_received_at is not None


@override_settings(DEBUG=False, PAYMENT_TEST_PROVIDER_ENABLED=True)
def test_the_test_provider_marks_the_fee_received_at_once(
    submitted_a, applicant_a, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(applicant_a).post(
            reverse("portal:pay", args=[submitted_a.reference]), {"method": "test"}
        )
    assert response.status_code == 302
    submitted_a.refresh_from_db()
    assert submitted_a.fee_received_at is not None
    assert FeePayment.objects.get(application=submitted_a).state == FeePayment.State.RECEIVED
    assert any("fee" in m.subject.lower() for m in mail.outbox)


@override_settings(DEBUG=False, PAYMENT_TEST_PROVIDER_ENABLED=False)
def test_the_test_provider_is_unavailable_in_production(submitted_a, applicant_a, client_for):
    client = client_for(applicant_a)
    page = client.get(reverse("portal:pay", args=[submitted_a.reference])).content.decode()
    assert "Test payment" not in page
    client.post(reverse("portal:pay", args=[submitted_a.reference]), {"method": "test"})
    submitted_a.refresh_from_db()
    assert submitted_a.fee_received_at is None
    assert not FeePayment.objects.exists()


# Status, and talking to the regulator.


def test_the_status_page_shows_a_timeline_in_plain_words_without_staff_names(
    submitted_a, applicant_a, client_for, licensing_officer
):
    payment = licensing_services.fee_payment_request(
        application=submitted_a, actor=applicant_a, method="bank_transfer"
    )
    licensing_services.fee_payment_received(payment=payment, actor=licensing_officer)
    licensing_services.application_validate(application=submitted_a, actor=licensing_officer)
    body = (
        client_for(applicant_a)
        .get(reverse("portal:application", args=[submitted_a.reference]))
        .content.decode()
    )
    assert "Application submitted" in body
    assert "Fee received" in body
    assert "Application checked and accepted for assessment" in body
    assert "Licensing team" in body
    assert "Olive" not in body and "Officer" not in body
    expected = timezone.localdate() + timedelta(days=65)
    assert f"{expected:%-d %B %Y}" in body


def test_the_decision_target_counts_from_inspection_tasking(submitted_a):
    tasked_on = timezone.localdate() - timedelta(days=70)
    submitted_a.inspection_tasked_at = timezone.make_aware(datetime.combine(tasked_on, time(12)))
    target = selectors.decision_target(submitted_a)
    assert target.is_late
    assert target.expected_on == timezone.localdate() - timedelta(days=5)


def test_returned_answer_and_resubmit(
    submitted_a, applicant_a, client_for, licensing_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        licensing_services.application_return(
            application=submitted_a, actor=licensing_officer, message="Send a sample contract."
        )
    assert any("more information" in m.subject for m in mail.outbox)
    client = client_for(applicant_a)
    status = client.get(reverse("portal:application", args=[submitted_a.reference]))
    assert "Send a sample contract." in status.content.decode()
    response = client.post(
        reverse("portal:answer", args=[submitted_a.reference]),
        {"message": "Attached.", "kind": "contract", "file": pdf_file("contract.pdf")},
    )
    assert response.status_code == 302
    submitted_a.refresh_from_db()
    assert submitted_a.state == Application.State.SUBMITTED
    assert submitted_a.documents.get().kind == "contract"
    assert CaseMessage.objects.filter(application=submitted_a, body="Attached.").exists()
    assert AuditEntry.objects.filter(application=submitted_a, action="resubmit").exists()


def test_a_rejected_file_on_the_answer_keeps_the_answer_and_resubmits_nothing(
    submitted_a, applicant_a, client_for, licensing_officer
):
    licensing_services.application_return(
        application=submitted_a, actor=licensing_officer, message="Send a contract."
    )
    response = client_for(applicant_a).post(
        reverse("portal:answer", args=[submitted_a.reference]),
        {"message": "My long answer", "kind": "contract", "file": png_file("c.pdf")},
    )
    assert response.status_code == 400
    assert "My long answer" in response.content.decode()
    submitted_a.refresh_from_db()
    assert submitted_a.state == Application.State.RETURNED


def test_a_message_is_kept_with_the_case(submitted_a, applicant_a, client_for):
    client_for(applicant_a).post(
        reverse("portal:message", args=[submitted_a.reference]), {"body": "When will you decide?"}
    )
    message = CaseMessage.objects.get(application=submitted_a)
    assert not message.from_regulator and message.author == applicant_a


def test_withdraw(submitted_a, applicant_a, client_for):
    client_for(applicant_a).post(reverse("portal:withdraw", args=[submitted_a.reference]), {})
    submitted_a.refresh_from_db()
    assert submitted_a.state == Application.State.WITHDRAWN


def test_documents_can_be_added_before_answering(
    submitted_a, applicant_a, client_for, licensing_officer
):
    licensing_services.application_return(
        application=submitted_a, actor=licensing_officer, message="Send contracts."
    )
    client = client_for(applicant_a)
    url = reverse("portal:answer", args=[submitted_a.reference])
    for name in ("one.pdf", "two.pdf"):
        response = client.post(
            url, {"upload": "", "document-kind": "contract", "document-file": pdf_file(name)}
        )
        assert response["Location"] == url
    rejected = client.post(
        url, {"upload": "", "document-kind": "contract", "document-file": png_file("x.pdf")}
    )
    assert rejected.status_code == 400
    assert submitted_a.documents.count() == 2
    submitted_a.refresh_from_db()
    assert submitted_a.state == Application.State.RETURNED
    client.post(url, {"message": "Both contracts attached."})
    submitted_a.refresh_from_db()
    assert submitted_a.state == Application.State.SUBMITTED


def test_the_check_page_shows_answers_in_words(complete_draft_a, applicant_a, client_for):
    page = client_for(applicant_a).get(step_url(complete_draft_a, "check")).content.decode()
    assert "Ada Applicant (Principal Authority)" in page
    assert "Poland" in page and "United Kingdom" in page
    assert "Agriculture" in page
    assert "2250.00 GBP" in page
