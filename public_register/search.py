"""Searching the public register: by licence number, company number or name (typos and
word order tolerated), and by sector, status, country and place.

Who is on the register is decided in licensing (``licensing.register``): every provider that
holds or held a licence, every provider whose new application was refused (unless reversed),
and providers with a new-licence application pending.
"""

from collections.abc import Collection, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django_countries import countries

from licensing.models import Licence, RegisterEntry
from licensing.name_index import candidates
from public_register.licences import licence_path
from public_register.words import STATUS_TONE, URN_PATTERN, status_words
from registry.models import Sector, normalise_company_number, normalise_name


def register_entries() -> QuerySet[RegisterEntry]:
    """Every entry on the public register: ``status`` (the state of the provider's latest
    licence, ``"refused"`` or ``"pending"``), ``urn`` of its latest licence ("" without one),
    ``refused_on`` (its latest refusal not reversed) and its public details."""
    return RegisterEntry.objects.exclude(status="")


@dataclass(frozen=True)
class RegisterRow:
    """One provider in the register's search results: a row of the /register/ page and an
    item of the API's search, with the same values."""

    holder_name: str
    trading_names: list[str]
    # Its latest licence's number, "" when it never held one (refused, pending).
    urn: str
    status: str
    status_words: str
    tone: str
    town: str
    country: str
    country_name: str
    sectors: list[str]
    # Its licence page, "" without a licence.
    path: str
    refused_on: date | None
    # "exact" when the name contains every word searched for (or the number was the
    # licence's or company's), "close" when it is only spelt nearly the same.
    match: str = "exact"


def search_rows(
    entries: Iterable[RegisterEntry], *, close: Collection[int] = ()
) -> list[RegisterRow]:
    """Rows for a page of ``register_entries()``, with every display value worked out here
    once: translating the same status or country twenty times over costs a page more than
    the search itself. ``close`` are the entries found only by a close spelling."""
    words, country_names = {}, {}
    sector_names = dict(Sector.objects.values_list("code", "name"))
    rows = []
    for entry in entries:
        status = entry.status
        if status not in words:
            words[status] = status_words(status)
        code = entry.country.code
        if code not in country_names:
            country_names[code] = str(countries.name(code)) if code else ""
        rows.append(
            RegisterRow(
                holder_name=entry.legal_name,
                # A JSON list anybody may have written to: only the names in it count.
                trading_names=[t for t in entry.trading_names or [] if isinstance(t, str)],
                urn=entry.urn,
                status=status,
                status_words=words[status],
                tone=STATUS_TONE.get(status, "warn"),
                town=entry.town,
                country=code,
                country_name=country_names[code],
                sectors=sorted(sector_names.get(c, c) for c in entry.sectors),
                path=licence_path(entry.urn) if entry.urn else "",
                refused_on=entry.refused_on,
                match="close" if entry.pk in close else "exact",
            )
        )
    return rows


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# pg_trgm's `%>` operator (word similarity) reads its threshold from the session. At 0.7 a
# typo or two in a name is still found, and the GIN index itself discards the thousands of
# names that merely share "packhouse staffing ltd" (at the default 0.6 every one of them is
# rechecked row by row). When nothing is that close, the search tries again at 0.6.
WORD_THRESHOLDS = (0.7, 0.6)
SUGGESTION_WORD_THRESHOLD = 0.5
# A name search ranks at most this many providers (and says when there are more): nobody
# pages further than that, and ranking every provider that shares a common word costs more
# than the rest of the search.
MAX_NAME_MATCHES = 500
MAX_SUGGESTION_CANDIDATES = 200


@contextmanager
def _word_similarity_threshold(value: float):
    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [value])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET pg_trgm.word_similarity_threshold")


class RankedEntries:
    """Entries found by a name search, best first, as a sequence: its length costs nothing,
    and a slice (a page) fetches only the entries on it."""

    def __init__(self, ids: list[int], *, more: bool = False, exact: int | None = None):
        self.ids = ids
        # More providers matched than MAX_NAME_MATCHES; only the closest are here.
        self.more = more
        # The first ``exact`` contain every word searched for; the rest are close spellings.
        self.close = frozenset(ids[len(ids) if exact is None else exact :])

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        wanted = self.ids[index]
        found = {entry.pk: entry for entry in register_entries().filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]


def _shortest_names_first(qs, condition: Q) -> list[int]:
    """Up to MAX_NAME_MATCHES + 1 entries meeting the condition, the shortest names first:
    of names that contain what was typed, the closest to it."""
    return list(
        qs.filter(condition)
        .order_by(Length("search_name"), "legal_name", "pk")
        .values_list("pk", flat=True)[: MAX_NAME_MATCHES + 1]
    )


def _name_search(qs, name: str) -> RankedEntries:
    """Typo- and word-order-tolerant match on legal and trading names, best first."""
    words = name.split()
    if not words:
        return RankedEntries([])
    # Names containing every word come first whatever else matches. When there are more of
    # them than are worth ranking ("labour", "smith recruitment"), they are the answer:
    # scoring the similarity of ten thousand names would cost ten times as much.
    every_word = Q()
    for word in words:
        every_word &= Q(search_name__contains=word)
    ids = containing = _shortest_names_first(qs, every_word)
    if len(ids) <= MAX_NAME_MATCHES:
        similar = _similar_postgres(qs, name) if _is_postgres() else _similar_elsewhere(qs, name)
        # Words far apart in a name ("smith … recruitment") can score under the threshold.
        seen = set(containing)
        ids = containing + [pk for pk in similar if pk not in seen]
    return RankedEntries(
        ids[:MAX_NAME_MATCHES], more=len(ids) > MAX_NAME_MATCHES, exact=len(containing)
    )


def _similar_postgres(qs, name: str) -> list[int]:
    from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

    # Word similarity compares what was typed with the closest run of words in the name;
    # pg_trgm splits words into trigrams one by one, so word order hardly matters.
    # A name containing what was typed scores 1. Whole-name similarity only breaks ties.
    ranked = (
        qs.filter(search_name__trigram_word_similar=name)
        .annotate(
            relevance=TrigramWordSimilarity(name, "search_name"),
            closeness=TrigramSimilarity("search_name", name),
        )
        .order_by("-relevance", "-closeness", "legal_name", "pk")
        .values_list("pk", flat=True)
    )
    similar = []
    for threshold in WORD_THRESHOLDS:
        with _word_similarity_threshold(threshold):
            similar = list(ranked[: MAX_NAME_MATCHES + 1])
        if similar:
            break
    return similar


def _trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each word padded with two spaces before, one after."""
    grams = set()
    for word in text.split():
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def _similar_elsewhere(qs, name: str) -> list[int]:
    """The PostgreSQL ranking, worked out in Python over the few hundred names that share
    the most trigrams with the search (``licensing.name_index``): the share of the search's
    trigrams found in the name (pg_trgm's word similarity, as near as matters), then the
    share of both names' trigrams in common, with the same thresholds."""
    ids = candidates(name.split())
    if not ids:
        return []
    wanted = _trigrams(name)
    scored = []
    for pk, legal_name, search_name in qs.filter(pk__in=ids).values_list(
        "pk", "legal_name", "search_name"
    ):
        grams = _trigrams(search_name)
        shared = len(wanted & grams)
        scored.append((shared / len(wanted), shared / len(wanted | grams), legal_name, pk))
    for threshold in WORD_THRESHOLDS:
        similar = [row for row in scored if row[0] >= threshold]
        if similar:
            similar.sort(key=lambda row: (-row[0], -row[1], row[2], row[3]))
            return [row[3] for row in similar]
    return []


def search_register(
    *,
    q: str = "",
    sector: str | None = None,
    status: str | None = None,
    country: str | None = None,
    location: str | None = None,
) -> "QuerySet[RegisterEntry] | RankedEntries":
    """Search the public register (see ``register_entries`` for who is on it).

    ``q`` is a licence number (exact, any case), a company number, or a name (legal or
    trading; typos and word order tolerated). ``sector`` is a ``Sector.code``; ``status`` a
    licence state, ``"refused"`` or ``"pending"``; ``country`` a country code matched against
    where the provider is based, recruits from and supplies to; ``location`` a town or the
    start of a postcode.

    A name search returns ``RankedEntries``: at most ``MAX_NAME_MATCHES``, best first.
    Anything else returns a queryset ordered by name.
    """
    qs = register_entries()
    if sector:
        qs = qs.filter(sector_codes__contains=f",{sector},")
    if status:
        qs = qs.filter(status=status)
    if country:
        code = country.strip().upper()
        qs = qs.filter(
            Q(country=code) | Q(recruits_from__contains=code) | Q(supplies_to__contains=code)
        )
    if location:
        place = location.strip()
        qs = qs.filter(
            Q(town__iexact=place)
            | Q(postcode__istartswith=place)
            | Q(postcode__istartswith=place.replace(" ", ""))
        )
    q = (q or "").strip()
    if not q:
        return qs.order_by("legal_name", "pk")
    # An exact licence or company number wins over names. The few matching ids are found
    # once; the page and its count then only look them up.
    exact = []
    if URN_PATTERN.match(q):
        holders = Licence.objects.filter(urn=q.upper()).values("provider_id")
        exact = list(qs.filter(pk__in=holders).values_list("pk", flat=True))
    company_number = normalise_company_number(q)
    if not exact and any(ch.isdigit() for ch in company_number):
        exact = list(qs.filter(company_number=company_number).values_list("pk", flat=True))
    if exact:
        return register_entries().filter(pk__in=exact).order_by("legal_name", "pk")
    return _name_search(qs, normalise_name(q))


def register_suggestions(q: str, *, limit: int = 5) -> list[str]:
    """Names close to a search that found nothing, for "Did you mean …?"."""
    name = normalise_name(q)
    if not name:
        return []
    words = [word for word in name.split() if len(word) >= 4]
    if _is_postgres() and words:
        from django.contrib.postgres.search import TrigramWordSimilarity

        # Looser than the search itself: any one longer word close to a word of a name.
        close_to_a_word = Q()
        for word in words:
            close_to_a_word |= Q(search_name__trigram_word_similar=word)
        # A common word ("hughes") is close to thousands of names: rank a sample of them
        # rather than all.
        with _word_similarity_threshold(SUGGESTION_WORD_THRESHOLD):
            candidates = register_entries().filter(close_to_a_word).order_by().values("pk")
            rows = list(
                RegisterEntry.objects.filter(pk__in=candidates[:MAX_SUGGESTION_CANDIDATES])
                .annotate(relevance=TrigramWordSimilarity(name, "search_name"))
                .order_by("-relevance", "legal_name")
                .values_list("legal_name", flat=True)[:limit]
            )
        return list(dict.fromkeys(rows))
    words = sorted(name.split(), key=len, reverse=True)
    found = []
    for word in words:
        stem = word[:4]
        if len(stem) < 3:
            continue
        for legal_name in (
            register_entries()
            .filter(search_name__contains=stem)
            .values_list("legal_name", flat=True)[:limit]
        ):
            if legal_name not in found:
                found.append(legal_name)
    return found[:limit]
