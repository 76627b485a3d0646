"""The approved inspection report on the case and licence pages, with its one-click step."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from inspections import services
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db


def test_the_officer_sees_the_approved_report_and_can_apply_its_conditions(
    decision_maker, inspector, licensing_officer
):
    make_edition({"2.3": (8, False), "7.1": (30, True)})
    licence = LicenceFactory()
    template = Template("{% load office_tags %}{% inspection_report licence=licence %}")
    request = RequestFactory().get("/")
    request.user = licensing_officer
    assert "No approved inspection report yet" in template.render(
        Context({"request": request, "licence": licence})
    )
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    html = template.render(Context({"request": request, "licence": licence}))
    assert inspection.reference in html
    assert "8</strong> points of failed standards" in html
    assert "Impose the proposed conditions" in html
    request.user = inspector
    html = template.render(Context({"request": request, "licence": licence}))
    assert "Impose the proposed conditions" not in html


def test_the_office_licence_page_shows_the_approved_report(
    client_for, decision_maker, inspector, licensing_officer
):
    make_edition({"2.3": (8, False)})
    licence = LicenceFactory()
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=("2.3",))
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    html = client_for(licensing_officer).get(f"/office/licences/{licence.urn}/").content.decode()
    assert inspection.reference in html
    assert "Impose the proposed conditions" in html
