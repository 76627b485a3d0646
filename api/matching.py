"""Bulk check: match up to 10,000 suppliers against the public register at once.

Each supplier has a name and optionally a company number, licence number (URN) and
country. The work is a fixed number of queries whatever the number of suppliers: one
``IN`` query for URNs, one for company numbers, a few for the candidates' register
status. Names are matched against an in-memory word index of every provider's legal and
trading names (``NameIndex``), because on a register where most names share their words
(“… Labour Ltd”) a pg_trgm query costs a second or more per name. Misspelt words are
corrected against the register's vocabulary, candidates must share all distinctive words
but one, and the best are scored with pg_trgm's trigram similarity, so the confidence
and the reason given are the same on PostgreSQL and SQLite.
"""

import functools
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from licensing.models import Licence, LicenceCondition
from public_register.licences import licence_url
from public_register.search import register_entries
from public_register.words import status_words
from registry.models import LabourProvider, normalise_name

MAX_SUPPLIERS = 10_000
MAX_CELL_LENGTH = 300

# A match at or above CONFIDENT with a clear lead over the next candidate needs no
# alternatives; below POSSIBLE a name is "no licence found".
CONFIDENT = 0.8
POSSIBLE = 0.45
CLEAR_LEAD = 0.1
ALTERNATIVES = 3
CANDIDATES_PER_NAME = 5

# Legal forms add trigrams without telling providers apart ("Ltd" against "Limited").
LEGAL_FORMS = {"ltd", "limited", "llp", "plc", "co", "company", "inc", "llc", "gmbh", "sp", "zoo"}

PUNCTUATION = re.compile(r"[^\w\s]")

NO_LICENCE_FOUND = "no_licence_found"
MATCHED = "matched"
UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class Supplier:
    row: int
    name: str
    company_number: str = ""
    urn: str = ""
    country: str = ""


@dataclass
class LicenceSummary:
    provider_id: int
    holder_name: str
    trading_names: list[str]
    urn: str
    status: str
    status_words: str
    conditions: list[str]
    country: str
    url: str


@dataclass
class Match:
    licence: LicenceSummary
    confidence: float
    reason: str
    by_identifier: bool = False


@dataclass
class CheckResult:
    supplier: Supplier
    outcome: str
    best: Match | None = None
    alternatives: list[Match] = field(default_factory=list)
    note: str = ""


@functools.lru_cache(maxsize=200_000)
def trigrams(text: str) -> frozenset[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    return frozenset(
        padded[i : i + 3]
        for padded in (f"  {word} " for word in text.split())
        for i in range(len(padded) - 2)
    )


def similarity(a: str, b: str) -> float:
    ta, tb = trigrams(a), trigrams(b)
    union = ta | tb
    return len(ta & tb) / len(union) if union else 0.0


def core_name(normalised: str) -> str:
    return " ".join(word for word in normalised.split() if word not in LEGAL_FORMS)


def fast_normalise(text: str) -> str:
    """``normalise_name``, without its accent folding for plain ASCII (most names)."""
    if text.isascii():
        return " ".join(PUNCTUATION.sub(" ", text.lower()).split())
    return normalise_name(text)


def name_similarity(query: str, query_grams: set[str], candidate: str) -> float:
    if candidate == query:
        return 1.0
    if sorted(candidate.split()) == sorted(query.split()):
        return 0.97
    grams = trigrams(candidate)
    score = len(query_grams & grams) / len(query_grams | grams)
    query_core, candidate_core = core_name(query), core_name(candidate)
    if query_core != query or candidate_core != candidate:
        score = max(score, similarity(query_core, candidate_core))
    return round(min(score, 0.99), 2)


class ReasonWords:
    """Why a name matched, translated once per check rather than once per supplier."""

    def __init__(self):
        self.exact = _("exact name")
        self.exact_trading = _("exact trading name")
        self.reordered = _("same words in another order")
        self.reordered_trading = _("same words in another order (trading name)")
        self.similar = _("name similarity %(score).2f")
        self.similar_trading = _("name similarity %(score).2f (trading name)")


def name_score(
    query: str, legal_name: str, trading_names: list[str], words: ReasonWords | None = None
) -> tuple[float, str]:
    """How close a normalised supplier name is to a provider's names, and why."""
    words = words or ReasonWords()
    query_grams = trigrams(query)
    best, reason = 0.0, ""
    for index, raw in enumerate([legal_name, *trading_names]):
        score = name_similarity(query, query_grams, fast_normalise(raw))
        if score <= best:
            continue
        trading = index > 0
        if score == 1.0:
            reason = words.exact_trading if trading else words.exact
        elif score == 0.97:
            reason = words.reordered_trading if trading else words.reordered
        else:
            reason = (words.similar_trading if trading else words.similar) % {"score": score}
        best = score
    return best, reason


def _supplier_key(supplier: Supplier) -> str:
    return fast_normalise(supplier.name)


# Candidate generation.


def _providers_by_urn(urns: set[str]) -> dict[str, int]:
    if not urns:
        return {}
    return dict(Licence.objects.filter(urn__in=urns).values_list("urn", "provider_id"))


def _providers_by_company_number(numbers: set[str]) -> dict[str, list[int]]:
    found = defaultdict(list)
    if numbers:
        rows = LabourProvider.objects.filter(company_number__in=numbers).values_list(
            "company_number", "pk"
        )
        for number, pk in rows:
            found[number].append(pk)
    return found


class NameIndex:
    """Every provider's normalised names, indexed by word, held in memory per process.

    Built in a few seconds for 100,000 providers and rebuilt when the register changes
    (a provider added, removed or saved). A trigram query per supplier costs a second or
    more each on a register where most names share their words.
    """

    SCORED_PER_NAME = 20

    def __init__(self):
        self.names: dict[int, list[str]] = {}
        self.exact: dict[str, list[int]] = defaultdict(list)
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.vocabulary_grams: dict[str, set[str]] = defaultdict(set)

    @classmethod
    def build(cls) -> "NameIndex":
        index = cls()
        index.load(LabourProvider.objects.all())
        return index

    def load(self, providers) -> None:
        """Index (or re-index) the given providers' names."""
        # search_name is the normalised legal name when there are no trading names.
        plain = providers.filter(trading_names=[]).values_list("pk", "search_name", "legal_name")
        for pk, search_name, legal_name in plain.iterator(chunk_size=5000):
            self.add(pk, [search_name or fast_normalise(legal_name)])
        others = providers.exclude(trading_names=[]).values_list(
            "pk", "legal_name", "trading_names"
        )
        for pk, legal_name, trading_names in others.iterator(chunk_size=5000):
            names = [legal_name, *(t for t in trading_names or [] if isinstance(t, str))]
            self.add(pk, [fast_normalise(name) for name in names])

    def add(self, pk: int, names: list[str]) -> None:
        self.remove(pk)
        self.names[pk] = names
        for name in names:
            self.exact[name].append(pk)
            for word in name.split():
                if word not in self.postings:
                    for gram in trigrams(word):
                        self.vocabulary_grams[gram].add(word)
                self.postings[word].add(pk)

    def remove(self, pk: int) -> None:
        for name in self.names.pop(pk, ()):
            if pk in self.exact.get(name, ()):
                self.exact[name].remove(pk)
                if not self.exact[name]:
                    del self.exact[name]
            for word in name.split():
                holders = self.postings.get(word)
                if holders is None:
                    continue
                holders.discard(pk)
                if not holders:
                    # A word nobody uses any more must not be offered as a typo correction.
                    del self.postings[word]
                    for gram in trigrams(word):
                        self.vocabulary_grams[gram].discard(word)

    def corrections(self, word: str) -> set[str]:
        """The word itself if providers use it, else the closest words they do use."""
        if word in self.postings:
            return {word}
        grams = trigrams(word)
        counts: dict[str, int] = defaultdict(int)
        for gram in grams:
            for known in self.vocabulary_grams.get(gram, ()):
                counts[known] += 1
        scored = sorted(
            ((common / len(grams | trigrams(known)), known) for known, common in counts.items()),
            reverse=True,
        )
        return {known for score, known in scored[:3] if score >= 0.3}

    def candidates(self, name: str) -> list[int]:
        """Providers with that exact name; else those sharing its distinctive words (allowing
        for typos and one missing word), the closest in length first."""
        if name in self.exact:
            return list(self.exact[name])
        words = [w for w in dict.fromkeys(name.split()) if w not in LEGAL_FORMS] or name.split()
        postings = []
        for word in words:
            known = self.corrections(word)
            if len(known) == 1:
                postings.append(self.postings[known.pop()])
            elif known:
                postings.append(set().union(*(self.postings[k] for k in known)))
        if not postings:
            return []
        postings.sort(key=len)
        postings = postings[:5]
        found = set.intersection(*postings)
        if not found and len(postings) > 1:
            for skipped in range(len(postings)):
                found |= set.intersection(*(p for i, p in enumerate(postings) if i != skipped))
        length = len(name)
        return sorted(found, key=lambda pk: abs(len(self.names[pk][0]) - length))[
            : self.SCORED_PER_NAME
        ]

    def ranked(self, name: str, limit: int) -> list[int]:
        grams = trigrams(name)
        scored = sorted(
            (
                (max(name_similarity(name, grams, n) for n in self.names[pk]), pk)
                for pk in self.candidates(name)
            ),
            reverse=True,
        )
        return [(score, pk) for score, pk in scored[:limit] if score >= POSSIBLE]


_index: tuple[tuple, NameIndex] | None = None
_index_lock = threading.Lock()


def name_index() -> NameIndex:
    """This process's index, brought up to date with the database on every call.

    Providers saved since the index was last brought up to date are re-indexed, so a busy
    register costs a few rows per bulk check, not a rebuild. A register that shrank (a
    provider deleted) is rebuilt in full.
    """
    global _index
    count, latest = LabourProvider.objects.aggregate(n=Count("pk"), at=Max("updated_at")).values()
    with _index_lock:
        if _index is not None and _index[0] == (count, latest):
            return _index[1]
        if _index is None or latest is None or _index[0][1] is None:
            index = NameIndex.build()
        else:
            index = _index[1]
            # ">=": a provider saved in the same instant as the last one seen is re-indexed.
            index.load(LabourProvider.objects.filter(updated_at__gte=_index[0][1]))
            if len(index.names) != count:
                index = NameIndex.build()
        _index = ((count, latest), index)
        return index


# Licence details of the candidates.


def _summaries(provider_ids: set[int]) -> dict[int, LicenceSummary]:
    """Register status and latest licence of each provider that is on the public register."""
    ids = sorted(provider_ids)
    latest: dict[int, tuple] = {}
    for start in range(0, len(ids), 5000):
        rows = Licence.objects.filter(provider_id__in=ids[start : start + 5000]).values_list(
            "provider_id", "granted_on", "pk", "urn", "state"
        )
        for row in rows:
            if row[0] not in latest or row[1:3] > latest[row[0]][1:3]:
                latest[row[0]] = row
    # Providers without a licence are on the register only when refused or pending.
    unlicensed = [pk for pk in ids if pk not in latest]
    status = {}
    for start in range(0, len(unlicensed), 5000):
        rows = (
            register_entries()
            .filter(pk__in=unlicensed[start : start + 5000])
            .values_list("pk", "status")
        )
        status.update(rows)
    on_register = [pk for pk in ids if pk in latest or pk in status]
    words = {}
    summaries: dict[int, LicenceSummary] = {}
    for start in range(0, len(on_register), 5000):
        rows = LabourProvider.objects.filter(pk__in=on_register[start : start + 5000]).values_list(
            "pk", "legal_name", "trading_names", "country"
        )
        for pk, legal_name, trading_names, country in rows:
            urn = latest[pk][3] if pk in latest else ""
            register_status = latest[pk][4] if pk in latest else status[pk]
            summaries[pk] = LicenceSummary(
                provider_id=pk,
                holder_name=legal_name,
                trading_names=[t for t in trading_names or [] if isinstance(t, str)],
                urn=urn,
                status=register_status,
                status_words=words.setdefault(register_status, status_words(register_status)),
                conditions=[],
                country=country,
                url=licence_url(urn) if urn else "",
            )
    with_conditions = {
        latest[pk][2]: summaries[pk]
        for pk in summaries
        if pk in latest and latest[pk][4] == Licence.State.ACTIVE_WITH_CONDITIONS
    }
    ids = list(with_conditions)
    for start in range(0, len(ids), 5000):
        conditions = LicenceCondition.objects.filter(
            licence_id__in=ids[start : start + 5000], state=LicenceCondition.State.OPEN
        ).values_list("licence_id", "standard_code", "text")
        for licence_id, code, text in conditions:
            with_conditions[licence_id].conditions.append(f"{code}: {text}" if code else text)
    return summaries


def _country_adjusted(match: Match, supplier: Supplier) -> Match:
    if supplier.country and match.licence.country and supplier.country != match.licence.country:
        return Match(
            licence=match.licence,
            confidence=round(max(match.confidence - 0.1, 0.0), 2),
            reason=match.reason
            + "; "
            + _("based in %(country)s, not %(given)s")
            % {"country": match.licence.country, "given": supplier.country},
            by_identifier=match.by_identifier,
        )
    return match


def check_suppliers(suppliers: list[Supplier]) -> list[CheckResult]:
    """The best register match for each supplier, with alternatives when uncertain."""
    urns = {s.urn for s in suppliers if s.urn}
    numbers = {s.company_number for s in suppliers if s.company_number}
    by_urn = _providers_by_urn(urns)
    by_number = _providers_by_company_number(numbers)
    index = name_index()
    by_name = {}
    for name in {_supplier_key(s) for s in suppliers}:
        if name:
            by_name[name] = index.ranked(name, CANDIDATES_PER_NAME)

    wanted = set(by_urn.values())
    for ids in by_number.values():
        wanted.update(ids)
    for ranked in by_name.values():
        wanted.update(pk for _score, pk in ranked)
    summaries = _summaries(wanted)
    words = ReasonWords()
    return [_check_one(s, by_urn, by_number, by_name, summaries, words) for s in suppliers]


def _check_one(supplier, by_urn, by_number, by_name, summaries, words) -> CheckResult:
    query = _supplier_key(supplier)
    scored: dict[int, tuple] = {}

    def consider(pk, confidence, reason, by_identifier=False):
        if pk not in summaries:
            return
        current = scored.get(pk)
        if current is None or (by_identifier, confidence) > current[:2]:
            scored[pk] = (by_identifier, confidence, reason)

    note = ""
    if supplier.urn:
        pk = by_urn.get(supplier.urn)
        if pk is None:
            note = _("Licence number %(urn)s is not on the register.") % {"urn": supplier.urn}
        else:
            consider(pk, 1.0, _("exact URN"), True)
    for pk in by_number.get(supplier.company_number, []) if supplier.company_number else []:
        summary = summaries.get(pk)
        if summary is None:
            continue
        score, _reason = name_score(query, summary.holder_name, summary.trading_names, words)
        if score >= POSSIBLE or not query:
            consider(pk, 0.98, _("company number"), True)
        else:
            reason = _("company number (name differs: similarity %(score).2f)") % {"score": score}
            consider(pk, 0.9, reason, True)
    for score, pk in by_name.get(query, ()):
        consider(pk, score, None)

    ranked = sorted(
        scored.items(),
        key=lambda item: (not item[1][0], -item[1][1], summaries[item[0]].holder_name, item[0]),
    )[: ALTERNATIVES + 1]
    matches = []
    for pk, (by_identifier, confidence, reason) in ranked:
        summary = summaries[pk]
        if reason is None:
            confidence, reason = name_score(
                query, summary.holder_name, summary.trading_names, words
            )
        match = Match(summary, confidence, reason, by_identifier)
        matches.append(_country_adjusted(match, supplier))
    matches = [m for m in matches if m.confidence >= POSSIBLE]
    if not matches:
        return CheckResult(supplier=supplier, outcome=NO_LICENCE_FOUND, note=note)
    best, others = matches[0], matches[1:]
    clear = (best.by_identifier and best.confidence >= CONFIDENT) or (
        best.confidence >= CONFIDENT
        and (not others or best.confidence - others[0].confidence >= CLEAR_LEAD)
    )
    return CheckResult(
        supplier=supplier,
        outcome=MATCHED if clear else UNCERTAIN,
        best=best,
        alternatives=[] if clear else others,
        note=note,
    )
