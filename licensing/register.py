"""The rule that puts a provider on the public register, and the refresh that applies it.

The rule: a provider with a licence shows the state of its latest licence (whatever became of
it, so that refused and revoked providers stay visible to buyers); without one, a refusal
that was not reversed shows as refused; without either, a new-licence application that is
submitted and not yet decided shows as pending. Anybody else (drafts, withdrawn
applications, reversed refusals) is not on the register.

``licensing.workflow.transition`` calls ``register_entry_refresh`` in the same transaction as
every change to an application, licence or refusal; after data is loaded around the models
(bulk SQL, fixtures, a restore) ``manage.py refresh_register`` applies the rule to everybody.
"""

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Case, Exists, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce

from licensing.models import AdverseDecision, Application, Licence, RegisterEntry
from registry.models import LabourProvider

# Every status a provider on the register can have.
LICENCE_STATUSES = [state.value for state in Licence.State]
ON_REGISTER = [*LICENCE_STATUSES, RegisterEntry.REFUSED, RegisterEntry.PENDING]


def _rule(provider) -> dict:
    """The entry's fields as SQL expressions of a provider reference (``OuterRef``)."""
    latest_licence = Licence.objects.filter(provider=provider).order_by("-granted_on", "-pk")
    live_refusals = AdverseDecision.objects.filter(
        provider=provider, kind=AdverseDecision.Kind.REFUSAL
    ).exclude(state=AdverseDecision.State.REVERSED)
    pending_applications = Application.objects.filter(
        provider=provider, kind=Application.Kind.NEW, state__in=Application.OPEN_STATES
    )
    return {
        "urn": Coalesce(Subquery(latest_licence.values("urn")[:1]), Value("")),
        "refused_on": Subquery(live_refusals.order_by("-decided_on").values("decided_on")[:1]),
        "status": Case(
            When(Exists(latest_licence), then=Subquery(latest_licence.values("state")[:1])),
            When(Exists(live_refusals), then=Value(RegisterEntry.REFUSED)),
            When(Exists(pending_applications), then=Value(RegisterEntry.PENDING)),
            default=Value(""),
        ),
    }


def register_entry_refresh(*, provider_id: int) -> None:
    """Apply the rule to one provider, inside the caller's transaction, so that a search in
    the same transaction sees the change.

    The entry row is locked before the rule is read, so the read (a new statement, with a new
    snapshot) sees whatever anybody else committed for this provider first. Two concurrent
    changes therefore cannot leave the older view behind. The lock is never waited for here:
    this runs inside a business transaction that holds other rows (a licence, say), and
    whoever holds the entry may want those next. If it is held, the refresh runs again once
    this transaction has committed, waiting then.
    """
    register_entry_ensure(provider_id=provider_id)
    try:
        _lock_and_apply(provider_id, nowait=True)
    except OperationalError:
        transaction.on_commit(lambda: _lock_and_apply(provider_id, nowait=False))


def register_entries_refresh_all() -> int:
    """Apply the rule to every provider; returns how many entries were written."""
    with transaction.atomic():
        missing = LabourProvider.objects.filter(register_entry__isnull=True).values_list(
            "pk", flat=True
        )
        RegisterEntry.objects.bulk_create(
            [RegisterEntry(provider_id=pk) for pk in missing.iterator(chunk_size=5000)],
            batch_size=5000,
            ignore_conflicts=True,
        )
        return RegisterEntry.objects.update(**_rule(OuterRef("provider_id")))


def register_entry_ensure(*, provider_id: int) -> None:
    """Create the provider's (empty) entry row if it has none yet."""
    if RegisterEntry.objects.filter(provider_id=provider_id).exists():
        return
    try:
        # A savepoint: losing the race to another transaction's insert is fine.
        with transaction.atomic():
            RegisterEntry.objects.create(provider_id=provider_id)
    except IntegrityError:
        pass


def _lock_and_apply(provider_id: int, *, nowait: bool) -> None:
    entry = RegisterEntry.objects.filter(provider_id=provider_id)
    with transaction.atomic():
        list(entry.select_for_update(nowait=nowait).values_list("pk", flat=True))
        entry.update(**_rule(OuterRef("provider_id")))
