"""Workers' and reporters' personal data never reaches a public page."""

from datetime import date

import pypdfium2
import pytest
from django.db import DatabaseError, transaction
from django.utils import timezone
from wagtail.models import Page

from demo import public_site as demo
from inspections.services import concern_report
from licensing import services
from licensing.models import Certificate
from tests.factories import PersonFactory, ProviderRoleFactory
from tests.public_site.factories import licensed_provider, refused_provider, staff

pytestmark = pytest.mark.django_db

SECRETS = [
    "1977-03-14",
    "14 March 1977",
    "pa.private@home.example",
    "Dora Director",
    "Rita Reporter",
    "rita@reporter.example",
    "07700 900123",
    "They hid our passports in the office safe",
    "Wanda Worker",
    "office@anglia-private.example",
    "Internal suspension note",
]


@pytest.fixture
def register_with_personal_data():
    import io
    import random

    actor = staff()
    licence = licensed_provider(
        legal_name="Anglia Crew Ltd",
        actor=actor,
        pa_name="Paula Public",
        email="office@anglia-private.example",
        phone="01945 000000",
    )
    provider = licence.provider
    pa = provider.roles.get().person
    pa.date_of_birth = date(1977, 3, 14)
    pa.email = "pa.private@home.example"
    pa.save()
    ProviderRoleFactory(
        provider=provider,
        role="director",
        person=PersonFactory(full_name="Dora Director", date_of_birth=date(1960, 1, 1)),
    )
    services.licence_suspend(licence=licence, actor=actor, reason="Internal suspension note")
    concern_report(
        provider=provider,
        provider_name="Anglia Crew Ltd",
        description="They hid our passports in the office safe",
        language="en",
        contact_name="Rita Reporter",
        contact_email="rita@reporter.example",
        contact_phone="07700 900123",
    )
    _fee_violation_with_worker_names(provider)
    refused_provider(legal_name="Rogue Gang Ltd", actor=actor)
    demo.seed(rng=random.Random(1), stdout=io.StringIO())
    return licence


def _fee_violation_with_worker_names(provider):
    try:
        from inspections.models import FeeViolation
    except ImportError:
        return
    field = FeeViolation._meta.get_field
    try:
        with transaction.atomic():
            FeeViolation.objects.create(
                provider=provider,
                category=field("category").choices[0][0],
                subcategory=field("subcategory").choices[0][0],
                amount="300.00",
                currency="EUR",
                workers_affected=3,
                collected_by="provider",
                country="PL",
                charged_on=timezone.localdate(),
                worker_names="Wanda Worker",
            )
    except DatabaseError:
        # The inspections app's migration for fee violations is not there yet.
        return


def public_pages(client, licence):
    certificate = Certificate.objects.filter(licence=licence).latest("issued_at")
    paths = [
        "/",
        "/register/",
        "/register/?q=anglia",
        "/register/?q=Paula",
        "/register/?q=rogue",
        "/register/?status=suspended",
        f"/register/{licence.urn}/",
        "/register/refused-and-revoked/",
        "/register/watch/",
        "/verify/",
        f"/verify/{certificate.code}/",
        "/report/",
        "/report/follow-up/",
    ]
    paths += [page.url for page in Page.objects.live().public().specific() if page.url]
    for path in paths:
        response = client.get(path, follow=True)
        assert response.status_code == 200, path
        yield path, response.content.decode()
    pdf = client.get(f"/register/{licence.urn}/record.pdf")
    document = pypdfium2.PdfDocument(pdf.content)
    yield (
        "record.pdf",
        "".join(document[i].get_textpage().get_text_range() for i in range(len(document))),
    )


def test_no_public_page_shows_workers_or_reporters_personal_data(
    register_with_personal_data, anonymous
):
    seen = 0
    for path, text in public_pages(anonymous, register_with_personal_data):
        seen += 1
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} appears on {path}"
    assert seen >= 18


def test_the_named_individuals_that_are_public_do_appear(register_with_personal_data, anonymous):
    text = anonymous.get(f"/register/{register_with_personal_data.urn}/").content.decode()

    assert "Paula Public" in text
