"""The glossary as data: terms from the migration, translated, linked from the register and
served as JSON."""

import pytest

from public_site.models import GlossaryPage, GlossaryTerm, GlossaryTranslation
from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db

PROCUREMENT = [
    "employer-pays-principle",
    "recruitment-fees-and-related-costs",
    "due-diligence",
    "exclusion",
    "labour-user",
    "principal-authority",
    "licence",
    "abr",
    "gangmaster",
]


@pytest.fixture
def glossary_page():
    from wagtail.models import Page

    root = Page.get_first_root_node().get_children().first()
    return root.add_child(instance=GlossaryPage(title="Glossary", slug="glossary"))


def test_the_migration_holds_the_terms_with_polish_romanian_and_ukrainian_drafts():
    slugs = set(GlossaryTerm.objects.values_list("slug", flat=True))
    assert set(PROCUREMENT) <= slugs
    for language in ("pl", "ro", "uk"):
        translated = GlossaryTranslation.objects.filter(language=language)
        assert set(translated.values_list("glossary_term__slug", flat=True)) == slugs
        assert all("native speaker" in t.translators_note for t in translated)
    fees = GlossaryTerm.objects.get(slug="recruitment-fees-and-related-costs")
    assert "travel and lodging" in fees.definition
    assert "employer-pays-principle" in fees.related.values_list("slug", flat=True)


def test_the_api_serves_the_glossary_in_polish_with_related_terms(client, glossary_page):
    data = client.get("/api/v1/glossary", {"lang": "pl"}).json()

    assert data["language"] == "pl"
    terms = {t["id"]: t for t in data["terms"]}
    epp = terms["employer-pays-principle"]
    assert epp["term"] == "Zasada „płaci pracodawca”"
    assert epp["language"] == "pl" and epp["is_translation_missing"] is False
    assert "native speaker" in epp["translators_note"]
    assert epp["uri"] == "http://testserver/glossary/#employer-pays-principle"
    assert {
        "id": "due-diligence",
        "uri": "http://testserver/glossary/#due-diligence",
        "term": "Należyta staranność",
    } in epp["related"]


def test_a_language_without_translations_falls_back_to_english_flagged(client):
    terms = client.get("/api/v1/glossary", {"lang": "bg"}).json()["terms"]
    pa = next(t for t in terms if t["id"] == "principal-authority")
    assert pa["term"] == "Principal Authority (PA)"
    assert pa["language"] == "en" and pa["is_translation_missing"] is True
    assert "day-to-day management" in pa["definition"]


def test_an_unknown_language_is_a_400_with_a_json_error(client):
    response = client.get("/api/v1/glossary", {"lang": "xx"})
    assert response.status_code == 400
    assert "Unknown language" in response.json()["detail"]


def test_the_licence_page_links_its_terms_to_the_glossary(client, glossary_page):
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")

    page = client.get(f"/register/{licence.urn}/").content.decode()

    assert 'href="/glossary/#principal-authority"' in page
    assert 'href="/glossary/#abr"' in page
    assert 'href="/glossary/#licence-conditions"' in page
    assert "What is this?" in page


def test_the_glossary_page_shows_polish_and_flags_english_fallbacks(client, glossary_page):
    GlossaryTranslation.objects.filter(language="pl", glossary_term__slug="gangmaster").delete()
    page = client.get("/glossary/", HTTP_ACCEPT_LANGUAGE="pl", follow=True)
    assert page.redirect_chain == [("/pl/glossary/", 302)]
    html = page.content.decode()
    assert '<html lang="pl"' in html
    assert "Należyta staranność" in html
    assert '<dt id="gangmaster" lang="en">Gangmaster</dt>' in html
