"""Stored files are downloaded under a name of their detected type; a lost file is a 404."""

import logging

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from licensing.models import Document
from licensing.uploads import download_name
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(agency_a, applicant_a):
    def store(original_name, content_type="application/pdf", content=b"%PDF-1.4\n"):
        document = Document(
            provider=agency_a,
            application=ApplicationFactory(provider=agency_a),
            kind=Document.Kind.OTHER,
            original_name=original_name,
            content_type=content_type,
            size=len(content),
            uploaded_by=applicant_a,
        )
        document.file.save("ignored.pdf", ContentFile(content), save=True)
        return document

    return store


def test_the_download_name_comes_from_the_detected_type(client_for, licensing_officer, stored):
    # Stored before the extension was checked: a PDF under an .html name.
    document = stored("invoice.html")

    response = client_for(licensing_officer).get(reverse("office:document", args=[document.pk]))

    assert response.status_code == 200
    assert 'filename="invoice.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("name", "content_type", "expected"),
    [
        ("scan.PNG", "image/png", "scan.png"),
        ("photo.jpeg", "image/jpeg", "photo.jpg"),
        ("../../etc/passwd", "application/pdf", "passwd.pdf"),
        ("run.bat", "text/html", "run.bin"),
        ("...", "application/pdf", "document.pdf"),
    ],
)
def test_download_names(name, content_type, expected):
    assert download_name(name, content_type) == expected


def test_a_missing_stored_file_is_a_clear_404_and_a_log_line(
    client_for, licensing_officer, applicant_a, stored, caplog
):
    document = stored("contract.pdf")
    document.file.storage.delete(document.file.name)

    with caplog.at_level(logging.ERROR, logger="core.downloads"):
        office = client_for(licensing_officer).get(reverse("office:document", args=[document.pk]))
        portal = client_for(applicant_a).get(reverse("portal:document", args=[document.pk]))

    assert office.status_code == portal.status_code == 404
    assert "This file is not available" in office.content.decode()
    assert "missing from our storage" in portal.content.decode()
    assert any(document.file.name in record.getMessage() for record in caplog.records)
