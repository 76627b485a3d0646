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
    BigIntegerField,
    Case,
    CharField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
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

REFUSED = "refused"
PENDING = "pending"

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


def _latest_licence():
    return Licence.objects.filter(provider=OuterRef("pk")).order_by("-granted_on", "-pk")


def _live_refusals():
    return AdverseDecision.objects.filter(
        provider=OuterRef("pk"), kind=AdverseDecision.Kind.REFUSAL
    ).exclude(state=AdverseDecision.State.REVERSED)


def _pending_applications():
    return Application.objects.filter(
        provider=OuterRef("pk"),
        kind=Application.Kind.NEW,
        state__in=Application.OPEN_STATES,
    )


def _with_register_status(qs: QuerySet[LabourProvider]) -> QuerySet[LabourProvider]:
    latest = _latest_licence()
    return (
        qs.annotate(
            urn=Subquery(latest.values("urn")[:1]),
            licence_state=Subquery(latest.values("state")[:1]),
            refused_on=Subquery(_live_refusals().order_by("-decided_on").values("decided_on")[:1]),
        )
        .annotate(
            register_status=Case(
                When(licence_state__isnull=False, then=F("licence_state")),
                When(refused_on__isnull=False, then=Value(REFUSED)),
                default=Value(PENDING),
                output_field=CharField(),
            )
        )
        .prefetch_related("sectors")
    )


def register_entries() -> QuerySet[LabourProvider]:
    """Every provider on the public register, annotated with its register status.

    Annotations: ``urn`` and ``licence_state`` of its latest licence (None without one),
    ``refused_on`` (latest refusal not reversed) and ``register_status`` (a licence state,
    ``"refused"`` or ``"pending"``).
    """
    return _with_register_status(
        LabourProvider.objects.filter(
            Q(Exists(Licence.objects.filter(provider=OuterRef("pk"))))
            | Q(Exists(_live_refusals()))
            | Q(Exists(_pending_applications()))
        )
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
# A name search ranks at most this many providers; nobody reads further than that.
MAX_NAME_MATCHES = 500


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


def _name_search(qs, name: str):
    """Typo- and word-order-tolerant match on legal and trading names, best first."""
    if not name:
        return qs.none()
    if _is_postgres():
        from django.contrib.postgres.fields import ArrayField
        from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity

        # Word similarity compares what was typed with the closest run of words in the name;
        # pg_trgm splits words into trigrams one by one, so word order hardly matters.
        # A name containing what was typed scores 1, so no LIKE branch is needed (and LIKE on
        # one or two letters would make the index return every row). Whole-name similarity
        # only breaks ties. The ranking runs now, under the threshold
        # set for it, and the queryset returned keeps its order by position.
        ranked = (
            qs.filter(search_name__trigram_word_similar=name)
            .annotate(
                relevance=TrigramWordSimilarity(name, "search_name"),
                closeness=TrigramSimilarity("search_name", name),
            )
            .order_by("-relevance", "-closeness", "legal_name", "pk")
            .values_list("pk", flat=True)
        )
        ids = []
        for threshold in WORD_THRESHOLDS:
            with _word_similarity_threshold(threshold):
                ids = list(ranked[:MAX_NAME_MATCHES])
            if ids:
                break
        position = Func(
            Value(ids, output_field=ArrayField(BigIntegerField())),
            F("pk"),
            function="array_position",
            output_field=IntegerField(),
        )
        # The ids passed every filter already: the page and its count only look them up.
        return (
            _with_register_status(LabourProvider.objects.filter(pk__in=ids))
            .annotate(position=position)
            .order_by("position")
        )
    # SQLite: every word must appear (any order); falling back to any word when none match
    # all of them. Less tolerant of typos, but it still finds the provider.
    words = name.split()
    all_words = Q()
    any_word = Q()
    for word in words:
        all_words &= Q(search_name__contains=word)
        any_word |= Q(search_name__contains=word)
    strict = qs.filter(all_words)
    if strict.exists():
        return strict.order_by("legal_name", "pk")
    return qs.filter(any_word).order_by("legal_name", "pk")


def search_register(
    *,
    q: str = "",
    sector: str | None = None,
    status: str | None = None,
    country: str | None = None,
    location: str | None = None,
) -> QuerySet[LabourProvider]:
    """Search the public register (see ``register_entries`` for who is on it).

    ``q`` is a licence number (exact, any case), a company number, or a name (legal or
    trading; typos and word order tolerated). ``sector`` is a ``Sector.code``; ``status`` a
    licence state, ``"refused"`` or ``"pending"``; ``country`` a country code matched against
    where the provider is based, recruits from and supplies to; ``location`` a town or the
    start of a postcode.
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
        return _with_register_status(LabourProvider.objects.filter(pk__in=exact)).order_by(
            "legal_name", "pk"
        )
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
        with _word_similarity_threshold(SUGGESTION_WORD_THRESHOLD):
            rows = list(
                register_entries()
                .filter(close_to_a_word)
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
    """The licence with that URN (any case) and everything its public page needs, or None."""
    urn = (urn or "").strip().upper()
    if not URN_PATTERN.match(urn):
        return None
    current_roles = ProviderRole.objects.current().filter(
        role__in=[
            ProviderRole.Role.PRINCIPAL_AUTHORITY,
            ProviderRole.Role.SOLE_TRADER,
            ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        ]
    )
    return (
        Licence.objects.select_related("provider")
        .prefetch_related(
            "provider__sectors",
            Prefetch(
                "provider__roles",
                queryset=current_roles.select_related("person").order_by("role", "started_on"),
                to_attr="public_roles",
            ),
            Prefetch(
                "conditions",
                queryset=LicenceCondition.objects.filter(state=LicenceCondition.State.OPEN),
                to_attr="open_conditions",
            ),
        )
        .filter(urn=urn)
        .first()
    )


def _public_entries(licence: Licence):
    """Public audit entries about the licence and its holder, in no particular order.

    Ordering (or MAX) in SQL tempts PostgreSQL to walk a whole index on `at` or `id`
    backwards and filter millions of rows; without it the two foreign-key indexes find the
    handful of rows at once, and they are sorted here.
    """
    return (
        AuditEntry.objects.filter(is_public=True)
        .filter(Q(licence=licence) | Q(provider=licence.provider_id))
        .order_by()
    )


def public_history(licence: Licence) -> list[PublicHistoryEntry]:
    """Public audit entries about the licence and its holder, oldest first, in plain words.
    Entries about the holder's other licences are left out."""
    entries = sorted(
        (
            entry
            for entry in _public_entries(licence).only("at", "action", "to_state", "licence_id")
            if entry.licence_id in (None, licence.pk)
        ),
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
    """The public fields of a licence loaded by ``licence_for_public``."""
    provider = licence.provider
    roles = getattr(licence.provider, "public_roles", None)
    if roles is None:
        roles = list(provider.roles.current().select_related("person"))
    pa_roles = (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
    principal = next((r.person.full_name for r in roles if r.role in pa_roles), "")
    abrs = [
        r.person.full_name
        for r in roles
        if r.role == ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE
        and r.authorised_by_regulator
    ]
    open_conditions = getattr(licence, "open_conditions", None)
    if open_conditions is None:
        open_conditions = list(licence.conditions.filter(state=LicenceCondition.State.OPEN))
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
        sectors=[sector.name for sector in provider.sectors.all()],
        recruits_from=[c.code for c in provider.recruits_from],
        supplies_to=[c.code for c in provider.supplies_to],
        principal_authority=principal,
        alternative_business_representatives=abrs,
        conditions_in_force=[
            PublicCondition(
                standard_code=c.standard_code,
                standard_title=c.standard_title,
                text=c.text,
                due_date=c.due_date,
                status=c.state,
                status_words=str(c.get_state_display()),
            )
            for c in open_conditions
        ],
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
    rows = list(_public_entries(licence).values_list("pk", "at"))
    latest = {
        "pk": max((pk for pk, _at in rows), default=None),
        "at": max((at for _pk, at in rows), default=None),
    }
    provider_updated = licence.provider.updated_at
    version = "-".join(
        [
            str(licence.pk),
            str(licence.version),
            f"{licence.updated_at.timestamp():.6f}",
            f"{provider_updated.timestamp():.6f}",
            str(latest["pk"] or 0),
        ]
    )
    last_modified = max(filter(None, [licence.updated_at, provider_updated, latest["at"]]))
    return version, last_modified


def licence_version(licence: Licence) -> str:
    return licence_freshness(licence)[0]


def licence_last_modified(licence: Licence) -> datetime:
    return licence_freshness(licence)[1]
