"""The public side of remedy: workers answer with the code on their slip, reporters use their
mailbox, and the register shows what was repaid, never who."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from inspections import services
from inspections.models import Concern, ConcernMessage, FeeViolation, WorkerCode
from licensing.models import AuditEntry
from tests.factories import UserFactory
from tests.inspections.factories import make_edition, started_inspection
from tests.public_site.factories import licensed_provider
from tests.public_site.test_no_personal_data import public_pages

pytestmark = pytest.mark.django_db

MARKER = "PLANTED-WORKER-7Q"


@pytest.fixture
def order(decision_maker, inspector, django_capture_on_commit_callbacks):
    make_edition({"7.1": (30, True)})
    licence = licensed_provider(legal_name="Anglia Crew Ltd")
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    violation = services.fee_violation_record(
        inspection=inspection,
        actor=inspector,
        subcategory="matching_placement",
        amount="450.00",
        currency="EUR",
        workers_affected=3,
        collected_by="provider",
        country="RO",
        charged_on=date(2026, 3, 1),
        worker_names=f"{MARKER} Maria Ionescu",
        evidence=f"Interview notes naming {MARKER}",
    )
    services.fee_violation_order_repayment(
        violation=violation,
        actor=decision_maker,
        amount="450.00",
        deadline=timezone.localdate() + timedelta(days=30),
    )
    return FeeViolation.objects.get(pk=violation.pk)


def test_a_worker_sees_their_amount_and_confirms_they_were_repaid(
    order, inspector, anonymous, client_for
):
    services.repayment_record(
        violation=order, actor=inspector, amount="450", paid_on=timezone.localdate()
    )
    issued = services.worker_slips_issue(violation=order, actor=inspector)
    code = issued[0][1]
    page = anonymous.get("/repaid/")
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    wrong = anonymous.post("/repaid/", {"code": "AAAAA-BBBBB"})
    assert wrong.status_code == 400
    assert "not valid" in wrong.content.decode()
    step = anonymous.post("/repaid/", {"code": code}).content.decode()
    assert "150.00 EUR" in step and "Anglia Crew Ltd" in step
    assert MARKER not in step
    done = anonymous.post("/repaid/", {"code": code, "answer": "repaid"}).content.decode()
    assert "We have your answer" in done and "150.00" not in done
    slip = WorkerCode.objects.get(pk=issued[0][0].pk)
    assert slip.answer == "repaid" and slip.concern is None
    again = anonymous.post("/repaid/", {"code": code}).content.decode()
    assert "already been used" in again and "150.00" not in again
    office = client_for(inspector).get(reverse("office:violation", args=[order.pk]))
    assert "I was repaid" in office.content.decode()


def test_a_worker_asked_to_pay_it_back_opens_a_concern_staff_see(
    order, inspector, anonymous, client_for
):
    issued = services.worker_slips_issue(violation=order, actor=inspector)
    anonymous.post(
        "/repaid/", {"code": issued[1][1], "answer": "asked_back"}, HTTP_ACCEPT_LANGUAGE="pl"
    )
    slip = WorkerCode.objects.get(pk=issued[1][0].pk)
    assert slip.answer == "asked_back"
    concern = slip.concern
    assert concern.provider == order.provider and concern.state == Concern.State.RECEIVED
    page = client_for(inspector).get(reverse("office:violation", args=[order.pk])).content
    assert concern.reference in page.decode()


@override_settings(RATE_LIMITS={"worker-code": 3})
def test_guessing_codes_is_rate_limited(order, anonymous):
    for _ in range(3):
        assert anonymous.post("/repaid/", {"code": "AAAAA-BBBBB"}).status_code == 400
    assert anonymous.post("/repaid/", {"code": "AAAAA-BBBBB"}).status_code == 429


def test_a_marker_in_worker_data_appears_on_no_public_response(order, inspector, anonymous):
    services.repayment_record(
        violation=order, actor=inspector, amount="300", paid_on=timezone.localdate()
    )
    issued = services.worker_slips_issue(violation=order, actor=inspector)
    answers = [
        anonymous.post("/repaid/", {"code": code, "answer": answer})
        for (_slip, code), answer in zip(
            issued, ["repaid", "not_repaid", "asked_back"], strict=True
        )
    ]
    licence = order.provider.licences.get()
    texts = [response.content.decode() for response in answers]
    texts += [text for _path, text in public_pages(anonymous, licence)]
    texts.append(anonymous.get(f"/api/v1/licences/{licence.urn}").content.decode())
    texts.append(anonymous.get("/api/v1/changes").content.decode())
    texts.append(anonymous.get("/register/statistics/").content.decode())
    for text in texts:
        assert MARKER not in text
        assert "Ionescu" not in text
    # Nor the answers themselves: which worker said what stays with staff.
    for text in texts[3:]:
        assert "I was asked to pay it back" not in text


def test_the_licence_page_shows_the_total_repaid_per_currency(order, inspector, anonymous):
    licence = order.provider.licences.get()
    assert "repaid to workers" not in anonymous.get(f"/register/{licence.urn}/").content.decode()
    services.repayment_record(
        violation=order, actor=inspector, amount="300.00", paid_on=timezone.localdate()
    )
    page = anonymous.get(f"/register/{licence.urn}/").content.decode()
    assert "Recruitment fees repaid to workers" in page
    assert "300.00 EUR" in page


def gps_photo() -> bytes:
    image = Image.new("RGB", (40, 30), "green")
    exif = Image.Exif()
    exif[0x010F] = "PlantedCameraMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 12.5), "W", (0.0, 7.0, 39.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_the_mailbox_round_trip_strips_the_photo_location(
    anonymous, client_for, django_capture_on_commit_callbacks
):
    sent = anonymous.post(
        "/report/",
        {
            "provider": "Anglia Crew Ltd",
            "description": "They charge us for the bus.",
            "contact_name": "",
            "contact_email": "reporter@example.org",
            "contact_phone": "",
            "website": "",
        },
        follow=True,
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="PlantedBrowser/9.9",
    ).content.decode()
    concern = Concern.objects.get()
    phrase = sent.split('class="reference"><strong>')[-1].split("<")[0]
    assert len(phrase) == 19 and concern.phrase_hash and phrase not in concern.phrase_hash
    # Shown once.
    assert phrase not in anonymous.get("/report/sent/", follow=True).content.decode()

    triager = UserFactory(username="triager", groups=["Inspector", "Licensing officer"])
    triager_can = triager.has_perm("inspections.triage_concern")
    staff = triager if triager_can else UserFactory(username="dm", groups=["Decision maker"])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(
            reverse("office:concern_ask", args=[concern.reference]),
            {"text": "Which bus route, and on what day?"},
        )
    assert ConcernMessage.objects.filter(concern=concern, from_reporter=False).count() == 1
    assert mail.outbox[-1].to == ["reporter@example.org"]
    assert "bus" not in mail.outbox[-1].body

    wrong = anonymous.post(
        "/report/mailbox/", {"reference": concern.reference, "phrase": "AAAA-BBBB-CCCC-DDDD"}
    )
    assert wrong.status_code == 400 and "Which bus route" not in wrong.content.decode()
    opened = anonymous.post(
        "/report/mailbox/", {"reference": concern.reference.lower(), "phrase": phrase.lower()}
    )
    assert "Which bus route, and on what day?" in opened.content.decode()
    reply = anonymous.post(
        "/report/mailbox/",
        {
            "reference": concern.reference,
            "phrase": phrase,
            "reply": "1",
            "text": "Route 7, every Monday.",
            "photo": SimpleUploadedFile("bus.jpg", gps_photo(), content_type="image/jpeg"),
        },
        REMOTE_ADDR="203.0.113.77",
        HTTP_USER_AGENT="PlantedBrowser/9.9",
    )
    assert "We have your answer" in reply.content.decode()
    message = ConcernMessage.objects.get(concern=concern, from_reporter=True)
    stored = message.photo.open("rb").read()
    assert b"PlantedCameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.size == (40, 30)
        assert not image.getexif().get_ifd(0x8825)
        assert not image.getexif()
    # Nothing about the connection or the browser is kept.
    kept = str(model_to_dict(message)) + str(
        list(AuditEntry.objects.filter(object_id=concern.pk).values())
    )
    assert "203.0.113.77" not in kept and "PlantedBrowser" not in kept
    office = client_for(staff).get(reverse("office:concern", args=[concern.reference]))
    text = office.content.decode()
    assert "Route 7, every Monday." in text
    assert reverse("office:concern_photo", args=[concern.reference, message.pk]) in text
    photo = client_for(staff).get(
        reverse("office:concern_photo", args=[concern.reference, message.pk])
    )
    assert photo.status_code == 200


def test_a_pdf_is_not_accepted_as_a_photo(anonymous):
    concern = services.concern_report(provider_name="X Ltd", description="x", language="en")
    response = anonymous.post(
        "/report/mailbox/",
        {
            "reference": concern.reference,
            "phrase": concern.secret_phrase,
            "reply": "1",
            "photo": SimpleUploadedFile(
                "a.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf"
            ),
        },
    )
    assert "JPEG or PNG" in response.content.decode()
    assert not ConcernMessage.objects.exists()
