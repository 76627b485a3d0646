"""Due-diligence receipts: every record PDF and bulk check, and API lookups on request."""

import pytest
from django.db import DatabaseError, connection, transaction

from licensing import services
from licensing.models import Certificate
from public_register.models import Receipt, ReceiptImmutable
from public_register.receipts import is_well_formed, new_code
from tests.api.factories import licensed
from tests.public_site.factories import staff

pytestmark = pytest.mark.django_db


def test_a_record_pdf_carries_a_receipt_that_shows_then_and_today(anonymous):
    actor = staff()
    licence = licensed("Brigg Farm Crew Ltd", urn="BRIG0001")

    pdf = anonymous.get("/register/BRIG0001/record.pdf")
    code = pdf["X-Receipt-Code"]
    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")
    page = anonymous.get(f"/verify/{code}/")

    assert pdf.status_code == 200
    assert page.status_code == 200
    text = page.content.decode()
    assert "GENUINE RECEIPT" in text
    assert "BRIG0001 was licensed; today it is suspended." in text
    assert "no-cache" in page["Cache-Control"]


def test_a_receipt_survives_later_register_changes_unchanged(anonymous):
    actor = staff()
    licence = licensed("Brigg Farm Crew Ltd", urn="BRIG0001")
    response = anonymous.get("/api/v1/licences/BRIG0001?receipt=1")
    code = response.json()["receipt"]["code"]
    stored_before = Receipt.objects.values("asked", "answer", "subjects", "issued_at").get()

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")
    receipt = anonymous.get(f"/api/v1/receipts/{code}").json()

    assert Receipt.objects.values("asked", "answer", "subjects", "issued_at").get() == (
        stored_before
    )
    assert receipt["answer"]["status"] == "active"
    assert receipt["subjects"][0]["status_then"] == "active"
    assert receipt["subjects"][0]["status_now"] == "suspended"
    assert receipt["subjects"][0]["changed"] is True
    assert receipt["asked"] == {"urn": "BRIG0001"}


def test_a_lookup_without_receipt_gets_none_and_stores_nothing(anonymous):
    licensed("Brigg Farm Crew Ltd", urn="BRIG0001")

    response = anonymous.get("/api/v1/licences/BRIG0001")

    assert response.json()["receipt"] is None
    assert not Receipt.objects.exists()


def test_a_forged_code_is_not_found_with_a_clear_message(anonymous):
    well_formed_but_never_issued = new_code()
    mistyped = "ABCDEFGHIJKLMNOPQ"

    page = anonymous.get(f"/verify/{well_formed_but_never_issued}/")
    api = anonymous.get(f"/api/v1/receipts/{mistyped}")

    assert page.status_code == 404
    assert "we never issued a receipt with this code" in page.content.decode()
    assert api.status_code == 404
    assert "No receipt has this code" in api.json()["detail"]


def test_the_check_character_catches_a_mistyped_character():
    code = new_code()
    wrong = ("B" if code[3] == "A" else "A").join([code[:3], code[4:]])

    assert is_well_formed(code)
    assert not is_well_formed(wrong)


def test_receipts_cannot_be_changed_or_deleted():
    licensed("Brigg Farm Crew Ltd", urn="BRIG0001")
    from public_register.licences import licence_for_public, public_licence
    from public_register.receipts import record_receipt

    receipt = record_receipt(public_licence(licence_for_public("BRIG0001")))

    with pytest.raises(ReceiptImmutable):
        receipt.save()
    with pytest.raises(ReceiptImmutable):
        receipt.delete()
    # SQLite's trigger aborts with an integrity error, PostgreSQL's raises its own error.
    with pytest.raises(DatabaseError), transaction.atomic():
        Receipt.objects.filter(pk=receipt.pk).update(answer={})
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic():
            Receipt.objects.filter(pk=receipt.pk).delete()


def test_a_bulk_check_gets_a_receipt_in_json_csv_and_pdf(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    json_reply = anonymous.post(
        "/api/v1/bulk-check", [{"name": "Anglia Field Labour"}], content_type="application/json"
    )
    csv_reply = anonymous.post(
        "/api/v1/bulk-check?format=csv", "name\nAnglia Field Labour\n", content_type="text/csv"
    )

    code = json_reply.json()["receipt"]["code"]
    receipt = Receipt.objects.get(code=code)
    assert receipt.kind == Receipt.Kind.BULK_CHECK
    assert receipt.subjects[0]["urn"] == "ANGL0001"
    assert receipt.asked["suppliers"][0]["name"] == "Anglia Field Labour"
    header, row = csv_reply.content.decode().splitlines()[:2]
    assert header.endswith(",receipt")
    assert Receipt.objects.filter(code=row.rsplit(",", 1)[1]).exists()


def test_the_bulk_check_page_shows_its_receipt(anonymous):
    licensed("Anglia Field Labour Ltd", urn="ANGL0001")

    response = anonymous.post("/register/bulk-check/", {"names": "Anglia Field Labour"})

    receipt = Receipt.objects.get()
    assert receipt.subjects[0]["urn"] == "ANGL0001"
    assert receipt.code[:4] in response.content.decode()


def test_a_certificate_check_with_receipt(anonymous):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    code = Certificate.objects.create(licence=licence, valid_until=licence.expires_on).code

    response = anonymous.get(f"/api/v1/verify/{code}?receipt=1")

    assert response.status_code == 200
    receipt = Receipt.objects.get(code=response.json()["receipt"]["code"])
    assert receipt.kind == Receipt.Kind.CERTIFICATE_CHECK
    assert receipt.subjects == [
        {"urn": "ANGL0001", "holder_name": "Anglia Field Labour Ltd", "status": "active"}
    ]


def test_receipts_store_nothing_about_who_checked(anonymous):
    licensed("Brigg Farm Crew Ltd", urn="BRIG0001")

    anonymous.get(
        "/api/v1/licences/BRIG0001?receipt=1",
        HTTP_X_API_KEY="",
        HTTP_USER_AGENT="Buyer Browser/1.0",
        REMOTE_ADDR="203.0.113.9",
    )

    fields = {f.name for f in Receipt._meta.get_fields()}
    assert fields == {"id", "code", "kind", "asked", "answer", "subjects", "issued_at"}
    stored = str(Receipt.objects.values().get())
    assert "203.0.113.9" not in stored
    assert "Buyer Browser" not in stored
