"""The public pages in Arabic (right to left), Polish and Ukrainian, switched to in a real
browser and checked with axe-core (WCAG 2.2 AA)."""

import pytest

from tests.public_site.test_accessibility_browser import site  # noqa: F401  (a fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = {"ar": "rtl", "pl": None, "uk": None}


def test_the_public_pages_switched_to_arabic_polish_and_ukrainian_pass_axe(site, page, axe):  # noqa: F811
    paths = ["/", "/register/?q=fenland+harvst", f"/register/{site.urn}/", "/report/"]
    for language, direction in LANGUAGES.items():
        page.goto("/")
        page.select_option("#language-select", language)
        page.click("form.language-switcher button")
        page.wait_for_load_state()
        assert page.get_attribute("html", "lang") == language
        for path in paths:
            page.goto(path)
            where = f"{path} in {language}"
            assert page.get_attribute("html", "lang") == language, where
            assert page.get_attribute("html", "dir") == direction, where
            assert axe(page) == [], where
    # The Ukrainian home page is the translated one.
    page.goto("/")
    assert page.url.endswith("/uk/")
    assert "Перевірте ліцензію постачальника робочої сили" in page.content()
