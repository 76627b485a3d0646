"""The inspection screens through the browser's eyes: responses, then the database."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspections import services
from inspections.models import Concern, FeeViolation, Finding, Inspection
from licensing.models import Licence
from tests.factories import ApplicationFactory, LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def edition(db):
    return make_edition({"2.3": (8, False), "7.1": (30, True)})


@pytest.fixture
def licence(db):
    return LicenceFactory()


def test_an_inspector_records_a_visit_and_findings_and_submits(
    client_for, edition, licence, decision_maker, inspector
):
    inspection = services.inspection_schedule(
        actor=decision_maker,
        kind=Inspection.Kind.COMPLIANCE_RANDOM,
        licence=licence,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    client = client_for(inspector)
    url = reverse("office:inspection", args=[inspection.reference])
    assert "Start the visit" in client.get(url).content.decode()
    client.post(reverse("office:inspection_start", args=[inspection.reference]))

    response = client.post(
        reverse("office:inspection_visit", args=[inspection.reference]),
        {
            "visited_on": str(timezone.localdate()),
            "workers_employed": "100",
            "workers_interviewed": "4",
            "sites": "Packhouse",
        },
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Only 4% of workers were interviewed" in page

    standards = {s.code: s for s in edition.standards.all()}
    response = client.post(
        reverse("office:inspection_section", args=[inspection.reference, 1]),
        {
            f"s{standards['2.3'].pk}_result": "not_compliant",
            f"s{standards['2.3'].pk}_evidence": "No payslips for March.",
            f"s{standards['2.3'].pk}_file": SimpleUploadedFile("payslip.png", PNG),
            f"s{standards['7.1'].pk}_result": "compliant",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get(inspection=inspection, standard=standards["2.3"])
    assert finding.points == 8 and finding.attachments.count() == 1
    attachment = finding.attachments.get()
    download = client.get(
        reverse("office:inspection_attachment", args=[inspection.reference, attachment.pk])
    )
    assert download.status_code == 200

    client.post(reverse("office:inspection_submit", args=[inspection.reference]))
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.SUBMITTED
    assert inspection.failed_points == 8


def test_a_failure_without_evidence_is_explained_and_nothing_is_lost(
    client_for, edition, licence, decision_maker, inspector
):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    standard = edition.standards.get(code="2.3")
    response = client_for(inspector).post(
        reverse("office:inspection_section", args=[inspection.reference, 1]),
        {f"s{standard.pk}_result": "not_compliant", f"s{standard.pk}_evidence": ""},
    )
    assert response.status_code == 400
    assert "describe the evidence for a failure" in response.content.decode()


def test_a_wrong_file_type_is_refused(client_for, edition, licence, decision_maker, inspector):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    standard = edition.standards.get(code="2.3")
    response = client_for(inspector).post(
        reverse("office:inspection_section", args=[inspection.reference, 1]),
        {
            f"s{standard.pk}_result": "compliant",
            f"s{standard.pk}_file": SimpleUploadedFile("x.exe", b"MZ\x90\x00" * 10),
        },
    )
    assert response.status_code == 400
    assert "must be a PDF, JPEG or PNG" in response.content.decode()


def test_review_then_the_officer_applies_the_conditions_in_one_action(
    client_for, edition, licence, decision_maker, inspector
):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    client = client_for(decision_maker)
    response = client.post(
        reverse("office:inspection_review", args=[inspection.reference]),
        {"decision": "return", "comments": ""},
    )
    assert response.status_code == 400
    assert "Say what the inspector needs to change" in response.content.decode()
    client.post(
        reverse("office:inspection_review", args=[inspection.reference]), {"decision": "approve"}
    )
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.APPROVED
    page = client.get(reverse("office:inspection", args=[inspection.reference])).content.decode()
    assert "Impose the proposed conditions" in page
    apply_url = reverse("office:inspection_apply_conditions", args=[inspection.reference])
    unconfirmed = client.post(apply_url)
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm the decision." in unconfirmed.content.decode()
    assert licence.conditions.count() == 0
    client.post(apply_url, {"confirm": "on"})
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE_WITH_CONDITIONS

    pdf = client.get(reverse("office:inspection_pdf", args=[inspection.reference]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_an_inspector_gets_403_on_licensing_decisions(
    client_for, edition, inspector, agency_a, licensing_officer
):
    application = ApplicationFactory(provider=agency_a)
    client = client_for(inspector)
    for action in ("grant", "refuse"):
        response = client.post(
            reverse(f"office:application_{action}", args=[application.reference]),
            {f"{action}-reasons": "x"},
        )
        assert response.status_code == 403, action
    licence = LicenceFactory()
    inspection = started_inspection(scheduler=inspector, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    response = client.post(
        reverse("office:inspection_review", args=[inspection.reference]), {"decision": "approve"}
    )
    assert response.status_code == 403
    response = client.post(
        reverse("office:inspection_apply_conditions", args=[inspection.reference])
    )
    assert response.status_code in (302, 403)
    assert licence.conditions.count() == 0


def test_the_risk_queue_lists_licences_with_reasons_and_a_schedule_link(
    client_for, edition, licence, inspector
):
    services.risk_scores_refresh()
    response = client_for(inspector).get(reverse("office:risk_queue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert licence.urn in page and "Never inspected" in page
    assert f"?licence={licence.urn}&amp;kind=compliance_risk" in page
    schedule = client_for(inspector).get(
        reverse("office:inspection_schedule") + f"?licence={licence.urn}&kind=compliance_risk"
    )
    assert f'value="{licence.urn}"' in schedule.content.decode()


def test_reporter_identity_is_shown_only_with_the_permission(
    client_for, licensing_officer, decision_maker
):
    concern = services.concern_report(
        provider_name="Some Agency",
        description="Passports kept by the boss.",
        language="ru",
        contact_name="Olga Ivanova",
        contact_email="olga@example.org",
    )
    url = reverse("office:concern", args=[concern.reference])
    officer_page = client_for(licensing_officer).get(url).content.decode()
    assert "Passports kept" in officer_page
    assert "Olga" not in officer_page and "olga@example.org" not in officer_page
    decider_page = client_for(decision_maker).get(url).content.decode()
    assert "Olga Ivanova" in decider_page


def test_triage_links_a_provider_and_opens_a_complaint_led_inspection(
    client_for, edition, licence, decision_maker, inspector
):
    concern = services.concern_report(
        provider_name="Unknown", description="Charged for a job.", language="pl"
    )
    client = client_for(decision_maker)
    base = reverse("office:concern", args=[concern.reference])
    response = client.post(base + "assess/", {"provider": "NOPE0000", "assessment": "x"})
    assert response.status_code == 400
    assert "No provider has the licence number" in response.content.decode()
    client.post(base + "assess/", {"provider": licence.urn, "assessment": "Matches."})
    concern.refresh_from_db()
    assert concern.provider == licence.provider
    assert concern.state == Concern.State.UNDER_REVIEW
    response = client.post(
        base + "inspect/",
        {"inspector": inspector.pk, "scheduled_for": str(timezone.localdate())},
    )
    assert response.status_code == 302
    inspection = Inspection.objects.get(concern=concern)
    assert inspection.kind == Inspection.Kind.COMPLAINT and inspection.licence == licence


def test_recording_a_fee_violation_keeps_what_was_typed_on_errors(
    client_for, edition, licence, decision_maker, inspector
):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    client = client_for(inspector)
    url = reverse("office:inspection_violation_new", args=[inspection.reference])
    data = {
        "subcategory": "medical",
        "amount": "250.00",
        "currency": "ZZZ",
        "workers_affected": "12",
        "collected_by": "sub_agent",
        "country": "RO",
        "charged_on": "2026-02-01",
        "standard_code": "7.1",
        "worker_names": "Ion Popescu",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "ISO 4217" in page and 'value="250.00"' in page
    response = client.post(url, {**data, "currency": "RON"})
    assert response.status_code == 302
    violation = FeeViolation.objects.get()
    assert violation.category == "related_cost" and violation.currency == "RON"
    detail = client.get(reverse("office:violation", args=[violation.pk])).content.decode()
    assert "Ion Popescu" in detail


def test_pages_need_staff(anonymous, client_for, applicant_a):
    url = reverse("office:risk_queue")
    assert anonymous.get(url).status_code == 302
    assert client_for(applicant_a).get(url).status_code == 403
    assert client_for(applicant_a).get(reverse("office:concerns")).status_code == 403


def test_unknown_references_are_404(client_for, inspector):
    client = client_for(inspector)
    assert client.get(reverse("office:inspection", args=["INOPE"])).status_code == 404
    assert client.get(reverse("office:concern", args=["C-0000-0000"])).status_code == 404


def test_a_scheduler_reassigns_an_inspection(
    client_for, edition, licence, decision_maker, inspector
):
    from tests.factories import UserFactory

    other = UserFactory(username="second_inspector", groups=["Inspector"])
    inspection = services.inspection_schedule(
        actor=decision_maker,
        kind=Inspection.Kind.COMPLIANCE_RANDOM,
        licence=licence,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    response = client_for(decision_maker).post(
        reverse("office:inspection_reassign", args=[inspection.reference]),
        {"inspector": other.pk, "scheduled_for": str(timezone.localdate())},
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.inspector == other


def test_a_fee_violation_is_recorded_from_a_concern(client_for, licence, inspector):
    concern = services.concern_report(
        provider=licence.provider, description="Paid for medicals.", language="en"
    )
    response = client_for(inspector).post(
        reverse("office:concern_violation_new", args=[concern.reference]),
        {
            "subcategory": "medical",
            "amount": "80",
            "currency": "GBP",
            "workers_affected": "2",
            "collected_by": "provider",
            "country": "GB",
            "charged_on": "2026-01-10",
            "standard_code": "7.1",
        },
    )
    assert response.status_code == 302
    violation = FeeViolation.objects.get()
    assert violation.concern == concern and violation.provider == licence.provider
    assert violation.inspection is None
