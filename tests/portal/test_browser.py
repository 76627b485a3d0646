"""A new agency from sign-in to a paid, submitted application; an agency answering a request
for information; and axe on the main portal pages. Chromium via Playwright; the only script
of ours is the country picker's filter."""

import re
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress

from licensing import services
from licensing.models import Application, FeeBand
from registry.models import Sector
from tests.factories import ApplicationFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PDF = b"%PDF-1.4\n% browser test\n%%EOF\n"


@pytest.fixture(autouse=True)
def reference_data(settings):
    """Rows seeded by data migrations are gone once any transactional test has flushed the
    database; create the ones these tests need."""
    settings.PAYMENT_TEST_PROVIDER_ENABLED = True
    Sector.objects.get_or_create(code="agriculture", defaults={"name": "Agriculture"})
    for code, low, high, fee, inspection in [
        ("D", "0", "1000000", "400", "1850"),
        ("C", "1000000", "5000000", "1200", "2150"),
        ("B", "5000000", "10000000", "2000", "2400"),
        ("A", "10000000", None, "2600", "2900"),
    ]:
        FeeBand.objects.get_or_create(
            code=code,
            defaults={
                "min_turnover": Decimal(low),
                "max_turnover": Decimal(high) if high else None,
                "application_fee": Decimal(fee),
                "inspection_fee": Decimal(inspection),
            },
        )


def no_violations(axe, page):
    violations = axe(page)
    assert violations == [], f"{page.url}: {violations}"


def test_a_new_agency_applies_with_the_country_picker_removes_a_document_and_pays(
    page, axe, live_server
):
    # Signing up and confirming the email address are allauth's (tests/accounts); the
    # journey here starts at the one sign-in page with a confirmed account.
    user = UserFactory(
        username="petra", email="petra@fenland-crew.example", first_name="Petra", last_name="Novak"
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    page.goto("/accounts/login/?next=/portal/")
    no_violations(axe, page)
    page.get_by_label("Username").fill("petra")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Apply for a licence").wait_for()
    no_violations(axe, page)
    page.get_by_role("link", name="Start an application").click()
    page.get_by_label("Legal name of the business").fill("Fenland Crew Ltd")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Your business").wait_for()
    no_violations(axe, page)
    page.get_by_label("Trading names").fill("Fen Crew")
    page.get_by_label("Company or registration number").fill("09876543")
    page.get_by_label("Tax reference").fill("321/ZX98765")
    page.get_by_label("Registered address").fill("4 Quay Street")
    page.get_by_label("Town or city").fill("Boston")
    page.get_by_label("Postcode").fill("PE21 6AA")
    page.get_by_label("Country where the business is based").select_option("GB")
    page.get_by_label("Contact phone").fill("01205 000000")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Sectors and countries").wait_for()
    no_violations(axe, page)
    page.get_by_label("Agriculture").check()
    # The country picker: a filter box narrows the list of checkboxes; ticked ones stay.
    recruits = page.get_by_role("group", name="Countries you recruit workers from")
    recruits.get_by_label("Filter the countries").fill("pola")
    assert recruits.get_by_label("Romania").is_hidden()
    recruits.get_by_label("Poland").check()
    recruits.get_by_label("Filter the countries").fill("lithu")
    recruits.get_by_label("Lithuania").check()
    assert recruits.get_by_label("Poland").is_visible()
    no_violations(axe, page)
    supplies = page.get_by_role("group", name="Countries you supply workers to")
    supplies.get_by_label("Filter the countries").fill("united king")
    supplies.get_by_label("United Kingdom").check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Named individuals").wait_for()
    no_violations(axe, page)
    page.get_by_label("Full name").fill("Petra Novak")
    page.get_by_label("Date of birth").fill("1982-03-14")
    page.get_by_label("Role").select_option("pa")
    page.get_by_role("group", name=re.compile("unspent criminal convictions")).get_by_label(
        "No"
    ).check()
    page.get_by_role("group", name=re.compile("refused or revoked")).get_by_label("No").check()
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Turnover and fee").wait_for()
    no_violations(axe, page)
    page.get_by_label("Gross annual turnover in the regulated sectors").fill("640000")
    page.get_by_role("button", name="Save and continue").click()

    page.get_by_role("heading", name="Documents", exact=True).wait_for()
    page.get_by_label("What is it?").select_option("company")
    page.get_by_label("File").set_input_files(
        {"name": "incorporation.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("incorporation.pdf uploaded.").wait_for()
    page.get_by_label("What is it?").select_option("other")
    page.get_by_label("File").set_input_files(
        {"name": "wrong-file.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("wrong-file.pdf uploaded.").wait_for()
    page.get_by_role("button", name="Remove wrong-file.pdf").click()
    page.get_by_text("wrong-file.pdf removed.").wait_for()
    assert page.get_by_role("link", name="wrong-file.pdf").count() == 0
    assert page.get_by_text("£2,250.00").is_visible()
    no_violations(axe, page)
    page.get_by_role("link", name="Continue to check your answers").click()

    page.get_by_role("heading", name="Check your answers and submit").wait_for()
    no_violations(axe, page)
    assert (
        page.get_by_text("Poland, Lithuania").is_visible()
        or page.get_by_text("Lithuania, Poland").is_visible()
    )
    assert page.get_by_text("born 14 March 1982").is_visible()
    assert page.get_by_role("link", name="Change your documents").is_visible()
    page.get_by_label(re.compile("I declare that the information")).check()
    page.get_by_role("button", name="Accept and submit").click()

    page.get_by_role("heading", name="Pay the fee").wait_for()
    no_violations(axe, page)
    page.get_by_label("Test payment (development only)").check()
    page.get_by_role("button", name="Continue to payment").click()

    page.get_by_text("Fee received. Thank you.").wait_for()
    assert page.locator(".status-line").get_by_text("Submitted").is_visible()
    no_violations(axe, page)
    application = Application.objects.get(provider__legal_name="Fenland Crew Ltd")
    assert application.state == Application.State.SUBMITTED
    assert application.fee_received_at is not None
    assert application.documents.count() == 1


def test_an_agency_answers_a_request_for_information(
    page, axe, live_server, agency_a, applicant_a, licensing_officer
):
    application = ApplicationFactory(provider=agency_a)
    services.application_submit(application=application, actor=applicant_a)
    services.application_return(
        application=application, actor=licensing_officer, message="Send your workers' contract."
    )

    page.goto("/portal/sign-in/")
    no_violations(axe, page)
    page.get_by_label("Username").fill("applicant_a")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name=application.reference).click()
    page.get_by_role("heading", name="We need more information").wait_for()
    assert page.get_by_text("Send your workers' contract.").first.is_visible()
    no_violations(axe, page)
    page.get_by_role("link", name="Answer and resubmit").click()
    no_violations(axe, page)
    page.get_by_label("Your answer").fill("Our standard contract is attached.")
    page.get_by_label("What is the document?").select_option("contract")
    page.get_by_label("Add a document (optional)").set_input_files(
        {"name": "contract.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.get_by_role("button", name="Send answer and resubmit").click()
    page.get_by_text("Your answer was sent and the application resubmitted.").wait_for()
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.documents.get().original_name == "contract.pdf"
