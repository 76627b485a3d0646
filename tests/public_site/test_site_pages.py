import io
import random

import pytest

from demo import public_site as demo
from public_site.models import GlossaryTerm, HomePage
from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_pages(db):
    licensed_provider(legal_name="Fenland Harvest Ltd", urn="FENL0001")
    demo.seed(rng=random.Random(1), stdout=io.StringIO())


def test_the_demo_makes_the_home_page_the_site_root(site_pages, anonymous):
    response = anonymous.get("/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Check a labour provider&#x27;s licence" in text or "Check a labour provider's" in text
    assert 'name="q"' in text
    assert HomePage.objects.filter(locale__language_code="en").count() == 1
    assert "Welcome to your new Wagtail site" not in text


def test_the_menu_lists_editors_pages_and_the_register(site_pages, anonymous):
    text = anonymous.get("/").content.decode()

    for title in ("For employers and labour users", "For workers", "News", "Glossary"):
        assert title in text
    assert 'href="/register/"' in text
    assert 'href="/report/"' in text


def test_the_glossary_page_lists_the_terms(site_pages, anonymous):
    text = anonymous.get("/glossary/").content.decode()

    assert GlossaryTerm.objects.filter(term="Human trafficking").exists()
    for term in ("Human trafficking", "Forced labour", "Modern slavery", "Recruitment fee"):
        assert term in text


def test_guidance_news_and_contact_pages_render(site_pages, anonymous):
    for path in ("/for-workers/", "/news/", "/contact-us/"):
        response = anonymous.get(path)
        assert response.status_code == 200, path
    assert "enquiries@regulator.example" in anonymous.get("/contact-us/").content.decode()


def test_seeding_twice_changes_nothing(site_pages):
    demo.seed(rng=random.Random(1), stdout=io.StringIO())

    assert HomePage.objects.filter(locale__language_code="en").count() == 1


def test_every_page_offers_the_language_switcher(site_pages, anonymous):
    for path in ("/", "/register/", "/report/", "/verify/"):
        text = anonymous.get(path).content.decode()
        assert 'action="/language/"' in text, path
        assert 'lang="pl"' in text


def test_a_newly_published_menu_page_appears_in_the_menu(site_pages, anonymous):
    from public_site.models import StandardPage

    assert "Seasonal work guide" not in anonymous.get("/").content.decode()
    home = HomePage.objects.get(locale__language_code="en")
    page = home.add_child(instance=StandardPage(title="Seasonal work guide", show_in_menus=True))
    page.save_revision().publish()

    assert "Seasonal work guide" in anonymous.get("/").content.decode()
