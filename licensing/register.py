"""The public register's read model: the rule that puts a provider on the register, and the
refresh that writes each provider's entry.

The rule: a provider with a licence shows the state of its latest licence (whatever became of
it, so that refused and revoked providers stay visible to buyers); without one, a refusal
that was not reversed shows as refused; without either, a new-licence application whose fee
was received and which was validated, and is not yet decided, shows as pending (a mere
submission puts nobody's name on the register). Anybody else (drafts, withdrawn
applications, reversed refusals) is not on the register. The entry also copies the
provider's public details (names, numbers, places, sectors), so that the register's search
and filters read one table.

``licensing.workflow.transition`` calls ``register_entry_refresh`` in the same transaction as
every change to an application, licence or refusal, and every change to a provider's
details is made by a service that ends in such a transition. After data is loaded around the
services (bulk SQL, fixtures, a restore) ``manage.py refresh_register`` refreshes everybody.
"""

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Case, CharField, Exists, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat

from core.pagecache import register_changed
from licensing.models import AdverseDecision, Application, Licence, RegisterEntry
from registry.models import LabourProvider

# Every status a provider on the register can have.
LICENCE_STATUSES = [state.value for state in Licence.State]
ON_REGISTER = [*LICENCE_STATUSES, RegisterEntry.REFUSED, RegisterEntry.PENDING]
# The provider's public details the entry copies, under the same names.
DETAILS = (
    "legal_name",
    "trading_names",
    "search_name",
    "company_number",
    "town",
    "postcode",
    "country",
    "recruits_from",
    "supplies_to",
)
SectorLinks = LabourProvider.sectors.through


def _rule(provider) -> dict:
    """The entry's standing as SQL expressions of a provider reference (``OuterRef``)."""
    latest_licence = Licence.objects.filter(provider=provider).order_by("-granted_on", "-pk")
    live_refusals = AdverseDecision.objects.filter(
        provider=provider, kind=AdverseDecision.Kind.REFUSAL
    ).exclude(state=AdverseDecision.State.REVERSED)
    pending_applications = Application.objects.filter(
        provider=provider, kind=Application.Kind.NEW, state__in=Application.LISTED_STATES
    ).filter(Q(fee_received_at__isnull=False) | Q(application_fee=0, inspection_fee=0))
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


def register_status(*, provider_id: int) -> str:
    """The provider's standing by the rule, read from its records (not from its entry)."""
    return (
        LabourProvider.objects.filter(pk=provider_id)
        .annotate(register_status=_rule(OuterRef("pk"))["status"])
        .values_list("register_status", flat=True)
        .first()
        or ""
    )


def _details(provider) -> dict:
    """The provider's public details as SQL expressions of a provider reference."""
    source = LabourProvider.objects.filter(pk=provider)
    return {name: Subquery(source.values(name)[:1]) for name in DETAILS}


def _sector_codes(provider_id: int) -> str:
    codes = sorted(
        SectorLinks.objects.filter(labourprovider_id=provider_id).values_list(
            "sector__code", flat=True
        )
    )
    return f",{','.join(codes)}," if codes else ""


def register_entry_refresh(*, provider_id: int) -> None:
    """Refresh one provider's entry inside the caller's transaction, so that a search in the
    same transaction sees the change.

    The entry row is locked before the provider and its records are read, so the read (a new
    statement, with a new snapshot) sees whatever anybody else committed for this provider
    first: two concurrent changes cannot leave the older view behind. The lock is never
    waited for here: this runs inside a business transaction that holds other rows (a
    licence, say), and whoever holds the entry may want those next. If it is held, the
    refresh runs again once this transaction has committed, waiting then.
    """
    register_entry_ensure(provider_id=provider_id)
    register_changed()
    try:
        _lock_and_apply(provider_id, nowait=True)
    except OperationalError:
        transaction.on_commit(lambda: _lock_and_apply(provider_id, nowait=False))


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
        provider = OuterRef("provider_id")
        entry.update(
            **_rule(provider), **_details(provider), sector_codes=_sector_codes(provider_id)
        )


def register_entries_refresh_all() -> int:
    """Refresh every provider's entry; returns how many were written. One pass over the
    table on PostgreSQL (each pass leaves a dead copy of every row for VACUUM to clear)."""
    register_changed()
    with transaction.atomic():
        missing = LabourProvider.objects.filter(register_entry__isnull=True).values_list(
            "pk", flat=True
        )
        RegisterEntry.objects.bulk_create(
            [RegisterEntry(provider_id=pk) for pk in missing.iterator(chunk_size=5000)],
            batch_size=5000,
            ignore_conflicts=True,
        )
        provider = OuterRef("provider_id")
        if connection.vendor == "postgresql":
            return RegisterEntry.objects.update(
                **_rule(provider), **_details(provider), sector_codes=_all_sector_codes()
            )
        written = RegisterEntry.objects.update(**_rule(provider), **_details(provider))
        _refresh_all_sector_codes_in_python()
    return written


def _all_sector_codes():
    """Each entry's sector codes, aggregated in SQL (PostgreSQL)."""
    from django.contrib.postgres.aggregates import StringAgg

    codes = (
        SectorLinks.objects.filter(labourprovider_id=OuterRef("provider_id"))
        .values("labourprovider_id")
        .annotate(codes=StringAgg("sector__code", ",", order_by="sector__code"))
        .values("codes")
    )
    return Coalesce(
        Concat(Value(","), Subquery(codes), Value(","), output_field=CharField()), Value("")
    )


def _refresh_all_sector_codes_in_python() -> None:
    # SQLite (a development register): one pass in Python is quick enough.
    by_provider: dict[int, list[str]] = {}
    for provider_id, code in SectorLinks.objects.values_list("labourprovider_id", "sector__code"):
        by_provider.setdefault(provider_id, []).append(code)
    entries = list(RegisterEntry.objects.only("pk", "sector_codes"))
    for entry in entries:
        codes = sorted(by_provider.get(entry.pk, []))
        entry.sector_codes = f",{','.join(codes)}," if codes else ""
    RegisterEntry.objects.bulk_update(entries, ["sector_codes"], batch_size=1000)
