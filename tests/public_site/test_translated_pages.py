"""Editors' pages in several languages: language-prefixed addresses, hreflang links, a
language switch that keeps the reader on the same page, right-to-left Arabic."""

import io
import random

import pytest
from wagtail.models import Locale

from demo.public_site import seed
from public_site.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    seed(rng=random.Random(1), stdout=io.StringIO())


def test_the_demo_pages_are_translated_into_polish_romanian_and_ukrainian(client, pages):
    workers = StandardPage.objects.get(locale__language_code="en", title="For workers")
    assert {p.locale.language_code for p in workers.get_translations().live()} == {
        "pl",
        "ro",
        "uk",
    }

    home = client.get("/pl/").content.decode()
    assert '<html lang="pl"' in home
    assert "Sprawdź licencję dostawcy pracowników" in home
    # The menu is the Polish pages'.
    assert 'href="/pl/for-workers/">Dla pracowników</a>' in home
    assert "Aktualności" in home

    ukrainian = client.get("/uk/for-workers/").content.decode()
    assert "Для працівників" in ukrainian
    assert '<html lang="uk"' in ukrainian


def test_pages_link_their_translations_with_hreflang(client, pages):
    html = client.get("/for-workers/").content.decode()
    assert '<link rel="alternate" hreflang="pl" href="http://testserver/pl/for-workers/">' in html
    assert '<link rel="alternate" hreflang="uk" href="http://testserver/uk/for-workers/">' in html
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/for-workers/">' in html
    )


def test_the_language_switch_keeps_the_reader_on_the_same_page(client, pages):
    response = client.post("/language/", {"language": "ro", "next": "/pl/for-workers/"})
    assert response.status_code == 302
    assert response["Location"] == "/ro/for-workers/"
    assert client.cookies["django_language"].value == "ro"

    # No Bulgarian translation yet: the English page.
    response = client.post("/language/", {"language": "bg", "next": "/uk/for-workers/"})
    assert response["Location"] == "/for-workers/"

    # Not an editors' page: where it was.
    response = client.post("/language/", {"language": "pl", "next": "/register/?q=crew"})
    assert response["Location"] == "/register/?q=crew"


def test_arabic_pages_read_right_to_left(client, pages):
    html = client.get("/register/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    english = client.get("/register/").content.decode()
    assert "dir=" not in english.split("<head>")[0]


def test_editors_can_translate_pages_in_the_admin(client, pages, editor):
    client.force_login(editor)
    workers = StandardPage.objects.get(locale__language_code="en", title="For workers")
    Locale.objects.get_or_create(language_code="bg")
    response = client.get(f"/admin/localize/submit/page/{workers.pk}/")
    assert response.status_code == 200
    assert "Bulgarian" in response.content.decode()
