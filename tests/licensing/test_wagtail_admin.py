"""Administrators keep fee bands and public holidays in the Wagtail admin, beside the
licensing policy: one admin for the regulator's data."""

from datetime import date

import pytest

from licensing.models import FeeBand, Holiday

pytestmark = pytest.mark.django_db


def test_an_administrator_lists_and_edits_fee_bands(client_for, administrator):
    client = client_for(administrator)
    band = FeeBand.objects.get(code="D")

    listing = client.get("/admin/snippets/licensing/feeband/")
    assert listing.status_code == 200
    assert "Band D" in listing.content.decode()

    edit = f"/admin/snippets/licensing/feeband/edit/{band.pk}/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "code": "D",
            "min_turnover": "0",
            "max_turnover": "1000000",
            "application_fee": "450.00",
            "inspection_fee": "1850.00",
            "currency": "GBP",
        },
    )
    assert response.status_code == 302
    band.refresh_from_db()
    assert str(band.application_fee) == "450.00"


def test_an_administrator_adds_a_public_holiday(client_for, administrator):
    client = client_for(administrator)

    response = client.post(
        "/admin/snippets/licensing/holiday/add/", {"date": "2027-12-27", "name": "Boxing Day"}
    )

    assert response.status_code == 302
    assert Holiday.objects.filter(date=date(2027, 12, 27), name="Boxing Day").exists()


def test_an_editor_of_the_public_site_cannot_change_fees(client_for, editor):
    response = client_for(editor).get("/admin/snippets/licensing/feeband/")
    assert response.status_code in (302, 403)


def test_fee_bands_are_no_longer_in_the_django_admin(client_for, django_user_model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    assert client_for(superuser).get("/django-admin/licensing/feeband/").status_code == 404
