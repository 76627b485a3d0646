"""Bulk check through the API and the upload page: input errors name the row."""

import io
import json

import pypdfium2
import pytest

from api.matching import MAX_SUPPLIERS
from tests.api.factories import licensed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def register():
    licensed("Anglia Field Labour Ltd", urn="ANGL0001", company_number="01234567")
    licensed("Baltic Crew Recruitment Ltd", urn="BALT0001")


def post_csv(client, content: bytes, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.post(f"/api/v1/bulk-check?{query}", content, content_type="text/csv")


def test_json_list_gets_one_result_per_supplier(anonymous):
    response = anonymous.post(
        "/api/v1/bulk-check",
        [{"name": "Anglia Field Labour"}, {"name": "Nobody Ltd"}, {"name": "x", "urn": "balt0001"}],
        content_type="application/json",
    )

    assert response.status_code == 200
    data = response.json()
    assert [r["outcome"] for r in data["results"]] == ["matched", "no_licence_found", "matched"]
    assert data["results"][0]["match"]["urn"] == "ANGL0001"
    assert data["results"][2]["match"]["reason"] == "exact URN"
    assert data["summary"] == {"matched": 2, "uncertain": 0, "no_licence_found": 1}
    assert data["checked_at"]


def test_csv_upload_with_semicolons_and_a_bom(anonymous):
    content = "\ufeffSupplier Name;Company Number\nBaltic Crew Recruitment;\n;01234567\n"
    response = anonymous.post(
        "/api/v1/bulk-check",
        {"file": io.BytesIO(content.encode())},
    )

    assert response.status_code == 200
    urns = [r["match"]["urn"] for r in response.json()["results"]]
    assert urns == ["BALT0001", "ANGL0001"]
    assert [r["row"] for r in response.json()["results"]] == [2, 3]


def test_results_download_as_csv_and_as_a_stamped_pdf(anonymous):
    csv_response = post_csv(anonymous, b"name\nAnglia Field Labour Ltd\n=cmd|x\n", format="csv")
    assert csv_response.status_code == 200
    text = csv_response.content.decode()
    assert "ANGL0001" in text and "'=cmd|x" in text

    pdf_response = post_csv(anonymous, b"name\nAnglia Field Labour Ltd\n", format="pdf")
    assert pdf_response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(pdf_response.content)
    page_text = pdf[0].get_textpage().get_text_range()
    assert "Checked against the live register on" in page_text
    assert "ANGL0001" in page_text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name\nAnglia\n\xff\xfeBad\n", "Row 3 is not UTF-8"),
        (b"supplier id,town\n1,Ely\n", "must name the columns"),
        (b"", "empty"),
        (b"name\n", "no suppliers"),
        (b"name\nok\n" + b"x" * 400 + b"\n", "Row 3: the name is longer than 300"),
        (b"name\nok\n\x00\x01binary\n", "Row 3 contains binary data"),
        (b'name\n"unterminated\n' + b"y" * 140_000, "cannot be read as CSV"),
        (b"name,town\n,Ely\n", "Row 2: give at least a name"),
    ],
)
def test_malformed_csv_gets_a_clear_422_naming_the_row(anonymous, content, message):
    response = post_csv(anonymous, content)

    assert response.status_code == 422
    assert message in response.json()["detail"]


def test_too_many_rows_names_the_first_row_over_the_limit(anonymous):
    content = "name\n" + "".join(f"Supplier {n}\n" for n in range(MAX_SUPPLIERS + 1))

    response = post_csv(anonymous, content.encode())

    assert response.status_code == 422
    assert f"Row {MAX_SUPPLIERS + 2}" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ("not json", 400, "not valid JSON"),
        (json.dumps({"suppliers": [{"name": "a" * 301}]}), 422, "Supplier 1, name"),
        (json.dumps({"suppliers": [{"nmae": "typo"}]}), 422, "Supplier 1, nmae"),
        (json.dumps({"suppliers": []}), 422, "empty"),
        (json.dumps(42), 422, "list of suppliers"),
    ],
)
def test_bad_json_gets_a_clear_error(anonymous, body, status, message):
    response = anonymous.post("/api/v1/bulk-check", body, content_type="application/json")

    assert response.status_code == status
    assert message in response.json()["detail"]


def test_an_unsupported_content_type_is_a_415(anonymous):
    response = anonymous.post("/api/v1/bulk-check", b"<xml/>", content_type="application/xml")

    assert response.status_code == 415


def test_the_upload_page_works_without_javascript(anonymous):
    page = anonymous.get("/register/bulk-check/")
    assert page.status_code == 200
    assert b'enctype="multipart/form-data"' in page.content

    upload = io.BytesIO(b"name\nAnglia Field Labour Ltd\nNobody Ltd\n")
    upload.name = "suppliers.csv"
    results = anonymous.post("/register/bulk-check/", {"file": upload})

    assert results.status_code == 200
    html = results.content.decode()
    assert "ANGL0001" in html and "No licence found" in html
    token = results.context["token"]
    csv_download = anonymous.get(f"/register/bulk-check/{token}/results.csv")
    pdf_download = anonymous.get(f"/register/bulk-check/{token}/results.pdf")
    assert b"ANGL0001" in csv_download.content
    assert pdf_download.content.startswith(b"%PDF")


def test_the_upload_page_shows_errors_and_keeps_pasted_names(anonymous):
    upload = io.BytesIO(b"town\nEly\n")
    upload.name = "suppliers.csv"

    bad_file = anonymous.post("/register/bulk-check/", {"file": upload})
    assert bad_file.status_code == 400
    assert "must name the columns" in bad_file.content.decode()

    pasted = anonymous.post("/register/bulk-check/", {"names": "Baltic Crew\n" + "z" * 400})
    assert pasted.status_code == 400
    assert "Line 2 is longer than 300" in pasted.content.decode()
    assert "Baltic Crew" in pasted.content.decode()


def test_expired_results_are_a_404(anonymous):
    assert anonymous.get("/register/bulk-check/unknown/results.csv").status_code == 404
