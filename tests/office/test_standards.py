"""Editions of the licensing standards, prepared and published from the back office."""

import pytest

from inspections.models import StandardsEdition

pytestmark = pytest.mark.django_db


def test_an_administrator_prepares_and_publishes_a_new_edition(client_for, administrator):
    client = client_for(administrator)
    response = client.post("/office/inspections/standards/editions/new/", {"name": ""})
    assert response.status_code == 400
    client.post("/office/inspections/standards/editions/new/", {"name": "Standards 2027"})
    draft = StandardsEdition.objects.get(name="Standards 2027")
    current = StandardsEdition.objects.current()
    assert draft.standards.count() == current.standards.count() > 0
    assert draft.published_on is None
    client.post(f"/office/inspections/standards/editions/{draft.pk}/publish/")
    assert StandardsEdition.objects.current() == draft


def test_inspectors_cannot_publish_editions(client_for, inspector):
    response = client_for(inspector).post(
        "/office/inspections/standards/editions/new/", {"name": "Mine"}
    )
    assert response.status_code == 403
