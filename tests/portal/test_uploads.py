"""Uploads: bounded before and while the body streams, checked by name and content."""

import time

import pytest
from django.test import override_settings
from django.test.client import FakePayload
from django.urls import reverse

from licensing.models import Document
from tests.portal.conftest import PDF, png_file

pytestmark = pytest.mark.django_db

BOUNDARY = "UploadBoundary1234"


def multipart_file(field: str, name: str, content: bytes, **fields) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


class CountingPayload(FakePayload):
    """The request body, counting how much of it the server read."""

    read_bytes = 0

    def read(self, size=-1):
        data = super().read(size)
        self.read_bytes += len(data)
        return data

    def readline(self, size=-1):
        data = super().readline(size)
        self.read_bytes += len(data)
        return data


def post_raw(client, url, body: bytes, content_type=f"multipart/form-data; boundary={BOUNDARY}"):
    payload = CountingPayload(body)
    response = client.generic(
        "POST", url, body, content_type=content_type, **{"wsgi.input": payload}
    )
    response.body_bytes_read = payload.read_bytes
    return response


def documents_url(application):
    return reverse("portal:step", args=[application.reference, "documents"])


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path


def test_a_60_mb_upload_is_refused_before_it_is_read(
    draft_a, applicant_a, client_for, upload_temp_dir
):
    body = multipart_file("file", "big.pdf", b"%PDF-" + b"0" * (60 * 1024 * 1024), kind="other")
    client = client_for(applicant_a)

    started = time.perf_counter()
    response = post_raw(client, documents_url(draft_a), body)
    elapsed = time.perf_counter() - started

    assert response.status_code == 413
    assert "The upload is too large" in response.content.decode()
    assert "Nothing was saved" in response.content.decode()
    assert response.body_bytes_read == 0
    assert elapsed < 2.0, f"took {elapsed:.3f} s"
    assert list(upload_temp_dir.iterdir()) == []
    assert not Document.objects.exists()


def test_an_anonymous_60_mb_bulk_check_is_refused_before_it_is_read(anonymous, upload_temp_dir):
    body = multipart_file("file", "suppliers.csv", b"name\n" + b"x" * (60 * 1024 * 1024))

    started = time.perf_counter()
    page = post_raw(anonymous, "/register/bulk-check/", body)
    api = post_raw(anonymous, "/api/v1/bulk-check", body)
    elapsed = time.perf_counter() - started

    assert page.status_code == api.status_code == 413
    assert "The upload is too large" in page.content.decode()
    assert "largest file you can send" in api.json()["detail"]
    assert page.body_bytes_read == api.body_bytes_read == 0
    assert elapsed < 4.0, f"took {elapsed:.3f} s"
    assert list(upload_temp_dir.iterdir()) == []


@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_limit_is_stopped_while_it_streams_and_the_form_kept(
    draft_a, applicant_a, client_for, upload_temp_dir
):
    # 4 MB: over the in-memory threshold, so without the limit it would go to a temporary file.
    body = multipart_file("file", "scan.pdf", PDF + b"0" * (4 * 1024 * 1024), kind="identity")

    response = post_raw(client_for(applicant_a), documents_url(draft_a), body)

    page = response.content.decode()
    assert response.status_code == 400
    assert response.body_bytes_read == len(body)  # read to the end, but not kept
    assert "The file is too large: the largest file you can upload is 1.0\xa0MB" in page
    assert '<option value="identity" selected>' in page
    assert list(upload_temp_dir.iterdir()) == []
    assert not Document.objects.exists()


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "run.bat", "setup.exe", "contract"])
def test_a_pdf_under_another_extension_is_refused(draft_a, applicant_a, client_for, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(applicant_a).post(
        documents_url(draft_a), {"kind": "other", "file": SimpleUploadedFile(name, PDF)}
    )

    assert response.status_code == 400
    assert "only files ending .pdf, .jpg, .jpeg or .png" in response.content.decode()
    assert not Document.objects.exists()


def test_jpeg_and_png_files_with_their_own_extensions_are_accepted(
    draft_a, applicant_a, client_for
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(applicant_a)
    jpeg = SimpleUploadedFile("Photo.JPEG", b"\xff\xd8\xff\xe0" + b"\x00" * 32)

    assert (
        client.post(documents_url(draft_a), {"kind": "identity", "file": jpeg}).status_code == 302
    )
    assert (
        client.post(
            documents_url(draft_a), {"kind": "identity", "file": png_file("id.png")}
        ).status_code
        == 302
    )
    assert sorted(Document.objects.values_list("content_type", flat=True)) == [
        "image/jpeg",
        "image/png",
    ]


def test_a_multipart_body_without_a_boundary_is_a_400_not_a_500(
    draft_a, applicant_a, client_for, anonymous
):
    api = post_raw(anonymous, "/api/v1/bulk-check", b"whatever", "multipart/form-data")
    page = post_raw(anonymous, "/register/bulk-check/", b"whatever", "multipart/form-data")
    portal = post_raw(
        client_for(applicant_a), documents_url(draft_a), b"whatever", "multipart/form-data"
    )

    assert api.status_code == 400
    assert api["Content-Type"] == "application/json"
    assert "malformed" in api.json()["detail"]
    assert page.status_code == portal.status_code == 400
    assert "The request cannot be read" in page.content.decode()
