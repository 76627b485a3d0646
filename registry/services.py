"""Writes owned by the register of labour providers."""

from collections.abc import Iterable

from django.db import OperationalError, transaction
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from registry.models import LabourProvider


def refresh_register_entries(*, provider_ids: Iterable[int] | None = None) -> int:
    """Recompute where providers stand on the public register; every provider when
    ``provider_ids`` is None. Returns the number of providers updated.

    The rule: a provider with a licence shows the state of its latest licence (whatever
    became of it, so that refused and revoked providers stay visible); without one, a
    refusal that was not reversed shows as refused; without either, a new-licence
    application that is submitted and not yet decided shows as pending. Anybody else (drafts,
    withdrawn applications, reversed refusals) is not on the register.

    With ``provider_ids`` it runs inside the caller's transaction, so a search in the same
    transaction sees the change; if another transaction is changing one of those providers
    at that moment, the update waits until the caller's transaction has committed.
    """
    if provider_ids is None:
        return LabourProvider.objects.update(**_register_entry())
    provider_ids = sorted(set(provider_ids))
    try:
        # Never wait for the lock here: this runs inside a business transaction that holds
        # other rows (a licence, say), and whoever holds the provider may want those next.
        return _lock_and_update(provider_ids, nowait=True)
    except OperationalError:
        # Somebody else is changing these providers: catch up once this transaction has
        # committed, waiting for them then.
        transaction.on_commit(lambda: _lock_and_update(provider_ids, nowait=False))
        return 0


def _lock_and_update(provider_ids: list[int], *, nowait: bool) -> int:
    # Lock first, so that the update (a new statement, with a new snapshot) reads whatever
    # anybody else committed to these providers before it.
    providers = LabourProvider.objects.filter(pk__in=provider_ids)
    with transaction.atomic():
        list(providers.select_for_update(nowait=nowait).values_list("pk", flat=True))
        return providers.update(**_register_entry())


def _register_entry() -> dict:
    """The update that sets providers' register entries (see refresh_register_entries)."""
    from licensing.models import AdverseDecision, Application, Licence

    latest_licence = Licence.objects.filter(provider=OuterRef("pk")).order_by("-granted_on", "-pk")
    live_refusals = AdverseDecision.objects.filter(
        provider=OuterRef("pk"), kind=AdverseDecision.Kind.REFUSAL
    ).exclude(state=AdverseDecision.State.REVERSED)
    pending_applications = Application.objects.filter(
        provider=OuterRef("pk"), kind=Application.Kind.NEW, state__in=Application.OPEN_STATES
    )
    return {
        "register_urn": Coalesce(Subquery(latest_licence.values("urn")[:1]), Value("")),
        "register_refused_on": Subquery(
            live_refusals.order_by("-decided_on").values("decided_on")[:1]
        ),
        "register_status": Case(
            When(Exists(latest_licence), then=Subquery(latest_licence.values("state")[:1])),
            When(Exists(live_refusals), then=Value(LabourProvider.REFUSED)),
            When(Exists(pending_applications), then=Value(LabourProvider.PENDING)),
            default=Value(""),
        ),
    }
