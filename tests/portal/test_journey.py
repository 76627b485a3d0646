"""The agency's journey through the forms without dead ends, in words not codes (issue 13)."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing.models import Application, AuditAction, AuditEntry, Document, FeeBand
from tests.factories import LicenceFactory
from tests.portal.conftest import pdf_file, people_post

pytestmark = pytest.mark.django_db


def step_url(application, step):
    return reverse("portal:step", args=[application.reference, step])


def test_the_fee_bands_cover_every_turnover_exactly_once():
    bands = list(FeeBand.objects.order_by("min_turnover"))
    assert bands[0].min_turnover == 0 and bands[-1].max_turnover is None
    for lower, upper in zip(bands, bands[1:], strict=False):
        assert lower.max_turnover == upper.min_turnover  # no gap, no overlap
    for turnover in ("0", "999999.99", "1000000", "4999999.99", "5000000", "10000000", "9e9"):
        covering = [
            b
            for b in bands
            if b.min_turnover <= Decimal(turnover)
            and (b.max_turnover is None or Decimal(turnover) < b.max_turnover)
        ]
        assert len(covering) == 1, turnover
        assert FeeBand.for_turnover(Decimal(turnover)) == covering[0]


def test_an_overlapping_fee_band_is_refused():
    band = FeeBand(code="X", min_turnover=Decimal("900000"), max_turnover=Decimal("1100000"))
    band.application_fee = band.inspection_fee = Decimal("1")
    with pytest.raises(Exception, match="overlaps"):
        band.full_clean()


def test_the_fee_table_reads_in_money_with_bands_that_do_not_overlap(
    draft_a, applicant_a, client_for
):
    page = client_for(applicant_a).get(step_url(draft_a, "turnover")).content.decode()
    assert "Under £1,000,000" in page
    assert "£1,000,000 to under £5,000,000" in page
    assert "£10,000,000 or more" in page
    assert "£400.00" in page and "£2,900.00" in page
    assert "1000000" not in page and "400.00 GBP" not in page


def test_declarations_and_roles_start_unanswered_and_are_required(draft_a, applicant_a, client_for):
    client = client_for(applicant_a)
    page = client.get(step_url(draft_a, "people")).content.decode()
    assert "checked" not in page
    assert re.search(r'<option value="" selected>Choose their role</option>', page)
    response = client.post(
        step_url(draft_a, "people"),
        people_post(
            [
                {
                    "full_name": "Ada Applicant",
                    "date_of_birth": "1980-04-02",
                    "role": "",
                    "unspent_convictions": "",
                    "previous_refusal": "",
                }
            ]
        ),
    )
    body = response.content.decode()
    assert "Choose this person’s role." in body
    assert "Answer whether this person has unspent convictions." in body
    assert "Answer whether this person was on a refused licence." in body
    draft_a.refresh_from_db()
    assert "people" not in (draft_a.answers or {})


def test_the_country_picker_is_a_list_of_checkboxes_with_a_filter_script(
    draft_a, applicant_a, client_for
):
    page = client_for(applicant_a).get(step_url(draft_a, "activities")).content.decode()
    assert 'type="checkbox" name="recruits_from" value="PL"' in page
    assert "Ctrl" not in page and "<select multiple" not in page
    assert '<script src="/static/js/country-picker.js" defer></script>' in page
    assert "<script>" not in page  # the CSP forbids inline script
    assert 'class="picker-filter" hidden' in page  # shown only once the script runs


def test_a_document_is_removed_before_submitting_and_the_removal_audited(
    draft_a, applicant_a, client_for, django_capture_on_commit_callbacks
):
    client = client_for(applicant_a)
    client.post(step_url(draft_a, "documents"), {"kind": "company", "file": pdf_file("x.pdf")})
    document = Document.objects.get(application=draft_a)
    stored = document.file.name
    storage = document.file.storage
    assert client.get(reverse("portal:document_remove", args=[document.pk])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:document_remove", args=[document.pk]), follow=True)
    assert "x.pdf removed." in response.content.decode()
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not storage.exists(stored)
    entry = AuditEntry.objects.get(action=AuditAction.DOCUMENT_REMOVED)
    assert entry.data["name"] == "x.pdf"


def test_a_submitted_application_keeps_its_documents(submitted_a, applicant_a, client_for):
    client = client_for(applicant_a)
    document = Document.objects.create(
        provider=submitted_a.provider,
        application=submitted_a,
        kind="company",
        original_name="kept.pdf",
        content_type="application/pdf",
        size=10,
    )
    client.post(reverse("portal:document_remove", args=[document.pk]))
    assert Document.objects.filter(pk=document.pk).exists()


def test_save_messages_say_which_step_was_saved_and_what_is_missing(
    draft_a, applicant_a, client_for
):
    client = client_for(applicant_a)
    response = client.post(
        step_url(draft_a, "turnover"), {"turnover": "640000", "save_and_return": ""}, follow=True
    )
    body = response.content.decode()
    assert "“Turnover and fee” saved." in body
    assert "Still to complete: Your business, Sectors and countries, Named individuals." in body
    assert "Started, not complete" in body or "To do" in body


def test_a_business_with_only_its_name_is_not_complete(draft_a, applicant_a, client_for):
    draft_a.answers = {"business": {"legal_name": "Anglia Field Labour Ltd"}}
    draft_a.save()
    page = client_for(applicant_a).get(reverse("portal:application", args=[draft_a.reference]))
    assert "Started, not complete" in page.content.decode()
    assert '<span class="tag good">Complete</span>' not in page.content.decode()


def test_renewal_is_offered_only_inside_the_renewal_window(agency_a, applicant_a, client_for):
    client = client_for(applicant_a)
    today = timezone.localdate()
    new = LicenceFactory(provider=agency_a, urn="ANGL0002", expires_on=today + timedelta(days=365))
    url = reverse("portal:renew", args=[new.urn])
    page = client.get(reverse("portal:licence", args=[new.urn])).content.decode()
    assert url not in page
    assert "You can renew the licence from" in client.get(url).content.decode()
    client.post(url)
    assert not Application.objects.filter(kind=Application.Kind.RENEWAL).exists()

    due = LicenceFactory(provider=agency_a, urn="ANGL0003", expires_on=today + timedelta(days=20))
    assert (
        reverse("portal:renew", args=[due.urn])
        in client.get(reverse("portal:licence", args=[due.urn])).content.decode()
    )


def test_the_timeline_shows_amounts_with_currency(submitted_a, applicant_a, client_for):
    client = client_for(applicant_a)
    client.post(reverse("portal:pay", args=[submitted_a.reference]), {"method": "bank_transfer"})
    page = client.get(reverse("portal:application", args=[submitted_a.reference]))
    assert re.search(r"reference LP\w+, £[\d,]+\.\d\d", page.content.decode())
