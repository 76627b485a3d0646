"""Hand-offs between staff (issue 13): the case schedules the inspection it requires and links
both ways to it, each person's workbench lists what waits for them, every action lands where
the next step is, no score before findings, data-provenance notes for administrators only."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Inspection, Standard
from licensing import services
from licensing.models import AuditEntry
from tests.factories import ApplicationFactory, LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return make_edition({"2.3": (8, False), "7.1": (30, True)})


@pytest.fixture
def assessing(agency_a, applicant_a, licensing_officer):
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    application = services.application_validate(application=application, actor=licensing_officer)
    return services.application_start_assessment(application=application, actor=licensing_officer)


@pytest.fixture
def awaiting_inspection(assessing, licensing_officer):
    return services.application_require_inspection(
        application=assessing, actor=licensing_officer, reason="New agency."
    )


def case_url(application):
    return reverse("office:application", args=[application.reference])


def schedule(application, scheduler, inspector):
    return inspection_services.inspection_schedule(
        actor=scheduler,
        kind=Inspection.Kind.APPLICATION,
        application=application,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )


def test_the_case_offers_a_prefilled_schedule_form_and_links_both_ways(
    client_for, edition, awaiting_inspection, inspector
):
    client = client_for(inspector)
    workbench = client.get(reverse("office:workbench")).content.decode()
    assert "Cases waiting for an inspection to be scheduled" in workbench
    assert case_url(awaiting_inspection) in workbench

    page = client.get(case_url(awaiting_inspection)).content.decode()
    assert "Schedule the application inspection" in page
    link = reverse("office:inspection_schedule") + "?"
    start = page.index(link)
    href = page[start : page.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlparse(href).query)
    assert query == {"application": [awaiting_inspection.reference], "kind": ["application"]}

    form = client.get(href).content.decode()
    assert f'value="{awaiting_inspection.reference}"' in form
    assert '<option value="application" selected>' in form
    assert "Inspector" in form

    response = client.post(
        href,
        {
            "kind": "application",
            "application": awaiting_inspection.reference,
            "licence": "",
            "inspector": inspector.pk,
            "scheduled_for": str(timezone.localdate()),
        },
    )
    inspection = Inspection.objects.get(application=awaiting_inspection)
    assert response.status_code == 302
    assert response.url == reverse("office:inspection", args=[inspection.reference])
    detail = client.get(response.url).content.decode()
    assert f'href="{case_url(awaiting_inspection)}"' in detail

    page = client.get(case_url(awaiting_inspection)).content.decode()
    assert reverse("office:inspection", args=[inspection.reference]) in page
    assert "Schedule the application inspection" not in page
    workbench = client.get(reverse("office:workbench")).content.decode()
    assert "Cases waiting for an inspection to be scheduled" not in workbench
    assert "Your inspections" in workbench


def test_the_inspection_links_to_its_licence(client_for, edition, inspector, decision_maker):
    licence = LicenceFactory()
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    page = (
        client_for(inspector)
        .get(reverse("office:inspection", args=[inspection.reference]))
        .content.decode()
    )
    assert f'<a href="{reverse("office:licence", args=[licence.urn])}">{licence.urn}</a>' in page


def test_no_score_before_findings(client_for, edition, inspector, decision_maker):
    inspection = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    url = reverse("office:inspection", args=[inspection.reference])
    page = client_for(inspector).get(url).content.decode()
    assert "No finding recorded yet" in page
    assert "Pass: no standard failed." not in page
    record_all(inspection, inspector)
    page = client_for(inspector).get(url).content.decode()
    assert "Pass: no standard failed." in page


def test_review_lands_on_the_case_and_the_case_waits_on_the_decision_makers_workbench(
    client_for, edition, awaiting_inspection, inspector, decision_maker
):
    inspection = schedule(awaiting_inspection, decision_maker, inspector)
    inspection_services.inspection_start(inspection=inspection, actor=inspector)
    record_all(inspection, inspector)
    inspection_services.inspection_submit(inspection=inspection, actor=inspector)

    client = client_for(decision_maker)
    workbench = client.get(reverse("office:workbench")).content.decode()
    assert "Reports waiting for your review" in workbench
    assert reverse("office:inspection", args=[inspection.reference]) in workbench
    assert "Cases ready for a decision" not in workbench

    response = client.post(
        reverse("office:inspection_review", args=[inspection.reference]),
        {"decision": "approve", "comments": ""},
    )
    assert response.status_code == 302
    assert response.url == case_url(awaiting_inspection)
    workbench = client.get(reverse("office:workbench")).content.decode()
    assert "Reports waiting for your review" not in workbench
    assert "Cases ready for a decision" in workbench
    assert case_url(awaiting_inspection) in workbench


def test_a_grant_on_the_case_lands_on_the_new_licence(client_for, assessing, decision_maker):
    response = client_for(decision_maker).post(
        reverse("office:application_grant", args=[assessing.reference]),
        {"grant-version": assessing.version, "grant-reason": "Fine", "grant-confirm": "on"},
    )
    assessing.refresh_from_db()
    assert assessing.licence is not None
    assert response.status_code == 302
    assert response.url == reverse("office:licence", args=[assessing.licence.urn])


def test_granting_from_the_inspection_page_lands_on_the_new_licence(
    client_for, edition, awaiting_inspection, inspector, decision_maker
):
    inspection = schedule(awaiting_inspection, decision_maker, inspector)
    inspection_services.inspection_start(inspection=inspection, actor=inspector)
    record_all(inspection, inspector, failed_codes=["2.3"])
    inspection_services.inspection_submit(inspection=inspection, actor=inspector)
    inspection_services.inspection_approve(inspection=inspection, actor=decision_maker)

    response = client_for(decision_maker).post(
        reverse("office:inspection_apply_conditions", args=[inspection.reference]),
        {"confirm": "on"},
    )
    awaiting_inspection.refresh_from_db()
    assert awaiting_inspection.state == "granted_with_conditions"
    assert response.status_code == 302
    assert response.url == reverse("office:licence", args=[awaiting_inspection.licence.urn])
    assert AuditEntry.objects.filter(
        application=awaiting_inspection, action="grant_with_conditions"
    ).exists()


def test_provenance_notes_are_for_administrators_only(
    client_for, edition, inspector, decision_maker, administrator
):
    standard = Standard.objects.get(edition=edition, code="2.3")
    standard.guidance = (
        "Check the payslips. Unconfirmed: check against the published standards and correct "
        "if needed."
    )
    standard.save()
    inspection = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    section = client_for(inspector).get(
        reverse("office:inspection_section", args=[inspection.reference, 1])
    )
    assert "Check the payslips." in section.content.decode()
    assert "Unconfirmed" not in section.content.decode()
    standards = client_for(inspector).get(reverse("office:standards")).content.decode()
    assert "Check the payslips." in standards
    assert "Unconfirmed" not in standards
    standards = client_for(administrator).get(reverse("office:standards")).content.decode()
    assert "Unconfirmed: check against the published standards" in standards
