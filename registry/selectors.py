"""The public register: search and the public view of a licence.

Shared by the public site (``/register/``) and the JSON API, so both show the same
providers and exactly the same fields.

Who is on the register: every provider that holds or held a licence (whatever became
of it: refused and revoked providers stay visible so that buyers stop using them), every
provider whose new application was refused (unless the refusal was reversed), and
providers with a new-licence application pending (submitted and not yet decided).
Drafts and withdrawn applications are not public.

Personal data: only the names of the Principal Authority and Alternative Business
Representatives are public. Nothing here reads dates of birth, emails, phone numbers,
reasons written by staff, or anything about workers and reporters.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import (
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
)
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from licensing.models import AdverseDecision, Application, AuditEntry, Licence, LicenceCondition
from registry.models import (
    LabourProvider,
    ProviderRole,
    normalise_company_number,
    normalise_name,
)

URN_PATTERN = re.compile(r"^[A-Za-z]{4}\d{4}$")

REFUSED = LabourProvider.REFUSED
PENDING = LabourProvider.PENDING

# Register statuses in plain words, for people who do not know the regulator's terms.
STATUS_WORDS = {
    Licence.State.ACTIVE: _("Licensed"),
    Licence.State.ACTIVE_WITH_CONDITIONS: _("Licensed with additional conditions"),
    Licence.State.SUSPENDED: _("Suspended: must not supply workers"),
    Licence.State.REVOKED: _("Revoked: no longer licensed"),
    Licence.State.SURRENDERED: _("Surrendered: no longer licensed"),
    Licence.State.EXPIRED: _("Expired: no longer licensed"),
    REFUSED: _("Refused: application for a licence refused"),
    PENDING: _("Application pending: not licensed yet"),
}

STATUS_CHOICES = [
    (Licence.State.ACTIVE.value, _("Licensed")),
    (Licence.State.ACTIVE_WITH_CONDITIONS.value, _("Licensed with additional conditions")),
    (Licence.State.SUSPENDED.value, _("Suspended")),
    (Licence.State.REVOKED.value, _("Revoked")),
    (Licence.State.SURRENDERED.value, _("Surrendered")),
    (Licence.State.EXPIRED.value, _("Expired")),
    (REFUSED, _("Refused")),
    (PENDING, _("Application pending")),
]

# Whether a status lets the provider supply workers: drives the colour of the status tag.
STATUS_TONE = {
    Licence.State.ACTIVE: "good",
    Licence.State.ACTIVE_WITH_CONDITIONS: "warn",
    Licence.State.SUSPENDED: "bad",
    Licence.State.REVOKED: "bad",
    Licence.State.SURRENDERED: "bad",
    Licence.State.EXPIRED: "bad",
    REFUSED: "bad",
    PENDING: "warn",
}

# Public audit actions in plain words. Actions not listed fall back to a neutral phrase, so a
# new kind of public entry never leaks its internal name or the reasons staff wrote.
HISTORY_WORDS = {
    "licence_granted": _("Licence granted"),
    "renewed": _("Licence renewed"),
    "conditions_added": _("Additional licence conditions imposed"),
    "condition_mark_met": _("Additional licence condition met"),
    "condition_mark_breached": _("Additional licence condition breached"),
    "conditions_all_met": _("All additional licence conditions met"),
    "suspend": _("Licence suspended"),
    "lift_suspension": _("Suspension lifted"),
    "revocation_notice": _(
        "Decision to revoke the licence (it stays in force until the appeal window closes "
        "or an appeal is decided)"
    ),
    "revoke_with_immediate_effect": _("Licence revoked with immediate effect"),
    "revocation_takes_effect": _("Licence revoked"),
    "reinstate": _("Licence reinstated on appeal"),
    "revocation_withdrawn": _("Revocation reversed on appeal"),
    "appeal_allowed": _("Appeal allowed"),
    "appeal_dismissed": _("Appeal dismissed"),
    "appeal_withdrawn": _("Appeal withdrawn"),
    "surrender": _("Licence surrendered"),
    "expire": _("Licence expired"),
    "named_individuals_changed": _("Named individuals changed"),
    "refuse": _("Application refused"),
    "reopen_after_appeal": _("Refusal overturned on appeal"),
}
# Application-level twins of "licence_granted": the licence entry already says it.
HISTORY_SKIPPED = {"grant", "grant_with_conditions", "fast_track_renewal"}


def status_words(status: str) -> str:
    return str(STATUS_WORDS.get(status, status))


# Search.


def register_entries() -> QuerySet[LabourProvider]:
    """Every provider on the public register, with its register status.

    ``register_status`` is the state of its latest licence, ``"refused"`` or ``"pending"``
    (see ``registry.services.refresh_register_entries`` for the rule). Annotations: ``urn``
    of its latest licence ("" without one) and ``refused_on`` (latest refusal not reversed).
    """
    return (
        LabourProvider.objects.exclude(register_status="")
        .annotate(urn=F("register_urn"), refused_on=F("register_refused_on"))
        .prefetch_related("sectors")
    )


def _is_postgres() -> bool:
    from django.db import connection

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
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [value])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET pg_trgm.word_similarity_threshold")


class RankedProviders:
    """Providers found by a name search, best first, as a sequence: its length costs nothing,
    and a slice (a page) fetches only the providers on it."""

    def __init__(self, ids: list[int], *, more: bool = False):
        self.ids = ids
        # More providers matched than MAX_NAME_MATCHES; only the closest are here.
        self.more = more

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
        found = {provider.pk: provider for provider in register_entries().filter(pk__in=wanted)}
        return [found[pk] for pk in wanted if pk in found]


def _shortest_names_first(qs, condition: Q) -> list[int]:
    """Up to MAX_NAME_MATCHES + 1 providers meeting the condition, the shortest names first:
    of names that contain what was typed, the closest to it."""
    return list(
        qs.filter(condition)
        .order_by(Length("search_name"), "legal_name", "pk")
        .values_list("pk", flat=True)[: MAX_NAME_MATCHES + 1]
    )


def _name_search(qs, name: str) -> RankedProviders:
    """Typo- and word-order-tolerant match on legal and trading names, best first."""
    words = name.split()
    if not words:
        return RankedProviders([])
    # Names containing every word come first whatever else matches. When there are more of
    # them than are worth ranking ("labour", "smith recruitment"), they are the answer:
    # scoring the similarity of ten thousand names would cost ten times as much.
    every_word = Q()
    any_word = Q()
    for word in words:
        every_word &= Q(search_name__contains=word)
        any_word |= Q(search_name__contains=word)
    ids = containing = _shortest_names_first(qs, every_word)
    if len(ids) <= MAX_NAME_MATCHES and _is_postgres():
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
        # Words far apart in a name ("smith … recruitment") can score under the threshold.
        seen = set(containing)
        ids = containing + [pk for pk in similar if pk not in seen]
    elif not ids:
        # SQLite, whose search is less tolerant of typos: a name with any of the words.
        ids = _shortest_names_first(qs, any_word)
    return RankedProviders(ids[:MAX_NAME_MATCHES], more=len(ids) > MAX_NAME_MATCHES)


def search_register(
    *,
    q: str = "",
    sector: str | None = None,
    status: str | None = None,
    country: str | None = None,
    location: str | None = None,
) -> "QuerySet[LabourProvider] | RankedProviders":
    """Search the public register (see ``register_entries`` for who is on it).

    ``q`` is a licence number (exact, any case), a company number, or a name (legal or
    trading; typos and word order tolerated). ``sector`` is a ``Sector.code``; ``status`` a
    licence state, ``"refused"`` or ``"pending"``; ``country`` a country code matched against
    where the provider is based, recruits from and supplies to; ``location`` a town or the
    start of a postcode.

    A name search returns ``RankedProviders``: at most ``MAX_NAME_MATCHES``, best first.
    Anything else returns a queryset ordered by name.
    """
    qs = register_entries()
    if sector:
        qs = qs.filter(sectors__code=sector)
    if status:
        qs = qs.filter(register_status=status)
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
        exact = list(qs.filter(licences__urn=q.upper()).values_list("pk", flat=True))
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
                LabourProvider.objects.filter(pk__in=candidates[:MAX_SUGGESTION_CANDIDATES])
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


def recent_refusals_and_revocations(*, limit: int = 100) -> list["AdverseOutcome"]:
    """Refusals (not reversed) and revocations that took effect, newest first."""
    outcomes = []
    refusals = (
        AdverseDecision.objects.filter(kind=AdverseDecision.Kind.REFUSAL)
        .exclude(state=AdverseDecision.State.REVERSED)
        .filter(application__kind=Application.Kind.NEW)
        .select_related("provider")
        .order_by("-decided_on", "-pk")[:limit]
    )
    for decision in refusals:
        outcomes.append(
            AdverseOutcome(
                provider_name=decision.provider.legal_name,
                trading_names=list(decision.provider.trading_names),
                urn="",
                outcome=REFUSED,
                outcome_words=status_words(REFUSED),
                decided_on=decision.decided_on,
                final=decision.state == AdverseDecision.State.FINAL,
            )
        )
    revoked = (
        Licence.objects.filter(state=Licence.State.REVOKED, revoked_on__isnull=False)
        .annotate(
            open_to_appeal=Exists(
                AdverseDecision.objects.filter(
                    licence=OuterRef("pk"),
                    state__in=[
                        AdverseDecision.State.UNDER_APPEAL,
                        AdverseDecision.State.APPEALABLE,
                    ],
                )
            )
        )
        .select_related("provider")
        .order_by("-revoked_on", "-pk")[:limit]
    )
    for licence in revoked:
        outcomes.append(
            AdverseOutcome(
                provider_name=licence.provider.legal_name,
                trading_names=list(licence.provider.trading_names),
                urn=licence.urn,
                outcome=Licence.State.REVOKED,
                outcome_words=status_words(Licence.State.REVOKED),
                decided_on=licence.revoked_on,
                final=not licence.open_to_appeal,
            )
        )
    outcomes.sort(key=lambda o: o.decided_on, reverse=True)
    return outcomes[:limit]


@dataclass(frozen=True)
class AdverseOutcome:
    provider_name: str
    trading_names: list[str]
    urn: str
    outcome: str
    outcome_words: str
    decided_on: date
    final: bool


# One licence, as the public sees it.


@dataclass(frozen=True)
class PublicCondition:
    standard_code: str
    standard_title: str
    text: str
    due_date: date
    status: str
    status_words: str


@dataclass(frozen=True)
class PublicHistoryEntry:
    at: datetime
    action: str
    words: str
    status: str


@dataclass(frozen=True)
class PublicLicence:
    """Exactly the public fields of a licence: the register page, the PDF and the API."""

    urn: str
    status: str
    status_words: str
    is_in_force: bool
    holder_name: str
    trading_names: list[str]
    company_number: str
    town: str
    country: str
    country_name: str
    is_overseas: bool
    sectors: list[str]
    recruits_from: list[str]
    supplies_to: list[str]
    principal_authority: str
    alternative_business_representatives: list[str]
    conditions_in_force: list[PublicCondition]
    granted_on: date
    last_renewed_on: date | None
    expires_on: date
    suspended_on: date | None
    revoked_on: date | None
    surrendered_on: date | None
    expired_on: date | None
    history: list[PublicHistoryEntry] = field(default_factory=list)
    updated_at: datetime | None = None

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "warn")


def licence_for_public(urn: str) -> Licence | None:
    """The licence with that URN (any case) and its holder, or None."""
    urn = (urn or "").strip().upper()
    if not URN_PATTERN.match(urn):
        return None
    return Licence.objects.select_related("provider").filter(urn=urn).first()


def _public_entries(licence: Licence) -> list[AuditEntry]:
    """Public audit entries about the licence and its holder, in no particular order; read
    once per licence object, since both its history and its version need them.

    Ordering (or MAX) in SQL tempts PostgreSQL to walk a whole index on `at` or `id`
    backwards and filter millions of rows; without it the two foreign-key indexes find the
    handful of rows at once, and they are sorted here.
    """
    entries = getattr(licence, "_public_entries_cache", None)
    if entries is None:
        entries = list(
            AuditEntry.objects.filter(is_public=True)
            .filter(Q(licence=licence) | Q(provider=licence.provider_id))
            .order_by()
            .only("at", "action", "to_state", "licence_id")
        )
        licence._public_entries_cache = entries
    return entries


def public_history(licence: Licence) -> list[PublicHistoryEntry]:
    """Public audit entries about the licence and its holder, oldest first, in plain words.
    Entries about the holder's other licences are left out."""
    entries = sorted(
        (entry for entry in _public_entries(licence) if entry.licence_id in (None, licence.pk)),
        key=lambda entry: (entry.at, entry.pk),
    )
    history = []
    for entry in entries:
        if entry.action in HISTORY_SKIPPED:
            continue
        words = HISTORY_WORDS.get(entry.action, _("Register entry updated"))
        history.append(
            PublicHistoryEntry(
                at=entry.at,
                action=entry.action,
                words=str(words),
                status=entry.to_state if entry.to_state in STATUS_WORDS else "",
            )
        )
    return history


def public_licence(licence: Licence) -> PublicLicence:
    """The public fields of a licence fetched with its holder (``licence_for_public``): three
    more queries, for sectors, named individuals and conditions in force."""
    provider = licence.provider
    roles = list(
        ProviderRole.objects.current()
        .filter(
            provider=provider,
            role__in=[
                ProviderRole.Role.PRINCIPAL_AUTHORITY,
                ProviderRole.Role.SOLE_TRADER,
                ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
            ],
        )
        .order_by("role", "started_on")
        .values_list("role", "person__full_name", "authorised_by_regulator")
    )
    pa_roles = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
    principal = next((name for role, name, _authorised in roles if role in pa_roles), "")
    abrs = [
        name
        for role, name, authorised in roles
        if role == ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE and authorised
    ]
    open_words = str(LicenceCondition.State.OPEN.label)
    conditions_in_force = [
        PublicCondition(
            standard_code=code,
            standard_title=title,
            text=text,
            due_date=due_date,
            status=LicenceCondition.State.OPEN,
            status_words=open_words,
        )
        for code, title, text, due_date in licence.conditions.filter(
            state=LicenceCondition.State.OPEN
        ).values_list("standard_code", "standard_title", "text", "due_date")
    ]
    return PublicLicence(
        urn=licence.urn,
        status=licence.state,
        status_words=status_words(licence.state),
        is_in_force=licence.is_in_force,
        holder_name=provider.legal_name,
        trading_names=list(provider.trading_names),
        company_number=provider.company_number,
        town=provider.town,
        country=provider.country.code,
        country_name=str(provider.country.name),
        is_overseas=provider.country.code != settings.JURISDICTION_COUNTRY,
        sectors=list(provider.sectors.values_list("name", flat=True)),
        recruits_from=[c.code for c in provider.recruits_from],
        supplies_to=[c.code for c in provider.supplies_to],
        principal_authority=principal,
        alternative_business_representatives=abrs,
        conditions_in_force=conditions_in_force,
        granted_on=licence.granted_on,
        last_renewed_on=licence.last_renewed_on,
        expires_on=licence.expires_on,
        suspended_on=licence.suspended_on,
        revoked_on=licence.revoked_on,
        surrendered_on=licence.surrendered_on,
        expired_on=licence.expired_on,
        history=public_history(licence),
        updated_at=licence.updated_at,
    )


def country_names(codes: list[str]) -> list[str]:
    return [str(countries.name(code)) or code for code in codes]


def licence_freshness(licence: Licence) -> tuple[str, datetime]:
    """A version string that changes whenever anything on the licence's public page changes
    (for ETags and cache keys), and when it last changed (for Last-Modified), in one query.
    Named-individual changes touch only the provider and the audit trail, hence both."""
    entries = _public_entries(licence)
    latest_pk = max((entry.pk for entry in entries), default=0)
    latest_at = max((entry.at for entry in entries), default=None)
    provider_updated = licence.provider.updated_at
    version = "-".join(
        [
            str(licence.pk),
            str(licence.version),
            f"{licence.updated_at.timestamp():.6f}",
            f"{provider_updated.timestamp():.6f}",
            str(latest_pk),
        ]
    )
    last_modified = max(filter(None, [licence.updated_at, provider_updated, latest_at]))
    return version, last_modified
