import pytest
from django.template import Context, Template
from django.test import RequestFactory

from inspections import services
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db


def test_administrators_correct_standards_in_the_wagtail_admin(client_for, administrator):
    client = client_for(administrator)
    listing = client.get("/admin/snippets/inspections/standard/")
    assert listing.status_code == 200
    assert "No fee is charged to workers" in listing.content.decode()
    assert client.get("/admin/settings/inspections/inspectionsettings/").status_code in (200, 302)


def test_inspectors_cannot_edit_the_standards(client_for, inspector):
    response = client_for(inspector).get("/admin/snippets/inspections/standard/")
    assert response.status_code in (302, 403)


def test_the_officer_sees_the_approved_report_and_can_apply_its_conditions(
    decision_maker, inspector, licensing_officer
):
    make_edition({"2.3": (8, False), "7.1": (30, True)})
    licence = LicenceFactory()
    template = Template("{% load inspections_tags %}{% inspection_report licence=licence %}")
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


def test_an_administrator_prepares_and_publishes_a_new_edition(client_for, administrator):
    from inspections.models import StandardsEdition

    client = client_for(administrator)
    response = client.post("/office/inspections/standards/editions/new/", {"name": ""})
    assert response.status_code == 400
    client.post("/office/inspections/standards/editions/new/", {"name": "Standards 2027"})
    draft = StandardsEdition.objects.get(name="Standards 2027")
    assert draft.standards.count() == 16 and draft.published_on is None
    client.post(f"/office/inspections/standards/editions/{draft.pk}/publish/")
    assert StandardsEdition.objects.current() == draft


def test_inspectors_cannot_publish_editions(client_for, inspector):
    response = client_for(inspector).post(
        "/office/inspections/standards/editions/new/", {"name": "Mine"}
    )
    assert response.status_code == 403


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
