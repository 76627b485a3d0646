"""Server time of the public register on 100,000 providers (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres register_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/register_bench python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/register_bench \
        python benchmarks/register_search.py [--providers 100000] [--iterations 200]

Loads the demo register with `seed_demo --providers N` when the database is empty, then
prints the median and 95th percentile of: a name search with a typo (trigram search, as the
/register/ page runs it: count and first page), the same search done naively with
`icontains`, a search for one common word of a name, a search by filters alone, a licence
number lookup, and the licence page (/register/<URN>/, the whole view through the test
client: first and repeat view of each licence, and with an empty cache).

Runs with production settings (DEBUG off, static files collected into a temporary folder);
`--debug` keeps the development settings, which are slower.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/register_bench")


def typo(name: str, rng: random.Random) -> str:
    """The name as somebody might type it: one letter dropped or two swapped in its longest
    word, lower case, with the words in another order."""
    words = [w for w in name.replace(".", "").split() if w.lower() not in {"ltd", "limited"}]
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    i = rng.randrange(1, len(word) - 1)
    if rng.random() < 0.5:
        word = word[:i] + word[i + 1 :]
    else:
        word = word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    words[longest] = word
    if len(words) > 1:
        words = words[1:] + words[:1]
    return " ".join(words).lower()


def timed(fn, samples):
    times = []
    for sample in samples:
        started = time.perf_counter()
        fn(sample)
        times.append((time.perf_counter() - started) * 1000)
    return times


def line(label, times):
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return f"{label:<58} {statistics.median(times):>9.2f} {p95:>9.2f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--providers", type=int, default=100_000)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--debug", action="store_true", help="keep DEBUG on")
    args = parser.parse_args()

    if not args.debug:
        os.environ.update(
            DEBUG="false",
            SECRET_KEY="benchmark-only-" + "x" * 50,
            ALLOWED_HOSTS="testserver",
            SECURE_SSL_REDIRECT="false",
            STATIC_ROOT=tempfile.mkdtemp(prefix="register-bench-static-"),
        )
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.core.paginator import Paginator
    from django.db import connection, reset_queries
    from django.db.models import Q
    from django.test import Client

    from licensing.models import Licence
    from public_register.search import search_register
    from public_register.words import STATUS_CHOICES
    from registry.models import LabourProvider, Sector

    if connection.vendor != "postgresql":
        sys.exit("Run this benchmark on PostgreSQL (set DATABASE_URL).")
    if not args.debug:
        call_command("collectstatic", interactive=False, verbosity=0)
    if not LabourProvider.objects.exists():
        print(f"Loading {args.providers:,} demo providers (takes a while)…")
        call_command("seed_demo", providers=args.providers)
    total = LabourProvider.objects.count()
    rng = random.Random(7)
    # The same sample on every run, so that runs compare.
    pks = sorted(Licence.objects.values_list("pk", flat=True))
    sample = rng.sample(pks, min(args.iterations, len(pks)))
    licences = list(Licence.objects.select_related("provider").filter(pk__in=sample))
    names = [licence.provider.legal_name for licence in licences]
    typos = [typo(name, rng) for name in names]
    urns = [licence.urn.lower() for licence in licences]
    # One word of a name, as somebody who half remembers it types it: thousands share it.
    words = [
        rng.choice([w for w in name.lower().split() if len(w) > 3 and w not in {"ltd", "limited"}])
        for name in names
    ]
    sectors = list(Sector.objects.values_list("code", flat=True))
    statuses = [code for code, _label in STATUS_CHOICES]
    filters = [
        rng.choice(
            [
                {"sector": rng.choice(sectors)},
                {"status": rng.choice(statuses)},
                {"country": licence.provider.country.code},
                {"location": licence.provider.town},
                {"sector": rng.choice(sectors), "status": rng.choice(statuses)},
            ]
        )
        for licence in licences
    ]
    client = Client()

    def search_page(q, **filters):
        # What the /register/ view runs: the count and the first page of 20.
        page = Paginator(search_register(q=q, **filters), 20).get_page(1)
        list(page)
        reset_queries()
        return page

    def filtered_page(filters):
        return search_page("", **filters)

    def naive(q):
        qs = LabourProvider.objects.filter(
            Q(legal_name__icontains=q) | Q(trading_names__icontains=q)
        ).order_by("legal_name")
        page = Paginator(qs, 20).get_page(1)
        list(page)
        reset_queries()
        return page

    def view(path):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        reset_queries()

    def cold_view(path):
        cache.clear()
        view(path)

    # Warm up connections, caches and the planner.
    for q in typos[:10]:
        search_page(q)
        naive(q)
    for urn in urns[:10]:
        view(f"/register/{urn.upper()}/")

    found = sum(
        1
        for q, name in zip(typos, names, strict=True)
        if name in [p.legal_name for p in search_page(q)]
    )
    found_naive = sum(
        1 for q, name in zip(typos, names, strict=True) if name in [p.legal_name for p in naive(q)]
    )

    settings_used = "development settings (DEBUG on)" if args.debug else "production settings"
    print(
        f"Register benchmark: {total:,} providers, {args.iterations} queries each, PostgreSQL, "
        f"{settings_used}"
    )
    print(f"Example typo query: {names[0]!r} searched as {typos[0]!r}")
    print(f"{'':<58} {'median ms':>9} {'p95 ms':>9}")
    print(line("name search with a typo (trigram, count + page 1)", timed(search_page, typos)))
    print(line("same, naive icontains (count + page 1)", timed(naive, typos)))
    print(line("one common word of a name (count + page 1)", timed(search_page, words)))
    print(line("filters alone, no name (count + page 1)", timed(filtered_page, filters)))
    print(line("licence number lookup (search_register, any case)", timed(search_page, urns)))
    print(
        line(
            "search page /register/?q=<typo> (whole view)",
            timed(view, [f"/register/?q={q.replace(' ', '+')}" for q in typos]),
        )
    )
    licence_pages = [f"/register/{urn.upper()}/" for urn in urns]
    print(
        line(
            "licence page /register/<URN>/ (first view of each licence)",
            timed(view, licence_pages),
        )
    )
    print(line("licence page /register/<URN>/ (repeat view)", timed(view, licence_pages)))
    print(
        line(
            "licence page /register/<URN>/ (empty cache)",
            timed(cold_view, [f"/register/{urn.upper()}/" for urn in urns]),
        )
    )
    print(
        f"Typo queries that found the intended provider on page 1: trigram {found}/{len(typos)}, "
        f"naive icontains {found_naive}/{len(typos)}"
    )


if __name__ == "__main__":
    main()
