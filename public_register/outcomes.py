"""Refused and revoked providers: the list buyers read so that they stop using them."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef

from licensing.models import AdverseDecision, Application, Licence
from public_register.words import REFUSED, status_words


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
