"""Inspectors record and recommend; decision makers review; licensing officers decide."""

from datetime import timedelta

import pypdfium2
import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from inspections import services
from inspections.models import Concern, Finding, Inspection
from inspections.selectors import concern_status_for_reporter, latest_approved_report
from licensing import services as licensing_services
from licensing.fast_track import eligibility as fast_track_eligibility
from licensing.models import Application, AuditEntry, Licence, LicenceCondition
from licensing.pdfs import latest_certificate, licence_certificate_pdf
from licensing.workflow import TransitionRefused
from tests.factories import ApplicationFactory, LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]


@pytest.fixture
def edition(db):
    return make_edition({"2.3": (8, False), "7.2": (8, False), "7.1": (30, True)})


@pytest.fixture
def application_at_inspection(edition, agency_a, applicant_a, licensing_officer):
    application = ApplicationFactory(provider=agency_a)
    application = licensing_services.application_submit(application=application, actor=applicant_a)
    payment = licensing_services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    licensing_services.fee_payment_received(payment=payment, actor=licensing_officer)
    application = licensing_services.application_validate(
        application=application, actor=licensing_officer
    )
    application = licensing_services.application_start_assessment(
        application=application, actor=licensing_officer
    )
    return licensing_services.application_require_inspection(
        application=application, actor=licensing_officer
    )


def schedule_application_inspection(application, scheduler, inspector):
    inspection = services.inspection_schedule(
        actor=scheduler,
        kind=Inspection.Kind.APPLICATION,
        application=application,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    return services.inspection_start(inspection=inspection, actor=inspector)


def test_a_report_cannot_be_submitted_with_standards_missing(
    application_at_inspection, decision_maker, inspector
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    services.inspection_record_visit(
        inspection=inspection,
        actor=inspector,
        visited_on=timezone.localdate(),
        workers_employed=50,
        workers_interviewed=2,
    )
    with pytest.raises(TransitionRefused, match="finding for every standard"):
        services.inspection_submit(inspection=inspection, actor=inspector)


def test_returned_resubmitted_approved_then_the_officer_grants_with_the_proposed_conditions(
    application_at_inspection, decision_maker, inspector, licensing_officer
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)

    with pytest.raises(TransitionRefused, match="what the inspector needs to change"):
        services.inspection_return(inspection=inspection, actor=decision_maker, comments=" ")
    services.inspection_return(
        inspection=inspection, actor=decision_maker, comments="Add the payslip evidence."
    )
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.RETURNED
    assert inspection.review_comments == "Add the payslip evidence."

    standard = inspection.edition.standards.get(code="7.2")
    services.finding_record(
        inspection=inspection,
        actor=inspector,
        standard=standard,
        result=Finding.Result.NOT_COMPLIANT,
        evidence="Two workers had no contract.",
    )
    services.inspection_submit(inspection=inspection, actor=inspector)
    assert latest_approved_report(application_at_inspection) is None
    services.inspection_approve(inspection=inspection, actor=decision_maker)

    inspection.refresh_from_db()
    application_at_inspection.refresh_from_db()
    assert inspection.state == Inspection.State.APPROVED
    assert inspection.failed_points == 16
    assert application_at_inspection.state == Application.State.UNDER_ASSESSMENT
    assert latest_approved_report(application_at_inspection) == inspection

    services.inspection_apply_conditions(inspection=inspection, actor=licensing_officer)
    application_at_inspection.refresh_from_db()
    assert application_at_inspection.state == Application.State.GRANTED_WITH_CONDITIONS
    licence = application_at_inspection.licence
    assert licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
    assert sorted(licence.conditions.values_list("standard_code", flat=True)) == ["2.3", "7.2"]
    with pytest.raises(TransitionRefused, match="already applied"):
        inspection.refresh_from_db()
        services.inspection_apply_conditions(inspection=inspection, actor=licensing_officer)
    assert AuditEntry.objects.filter(action="inspection_approve", actor=decision_maker).exists()


def test_an_inspector_cannot_review_or_make_a_licensing_decision(
    application_at_inspection, decision_maker, inspector
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    record_all(inspection, inspector)
    services.inspection_submit(inspection=inspection, actor=inspector)
    with pytest.raises(PermissionDenied):
        services.inspection_approve(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    inspection.refresh_from_db()
    application_at_inspection.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.inspection_apply_conditions(inspection=inspection, actor=inspector)
    with pytest.raises(PermissionDenied):
        licensing_services.application_grant(application=application_at_inspection, actor=inspector)
    with pytest.raises(PermissionDenied):
        licensing_services.application_refuse(
            application=application_at_inspection, actor=inspector, reasons="Failed"
        )
    application_at_inspection.refresh_from_db()
    assert application_at_inspection.state == Application.State.UNDER_ASSESSMENT


def test_only_the_assigned_inspector_records_findings(edition, decision_maker, inspector):
    from tests.factories import UserFactory

    other = UserFactory(username="other_inspector", groups=["Inspector"])
    inspection = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    with pytest.raises(PermissionDenied):
        services.finding_record(
            inspection=inspection,
            actor=other,
            standard=edition.standards.first(),
            result=Finding.Result.COMPLIANT,
        )


def test_applying_conditions_to_a_licence_after_a_compliance_inspection(
    edition, decision_maker, inspector
):
    licence = LicenceFactory()
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    inspection.refresh_from_db()
    services.inspection_apply_conditions(inspection=inspection, actor=decision_maker)
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
    condition = licence.conditions.get()
    assert condition.due_date == timezone.localdate() + timedelta(days=60)


def test_failed_standards_and_upheld_complaints_block_the_fast_track(
    edition, decision_maker, inspector
):
    licence = LicenceFactory()
    assert fast_track_eligibility(licence).qualifies
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    assert fast_track_eligibility(licence).qualifies, "a report under review does not count yet"
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    eligibility = fast_track_eligibility(licence)
    assert not eligibility.qualifies
    assert any("failed at an inspection" in reason for reason in eligibility.reasons)


def test_a_complaint_led_inspection_settles_its_concern(edition, decision_maker, inspector):
    licence = LicenceFactory()
    concern = services.concern_report(
        provider=licence.provider, description="Workers paid for the bus.", language="ro"
    )
    services.concern_start_review(concern=concern, actor=decision_maker)
    inspection = services.concern_open_inspection(
        concern=concern,
        actor=decision_maker,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    assert inspection.kind == Inspection.Kind.COMPLAINT and inspection.licence == licence
    assert concern_status_for_reporter(concern.reference).status_label == "Under review"
    services.inspection_start(inspection=inspection, actor=inspector)
    record_all(inspection, inspector, failed_codes=("7.1",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    concern.refresh_from_db()
    assert concern.state == Concern.State.CLOSED
    assert concern.outcome == Concern.Outcome.UPHELD
    eligibility = fast_track_eligibility(licence)
    assert any("complaint(s) upheld" in reason for reason in eligibility.reasons)


def test_a_concern_is_closed_with_a_reason(decision_maker, inspector):
    concern = services.concern_report(provider_name="Unknown Ltd", description="x", language="en")
    with pytest.raises(TransitionRefused, match="Say why"):
        services.concern_close(
            concern=concern, actor=decision_maker, reason="", outcome="not_upheld"
        )
    with pytest.raises(PermissionDenied):
        services.concern_close(concern=concern, actor=inspector, reason="x", outcome="not_upheld")
    services.concern_close(
        concern=concern, actor=decision_maker, reason="Not a labour provider.", outcome="not_upheld"
    )
    concern.refresh_from_db()
    assert concern.state == Concern.State.CLOSED and concern.closed_reason


def test_a_started_inspection_can_be_cancelled_with_its_reason(
    application_at_inspection, decision_maker, inspector, licensing_officer
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    services.inspection_cancel(
        inspection=inspection, actor=decision_maker, reason="The agency ceased trading."
    )
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.CANCELLED
    assert inspection.cancelled_reason == "The agency ceased trading."


# The inspector's evidence and the condition's public wording.

MARKER = "ZZPRIVATEMARKER42"


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_inspectors_evidence_never_reaches_the_public(
    application_at_inspection, decision_maker, inspector, licensing_officer, anonymous
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    record_all(inspection, inspector, failed_codes=("2.3",))
    finding = inspection.findings.get(standard__code="2.3")
    type(finding.standard).objects.filter(pk=finding.standard_id).update(title="Itemised payslips")
    finding.standard.refresh_from_db()
    services.finding_record(
        inspection=inspection,
        actor=inspector,
        standard=finding.standard,
        result=finding.result,
        evidence=f"Two of eight workers interviewed had no itemised payslip {MARKER}",
    )
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    inspection.refresh_from_db()
    services.inspection_apply_conditions(inspection=inspection, actor=licensing_officer)

    condition = LicenceCondition.objects.get()
    assert MARKER in condition.inspection_evidence  # staff keep it
    title = finding.standard.title
    assert condition.text == title
    licence = condition.licence
    urn = licence.urn

    page = anonymous.get(f"/register/{urn}/").content.decode()
    assert title in page and page.count(title) == 1  # the standard's name, once
    responses = {
        "register page": page,
        "register search": anonymous.get("/register/", {"q": licence.provider.legal_name}),
        "record.pdf": pdf_text(anonymous.get(f"/register/{urn}/record.pdf").content),
        "certificate": pdf_text(licence_certificate_pdf(latest_certificate(licence))),
        "verify page": anonymous.get(f"/verify/{latest_certificate(licence).code}/"),
        "API licence": anonymous.get(f"/api/v1/licences/{urn}"),
        "changes feed": anonymous.get("/api/v1/changes"),
        "open data CSV": anonymous.get("/open-data/register.csv"),
        "open data JSON": anonymous.get("/open-data/register.json"),
    }
    for where, response in responses.items():
        if not isinstance(response, str):
            assert response.status_code == 200, where
            response = (
                b"".join(response.streaming_content).decode()
                if getattr(response, "streaming", False)
                else response.content.decode()
            )
        assert MARKER not in response, f"the evidence leaked into the {where}"
    assert title in pdf_text(anonymous.get(f"/register/{urn}/record.pdf").content)
