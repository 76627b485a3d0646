"""Refused and revoked providers: the list buyers read so that they stop using them, on the
register's page and in the API alike.

Newest first, a page at a time: the position in the list is a key (date, kind, id) rather
than an offset, so a refusal recorded while somebody pages neither repeats nor hides a row.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q

from licensing.models import AdverseDecision, Application, Licence
from public_register.words import REFUSED, status_words

REVOKED = Licence.State.REVOKED.value

# On the same day, revocations come before refusals.
_KIND_ORDER = {REVOKED: 0, REFUSED: 1}

# A decision that can still be overturned: its appeal window is open or an appeal is lodged.
_OPEN_TO_APPEAL = [AdverseDecision.State.APPEALABLE, AdverseDecision.State.UNDER_APPEAL]

OutcomeKey = tuple[date, int, int]


@dataclass(frozen=True)
class AdverseOutcome:
    holder_name: str
    trading_names: list[str]
    company_number: str
    # The revoked licence's number; None for a refusal, which has no licence.
    urn: str | None
    outcome: str
    outcome_words: str
    decided_on: date
    under_appeal: bool
    open_to_appeal: bool
    # Where the row is in the list (see OutcomeKey), for the next page.
    key: OutcomeKey


def _after(after: OutcomeKey | None, kind: str, date_field: str) -> Q:
    """Rows of one kind that come after the key."""
    if after is None:
        return Q()
    decided_on, after_kind, pk = after
    older = Q(**{f"{date_field}__lt": decided_on})
    if _KIND_ORDER[kind] > after_kind:
        return older | Q(**{date_field: decided_on})
    if _KIND_ORDER[kind] < after_kind:
        return older
    return older | Q(**{date_field: decided_on, "pk__lt": pk})


def refused_and_revoked(
    *, after: OutcomeKey | None = None, limit: int, provider_ids: set[int] | None = None
) -> tuple[list[AdverseOutcome], OutcomeKey | None]:
    """Revocations that took effect and refusals of new licences (unless reversed on
    appeal), newest first: up to ``limit`` of them after the key, and the key of the next
    page (None on the last)."""
    revocations = AdverseDecision.objects.filter(
        licence=OuterRef("pk"), kind=AdverseDecision.Kind.REVOCATION
    )
    revoked = (
        Licence.objects.filter(state=Licence.State.REVOKED, revoked_on__isnull=False)
        .filter(_after(after, REVOKED, "revoked_on"))
        .annotate(
            under_appeal=Exists(revocations.filter(state=AdverseDecision.State.UNDER_APPEAL)),
            open_to_appeal=Exists(revocations.filter(state__in=_OPEN_TO_APPEAL)),
        )
        .select_related("provider")
        .order_by("-revoked_on", "-pk")
    )
    refusals = (
        AdverseDecision.objects.filter(
            kind=AdverseDecision.Kind.REFUSAL, application__kind=Application.Kind.NEW
        )
        .exclude(state=AdverseDecision.State.REVERSED)
        .filter(_after(after, REFUSED, "decided_on"))
        .select_related("provider")
        .order_by("-decided_on", "-pk")
    )
    if provider_ids is not None:
        revoked = revoked.filter(provider_id__in=provider_ids)
        refusals = refusals.filter(provider_id__in=provider_ids)
    revoked, refusals = revoked[: limit + 1], refusals[: limit + 1]
    revoked_words, refused_words = status_words(REVOKED), status_words(REFUSED)
    outcomes = [
        AdverseOutcome(
            holder_name=licence.provider.legal_name,
            trading_names=list(licence.provider.trading_names or []),
            company_number=licence.provider.company_number,
            urn=licence.urn,
            outcome=REVOKED,
            outcome_words=revoked_words,
            decided_on=licence.revoked_on,
            under_appeal=licence.under_appeal,
            open_to_appeal=licence.open_to_appeal,
            key=(licence.revoked_on, _KIND_ORDER[REVOKED], licence.pk),
        )
        for licence in revoked
    ]
    outcomes += [
        AdverseOutcome(
            holder_name=decision.provider.legal_name,
            trading_names=list(decision.provider.trading_names or []),
            company_number=decision.provider.company_number,
            urn=None,
            outcome=REFUSED,
            outcome_words=refused_words,
            decided_on=decision.decided_on,
            under_appeal=decision.state == AdverseDecision.State.UNDER_APPEAL,
            open_to_appeal=decision.state in _OPEN_TO_APPEAL,
            key=(decision.decided_on, _KIND_ORDER[REFUSED], decision.pk),
        )
        for decision in refusals
    ]
    outcomes.sort(key=lambda o: (-o.decided_on.toordinal(), o.key[1], -o.key[2]))
    page = outcomes[:limit]
    return page, (page[-1].key if len(outcomes) > limit else None)
