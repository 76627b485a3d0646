"""Typo-tolerant search on whichever database the run uses (CI runs SQLite and PostgreSQL):
the same typo set must find the intended provider on the first page at least 95% of the
time, and a search with only close spellings says so rather than "not licensed"."""

import random

import pytest
from django.db import connection

from demo.names import Names
from licensing.models import RegisterEntry
from licensing.name_index import names_index_rebuild
from licensing.register import DETAILS
from public_register.search import search_register
from registry.models import LabourProvider
from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db

PROVIDERS = 800
QUERIES = 200
PAGE = 20
COMPANY_FORMS = {"ltd", "limited", "llp", "sp", "z", "o", "srl", "s", "a", "ood", "uab", "lda"}
OPERATIONS = ("dropped", "swapped", "doubled", "substituted")


def _words(name: str) -> list[str]:
    return name.lower().replace(".", " ").replace(",", " ").split()


def _long_words(words: list[str]) -> list[int]:
    return [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]


def typo(name: str, index: int, rng: random.Random) -> str:
    """The name in lower case with one mistake in one of its words of four letters or more,
    the mistake by turns a dropped, swapped, doubled or substituted letter."""
    words = _words(name)
    at = rng.choice(_long_words(words))
    word = words[at]
    i = rng.randrange(1, len(word) - 1)
    operation = OPERATIONS[index % len(OPERATIONS)]
    if operation == "dropped":
        word = word[:i] + word[i + 1 :]
    elif operation == "swapped":
        word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    elif operation == "doubled":
        word = word[:i] + word[i] + word[i:]
    else:
        replacement = rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != word[i]])
        word = word[:i] + replacement + word[i + 1 :]
    words[at] = word
    # Half the searches leave off the company form, as people do.
    if index % 2:
        words = [w for w in words if w not in COMPANY_FORMS] or words
    return " ".join(words)


def demo_like_register(rng: random.Random) -> list[LabourProvider]:
    names = Names(rng)
    providers = LabourProvider.objects.bulk_create([names.provider() for _ in range(PROVIDERS)])
    RegisterEntry.objects.bulk_create(
        RegisterEntry(
            provider_id=p.pk, status="active", **{name: getattr(p, name) for name in DETAILS}
        )
        for p in providers
    )
    # Loaded around the services, as refresh_register does after a bulk load.
    names_index_rebuild()
    return providers


def test_typo_searches_find_the_intended_provider_on_the_first_page(client):
    rng = random.Random(14)
    providers = demo_like_register(rng)
    sample = rng.sample([p for p in providers if _long_words(_words(p.legal_name))], QUERIES)
    misses = []
    for index, provider in enumerate(sample):
        query = typo(provider.legal_name, index, rng)
        first_page = [entry.pk for entry in search_register(q=query)[:PAGE]]
        if provider.pk not in first_page:
            misses.append((query, provider.legal_name))
    rate = 1 - len(misses) / len(sample)
    print(f"\nTypo search on {connection.vendor}: {rate:.1%} of {len(sample)} found on page 1")
    for query, name in misses:
        print(f"  missed: {query!r} for {name!r}")
    assert rate >= 0.95

    # The API runs the same search: the first few queries again, through it.
    for index, provider in enumerate(sample[:10]):
        query = typo(provider.legal_name, index, random.Random(index))
        response = client.get("/api/v1/search", {"q": query})
        assert response.status_code == 200
        assert provider.legal_name in [r["holder_name"] for r in response.json()["results"]] or (
            (query, provider.legal_name) in misses
        )


def test_a_typo_finds_a_licensed_provider_labelled_as_a_close_match(client):
    licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    licensed_provider(legal_name="Baltic Crew Ltd", urn="BALT0001")

    page = client.get("/register/", {"q": "fenlnad harvest"}).content.decode()
    assert "Fenland Harvest Staffing Ltd" in page
    assert "Close match, not an exact name" in page
    assert "not licensed: do not use it" not in page
    assert "Baltic Crew Ltd" not in page

    api = client.get("/api/v1/search", {"q": "fenlnad harvest"}).json()["results"]
    assert [(r["holder_name"], r["match"]) for r in api] == [
        ("Fenland Harvest Staffing Ltd", "close")
    ]
    exact = client.get("/api/v1/search", {"q": "fenland harvest"}).json()["results"]
    assert [(r["holder_name"], r["match"]) for r in exact] == [
        ("Fenland Harvest Staffing Ltd", "exact")
    ]


def test_nothing_close_says_a_provider_not_on_the_register_is_not_licensed(client):
    licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")

    page = client.get("/register/", {"q": "quixotic zebra"}).content.decode()
    assert "0 providers found" in page
    assert "not licensed: do not use it" in page
    assert "Close match" not in page


def test_a_provider_leaving_the_register_leaves_the_typo_search(client):
    licence = licensed_provider(legal_name="Wisbech Packhouse Crew Ltd", urn="WISB0001")
    assert [e.legal_name for e in search_register(q="wisbech pakhouse")] == [
        "Wisbech Packhouse Crew Ltd"
    ]
    RegisterEntry.objects.filter(pk=licence.provider_id).update(status="")
    from licensing.register import register_entry_refresh

    licence.provider.legal_name = "Renamed Ltd"
    licence.provider.search_name = "renamed ltd"
    licence.provider.save()
    register_entry_refresh(provider_id=licence.provider_id)
    assert list(search_register(q="wisbech pakhouse")) == []
    assert [e.legal_name for e in search_register(q="renamd")] == ["Renamed Ltd"]
