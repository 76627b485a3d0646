"""The licence certificate, decision letters and revocation notices as people read them."""

from datetime import timedelta

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.utils import timezone

from core.pdf import unicode_fonts
from licensing import pdfs, services
from licensing.models import AdverseDecision, Application, Licence
from tests.factories import (
    ApplicationFactory,
    LicenceConditionFactory,
    LicenceFactory,
    PersonFactory,
    ProviderRoleFactory,
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    """All the text of the PDF, with line breaks and runs of spaces made single spaces."""
    document = pdfium.PdfDocument(data)
    try:
        return " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    finally:
        document.close()


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def qr_codes_on_first_page(data: bytes) -> list[str]:
    document = pdfium.PdfDocument(data)
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


def day(value) -> str:
    return f"{value.day} {value:%B %Y}"


@pytest.fixture
def principal_authority(agency_a):
    return ProviderRoleFactory(
        provider=agency_a, person=PersonFactory(full_name="Ada Applicant")
    ).person


def assess(application, applicant, licensing_officer):
    application = services.application_submit(application=application, actor=applicant)
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    application = services.application_validate(application=application, actor=licensing_officer)
    return services.application_start_assessment(application=application, actor=licensing_officer)


@pytest.fixture
def under_assessment(agency_a, applicant_a, licensing_officer, principal_authority):
    return assess(ApplicationFactory(provider=agency_a), applicant_a, licensing_officer)


PAYSLIPS = services.ConditionSpec(
    text="Give every worker an itemised payslip.",
    due_date=timezone.localdate() + timedelta(days=28),
    standard_code="5.4",
    standard_title="Itemised payslips",
)
TRANSPORT = services.ConditionSpec(
    text="Check that every minibus driver holds a valid licence.",
    due_date=timezone.localdate() + timedelta(days=56),
    standard_code="6.2",
    standard_title="Transport safety",
)


@pytest.fixture
def granted_with_conditions(under_assessment, licensing_officer, agency_a):
    agency_a.trading_names = ["Anglia Pickers"]
    agency_a.save()
    return services.application_grant(
        application=under_assessment,
        actor=licensing_officer,
        reason="Two standards failed",
        conditions=[PAYSLIPS, TRANSPORT],
    )


# The certificate.


def test_the_certificate_shows_the_holder_licence_conditions_and_code(granted_with_conditions):
    licence = granted_with_conditions.licence
    certificate = pdfs.latest_certificate(licence)

    text = pdf_text(pdfs.licence_certificate_pdf(certificate))

    assert "Labour Provider Licensing Authority" in text
    assert "Anglia Field Labour Ltd" in text
    assert "Trading as: Anglia Pickers" in text
    assert licence.urn in text
    assert "Active with additional conditions" in text
    assert "Agriculture" in text
    assert "Ada Applicant" in text
    assert "Give every worker an itemised payslip." in text
    assert f"Due by {day(PAYSLIPS.due_date)}" in text
    assert "Check that every minibus driver holds a valid licence." in text
    assert f"Valid from {day(licence.granted_on)}" in text
    assert f"Valid until {day(certificate.valid_until)}" in text
    assert certificate.display_code in text


def test_the_certificate_qr_code_opens_the_verify_page_for_its_code(granted_with_conditions):
    certificate = pdfs.latest_certificate(granted_with_conditions.licence)

    codes = qr_codes_on_first_page(pdfs.licence_certificate_pdf(certificate))

    # The address, then after "#" (never sent to the server) the signed offline payload.
    assert codes == [pdfs.qr_text(certificate)]
    assert codes[0].startswith(f"http://testserver/verify/{certificate.code}/#LC1.")


def test_every_issued_code_gives_a_readable_qr_code():
    # The QR mask is fixed rather than chosen per code: check a spread of random codes.
    licence = LicenceFactory()
    for _ in range(12):
        certificate = services.issue_certificate(licence=licence)
        codes = qr_codes_on_first_page(pdfs.licence_certificate_pdf(certificate))
        assert codes == [pdfs.qr_text(certificate)]


def test_conditions_met_or_breached_are_not_on_the_certificate(licensing_officer):
    licence = LicenceFactory()
    met = LicenceConditionFactory(licence=licence, text="Register with the tax office.")
    services.condition_mark_met(condition=met, actor=licensing_officer)
    LicenceConditionFactory(licence=licence, text="Provide payslips in the workers' language.")

    text = pdf_text(pdfs.licence_certificate_pdf(services.issue_certificate(licence=licence)))

    assert "Register with the tax office." not in text
    assert "Provide payslips in the workers' language." in text


def test_a_certificate_without_conditions_says_so():
    text = pdf_text(
        pdfs.licence_certificate_pdf(services.issue_certificate(licence=LicenceFactory()))
    )
    assert "Additional licence conditions in force None." in text


def test_many_conditions_continue_on_a_second_page_with_the_qr_code_on_the_first():
    licence = LicenceFactory()
    for number in range(14):
        LicenceConditionFactory(
            licence=licence,
            text=f"Condition number {number} with enough words to need its own line or two.",
        )
    certificate = services.issue_certificate(licence=licence)

    data = pdfs.licence_certificate_pdf(certificate)

    assert page_count(data) == 2
    text = pdf_text(data)
    assert all(f"Condition number {number} " in text for number in range(14))
    assert f"Licence certificate {licence.urn} (continued)" in text
    assert qr_codes_on_first_page(data) == [pdfs.qr_text(certificate)]


def test_names_outside_latin_1_are_printed_as_written(agency_a):
    if unicode_fonts() is None:
        pytest.skip("DejaVu Sans is not installed")
    ProviderRoleFactory(provider=agency_a, person=PersonFactory(full_name="Łukasz Ștefănescu"))
    licence = LicenceFactory(provider=agency_a)

    text = pdf_text(pdfs.licence_certificate_pdf(services.issue_certificate(licence=licence)))

    assert "Łukasz Ștefănescu" in text


# Decision letters.


def test_a_grant_letter_names_the_licence_and_its_dates(under_assessment, licensing_officer):
    application = services.application_grant(application=under_assessment, actor=licensing_officer)
    licence = application.licence

    text = pdf_text(pdfs.decision_letter_pdf(application))

    assert "Dear Ada Applicant," in text
    assert "Anglia Field Labour Ltd 1 Market Street Wisbech PE13 1AA" in text
    assert application.reference in text
    assert f"Date {day(timezone.localdate())}" in text
    assert "We have granted your application for a licence." in text
    assert f"Your licence number is {licence.urn}." in text
    assert f"until {day(licence.expires_on)}" in text
    assert "Additional licence conditions" not in text


def test_a_grant_with_conditions_lists_each_condition_standard_and_due_date(
    granted_with_conditions,
):
    text = pdf_text(pdfs.decision_letter_pdf(granted_with_conditions))

    assert "granted with additional licence conditions" in text
    assert "1. Standard 5.4 Give every worker an itemised payslip." in text
    assert f"Due by {day(PAYSLIPS.due_date)}" in text
    assert "2. Standard 6.2 Check that every minibus driver holds a valid licence." in text
    assert f"Due by {day(TRANSPORT.due_date)}" in text


def test_a_refusal_letter_gives_the_reasons_and_the_appeal_deadlines(
    under_assessment, licensing_officer
):
    application = services.application_refuse(
        application=under_assessment,
        actor=licensing_officer,
        reasons="Workers were charged a fee for finding work (standard 7.1).",
    )
    decision = application.decisions.get()

    text = pdf_text(pdfs.decision_letter_pdf(application))

    assert "Your application" in text and "refused" in text
    assert "Workers were charged a fee for finding work (standard 7.1)." in text
    assert f"within 10 days, by {day(decision.pre_appeal_deadline)}" in text
    assert f"within 20 working days of the decision, by {day(decision.appeal_deadline)}" in text


def test_the_refusal_letter_takes_its_deadlines_from_the_decision(
    under_assessment, licensing_officer
):
    application = services.application_refuse(
        application=under_assessment, actor=licensing_officer, reasons="Not fit and proper."
    )
    moved = timezone.localdate() + timedelta(days=45)
    AdverseDecision.objects.filter(application=application).update(appeal_deadline=moved)

    text = pdf_text(pdfs.decision_letter_pdf(application))

    assert f"by {day(moved)}" in text


def test_a_renewal_letter_gives_the_new_expiry_date(
    agency_a, applicant_a, licensing_officer, principal_authority
):
    licence = LicenceFactory(provider=agency_a)
    renewal = ApplicationFactory(provider=agency_a, kind=Application.Kind.RENEWAL, licence=licence)
    application = services.application_grant(
        application=assess(renewal, applicant_a, licensing_officer), actor=licensing_officer
    )
    licence.refresh_from_db()
    renewed_until = licence.expires_on
    # A later renewal does not change what this letter said.
    Licence.objects.filter(pk=licence.pk).update(expires_on=renewed_until + timedelta(days=365))

    text = pdf_text(pdfs.decision_letter_pdf(Application.objects.get(pk=application.pk)))

    assert f"We have renewed your licence {licence.urn}." in text
    assert f"It is now valid until {day(renewed_until)}." in text


def test_an_undecided_application_has_no_decision_letter(under_assessment):
    with pytest.raises(ValueError):
        pdfs.decision_letter_pdf(under_assessment)


# Revocation notices.


@pytest.fixture
def licence_a(agency_a, principal_authority):
    return LicenceFactory(provider=agency_a)


def test_a_revocation_with_immediate_effect_applies_now_with_10_working_days_to_appeal(
    licence_a, decision_maker
):
    decision = services.licence_revoke(
        licence=licence_a, actor=decision_maker, reasons="Passports retained.", immediate=True
    )

    text = pdf_text(pdfs.revocation_notice_pdf(decision))

    assert "Dear Ada Applicant," in text
    assert f"Revocation of licence {licence_a.urn} with immediate effect" in text
    assert f"it was revoked on {day(decision.decided_on)}" in text
    assert "Passports retained." in text
    assert f"within 10 working days of the decision, by {day(decision.appeal_deadline)}" in text
    assert "stays in force" not in text


def test_a_revocation_without_immediate_effect_keeps_the_licence_in_force_until_the_deadline(
    licence_a, decision_maker
):
    decision = services.licence_revoke(
        licence=licence_a, actor=decision_maker, reasons="Debt bondage found.", immediate=False
    )

    text = pdf_text(pdfs.revocation_notice_pdf(decision))

    assert f"Notice of revocation of licence {licence_a.urn}" in text
    assert "with immediate effect" not in text
    assert (
        f"your licence stays in force until the appeal window closes on "
        f"{day(decision.appeal_deadline)}" in text
    )
    assert "if the appeal is dismissed, the revocation takes effect" in text
    assert f"within 20 working days of the decision, by {day(decision.appeal_deadline)}" in text
    licence_a.refresh_from_db()
    assert licence_a.state == Licence.State.ACTIVE


def test_a_long_notice_continues_on_a_second_page(licence_a, decision_maker):
    reasons = "\n".join(
        f"Finding {number}: workers' identity documents retained." for number in range(60)
    )
    decision = services.licence_revoke(
        licence=licence_a, actor=decision_maker, reasons=reasons, immediate=True
    )

    data = pdfs.revocation_notice_pdf(decision)

    assert page_count(data) == 2
    text = pdf_text(data)
    assert f"{licence_a.urn}, continued" in text
    assert "Finding 59: workers' identity documents retained." in text
    assert "Yours sincerely," in text


def test_a_refusal_is_not_a_revocation_notice(under_assessment, licensing_officer):
    application = services.application_refuse(
        application=under_assessment, actor=licensing_officer, reasons="Not fit and proper."
    )
    with pytest.raises(ValueError):
        pdfs.revocation_notice_pdf(application.decisions.get())
