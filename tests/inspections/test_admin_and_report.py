import pytest

from inspections.models import Standard

pytestmark = pytest.mark.django_db


def test_administrators_correct_standards_in_the_wagtail_admin(client_for, administrator):
    client = client_for(administrator)
    listing = client.get("/admin/snippets/inspections/standard/")
    assert listing.status_code == 200
    fee_standard = Standard.objects.filter(code="7.1").latest("pk")
    edit = client.get(f"/admin/snippets/inspections/standard/edit/{fee_standard.pk}/")
    assert "No fee is charged to workers" in edit.content.decode()
    assert client.get("/admin/settings/inspections/inspectionsettings/").status_code in (200, 302)


def test_inspectors_cannot_edit_the_standards(client_for, inspector):
    response = client_for(inspector).get("/admin/snippets/inspections/standard/")
    assert response.status_code in (302, 403)
