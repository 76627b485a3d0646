"""Dates on public pages in the reader's own language, with the grammar of that language."""

from datetime import date

import pytest

from licensing.models import Licence
from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db


def test_a_licence_page_in_polish_uses_the_genitive_month(anonymous):
    licence = licensed_provider(legal_name="Listopad Crew Ltd", urn="LIST0001")
    Licence.objects.filter(pk=licence.pk).update(granted_on=date(2025, 11, 30))

    english = anonymous.get(f"/register/{licence.urn}/").content.decode()
    assert "30 November 2025" in english

    anonymous.post("/i18n/setlang/", {"language": "pl", "next": "/register/"})
    polish = anonymous.get(f"/register/{licence.urn}/").content.decode()
    assert "30 listopada 2025" in polish
    assert "Listopad 2025" not in polish
