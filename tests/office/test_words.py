"""Words, not codes, on staff pages (issue 13): sectors, roles and countries by name, money
with its currency and thousands separators, dates in the reader's format, audit actions and
state changes in words."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from core.money import money as format_money
from licensing import services
from licensing.models import Application, AuditEntry
from registry.models import Sector
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(agency_a, applicant_a, licensing_officer):
    farming, packing = (
        Sector.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("farm-test", "Farming test"), ("pack-test", "Packing test")]
    )
    application = ApplicationFactory(
        provider=agency_a,
        declared_turnover=Decimal("850000"),
        answers={
            "business": {"legal_name": "Fenland Crew Ltd", "country": "GB"},
            "activities": {
                "sectors": [farming.pk, packing.pk],
                "recruits_from": ["PL", "RO"],
                "supplies_to": ["GB"],
            },
            "people": [
                {
                    "full_name": "Anna Nowak",
                    "date_of_birth": "1984-03-12",
                    "role": "pa",
                    "unspent_convictions": "no",
                    "previous_refusal": "yes",
                }
            ],
            "turnover": {"turnover": "850000"},
        },
    )
    application = services.application_submit(application=application, actor=applicant_a)
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    return services.application_validate(application=application, actor=licensing_officer)


def test_money_has_its_currency_and_thousands_separators():
    assert format_money(Decimal("850000"), "GBP", whole=True) == "£850,000"
    assert format_money(Decimal("400"), "GBP") == "£400.00"
    assert format_money(Decimal("1234.5"), "PLN") == "1,234.50 PLN"
    with translation.override("pl"):
        whole = format_money(Decimal("850000"), "GBP", whole=True).replace("\xa0", " ")
        assert whole == "£850 000"


def test_the_case_page_is_in_words(client_for, licensing_officer, case):
    page = (
        client_for(licensing_officer)
        .get(reverse("office:application", args=[case.reference]))
        .content.decode()
    )
    assert "Farming test, Packing test" in page
    assert "Poland, Romania" in page
    assert "PL, RO" not in page
    assert "Principal Authority" in page
    assert ">pa<" not in page
    assert "£850,000" in page
    assert "850000" not in page
    assert date_format(date(1984, 3, 12), "DATE_FORMAT") in page
    assert "1984-03-12" not in page
    assert "Named on a licence that was refused or revoked" in page


def test_the_audit_trail_is_in_words(client_for, licensing_officer, case):
    assert AuditEntry.objects.filter(application=case, action="validate").exists()
    page = (
        client_for(licensing_officer)
        .get(reverse("office:application", args=[case.reference]))
        .content.decode()
    )
    words = dict(Application.State.choices)
    assert f"{words['submitted']} → {words['validated']}" in page
    assert "submitted → validated" not in page
    assert ">validate<" not in page


def test_dates_follow_the_readers_language(client_for, licensing_officer, case):
    client = client_for(licensing_officer)
    url = reverse("office:application", args=[case.reference])
    with translation.override("pl"):
        expected = date_format(case.submitted_at, "DATE_FORMAT")
    page = client.get(url, headers={"accept-language": "pl"}).content.decode()
    assert expected in page
    english = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert f"{case.submitted_at:%-d %B %Y}" in english  # British, not "Nov. 30, 2026"


def test_the_django_admin_lists_audit_actions_in_words(client, case, applicant_a):
    from licensing.models.audit import AuditAction
    from licensing.workflow import audit
    from tests.factories import UserFactory

    audit(actor=applicant_a, action=AuditAction.DRAFT_SAVED, obj=case, data={"step": "business"})
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get(reverse("admin:licensing_auditentry_changelist")).content.decode()
    assert "Draft saved" in page
    assert '<td class="field-what_happened">draft_saved</td>' not in page
