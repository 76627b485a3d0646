"""Writes owned by the register of labour providers."""

from collections.abc import Iterable

from django.db import transaction
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
    """
    from licensing.models import AdverseDecision, Application, Licence

    latest_licence = Licence.objects.filter(provider=OuterRef("pk")).order_by("-granted_on", "-pk")
    live_refusals = AdverseDecision.objects.filter(
        provider=OuterRef("pk"), kind=AdverseDecision.Kind.REFUSAL
    ).exclude(state=AdverseDecision.State.REVERSED)
    pending_applications = Application.objects.filter(
        provider=OuterRef("pk"), kind=Application.Kind.NEW, state__in=Application.OPEN_STATES
    )
    providers = LabourProvider.objects.all()
    with transaction.atomic():
        if provider_ids is not None:
            provider_ids = sorted(set(provider_ids))
            providers = providers.filter(pk__in=provider_ids)
            # Wait for anybody else changing these providers' entries, so that the update
            # below reads what they committed instead of overwriting it with an older view.
            list(providers.select_for_update().values_list("pk", flat=True))
        return providers.update(
            register_urn=Coalesce(Subquery(latest_licence.values("urn")[:1]), Value("")),
            register_refused_on=Subquery(
                live_refusals.order_by("-decided_on").values("decided_on")[:1]
            ),
            register_status=Case(
                When(Exists(latest_licence), then=Subquery(latest_licence.values("state")[:1])),
                When(Exists(live_refusals), then=Value(LabourProvider.REFUSED)),
                When(Exists(pending_applications), then=Value(LabourProvider.PENDING)),
                default=Value(""),
            ),
        )
