"""Shared fixtures for the portal tests: answers for a complete draft and small file helpers."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from licensing import services
from registry.models import Sector
from tests.factories import ApplicationFactory, LicenceFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n% test document\n%%EOF\n"


def pdf_file(name="contract.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def png_file(name="id.png", content=PNG):
    return SimpleUploadedFile(name, content, content_type="image/png")


def business_post(**overrides):
    data = {
        "legal_name": "Anglia Field Labour Ltd",
        "trading_names": "Anglia Harvest\nFen Pickers",
        "company_number": "01234567",
        "tax_reference": "123/AB45678",
        "registered_address": "2 Station Road",
        "town": "Ely",
        "postcode": "CB7 4BS",
        "country": "GB",
        "operating_address": "",
        "email": "office@anglia.example",
        "phone": "01353 000000",
    }
    data.update(overrides)
    return data


def people_post(people):
    data = {
        "people-TOTAL_FORMS": str(len(people) + 1),
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "20",
    }
    for i, person in enumerate(people):
        row = {
            "full_name": "",
            "date_of_birth": "",
            "role": "pa",
            "email": "",
            "unspent_convictions": "no",
            "previous_refusal": "no",
            "details": "",
            **person,
        }
        for key, value in row.items():
            data[f"people-{i}-{key}"] = value
    return data


def complete_answers():
    sector = Sector.objects.get(code="agriculture")
    return {
        "business": {k: v for k, v in business_post().items()},
        "activities": {"sectors": [sector.pk], "recruits_from": ["PL"], "supplies_to": ["GB"]},
        "people": [
            {
                "full_name": "Ada Applicant",
                "date_of_birth": "1980-04-02",
                "role": "pa",
                "email": "pa@anglia.example",
                "unspent_convictions": "no",
                "previous_refusal": "no",
                "details": "",
            }
        ],
        "turnover": {"turnover": "750000"},
    }


@pytest.fixture
def draft_a(agency_a, applicant_a):
    application = services.application_start(provider=agency_a, kind="new", actor=applicant_a)
    return application


@pytest.fixture
def complete_draft_a(draft_a):
    from decimal import Decimal

    draft_a.answers = complete_answers()
    draft_a.declared_turnover = Decimal("750000")
    draft_a.save()
    return draft_a


@pytest.fixture
def submitted_a(agency_a, applicant_a, django_capture_on_commit_callbacks):
    application = ApplicationFactory(provider=agency_a)
    with django_capture_on_commit_callbacks(execute=True):
        return services.application_submit(application=application, actor=applicant_a)


@pytest.fixture
def licence_a(agency_a):
    # Inside the renewal window (the first reminder goes 42 days before expiry).
    return LicenceFactory(
        provider=agency_a,
        urn="ANGL0001",
        expires_on=timezone.localdate() + timedelta(days=30),
    )
