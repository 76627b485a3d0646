"""“Do I need a licence?” answered in a real browser, in English and in Polish, with axe."""

import pytest
from wagtail.models import Locale, Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site():
    if not Page.objects.filter(depth=1).exists():
        locale, _created = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


def answer_the_questions(page):
    page.goto("/do-i-need-a-licence/")
    page.check("input[name=sector][value=shellfish]")
    page.check("input[name=activity][value=gather]")
    page.check("input[name=where][value=uk]")
    page.check("input[name=exclusion][value=none]")
    page.click("form[method=get] button[type=submit]")
    page.wait_for_load_state()


def test_the_questionnaire_answers_in_english_and_polish(site, page, axe):
    answer_the_questions(page)
    assert page.locator("#answer").is_visible()
    assert page.locator("#answer-title").inner_text() == "You need a licence."
    assert axe(page) == []

    page.select_option("#language-select", "pl")
    page.click("form.language-switcher button")
    page.wait_for_load_state()
    answer_the_questions(page)
    assert page.get_attribute("html", "lang") == "pl"
    assert page.locator("#answer").is_visible()
    assert axe(page) == []
