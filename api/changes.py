"""The public changes feed: every public audit entry exactly once, in commit order.

Audit entry ids are handed out when a row is inserted, not when its
transaction commits, so a reader paging by id could read entry 101 while 100
is still uncommitted, move its cursor past 100 and never see it. Instead each
committed public entry gets a ``PublicChange.position`` from a sequencer that
runs one at a time (a PostgreSQL advisory lock; SQLite serialises writers).
Positions therefore become visible strictly in increasing order, and an
entry that commits late simply gets a later position. A client that keeps
the last position it read misses nothing and receives nothing twice.

The sequencer looks back ``SEQUENCER_LOOKBACK`` for entries without a
position: the guarantee holds for any transaction that commits within that
time of writing its audit entry (a change that stayed uncommitted for longer
is still sequenced by ``manage.py send_webhooks --full``).
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone

from api.models import PublicChange
from licensing.models import AuditEntry

SEQUENCER_LOOKBACK = timedelta(hours=1)
SEQUENCER_LOCK_KEY = 7_104_215_001
CURSOR_SALT = "api.changes.cursor"


class BadCursor(ValueError):
    pass


def sequence_public_changes(*, full: bool = False) -> int:
    """Give a position to every committed public audit entry that has none yet."""
    pending = AuditEntry.objects.filter(is_public=True, public_change__isnull=True)
    if not full and PublicChange.objects.exists():
        pending = pending.filter(at__gte=timezone.now() - SEQUENCER_LOOKBACK)
    # A cheap unlocked look first: readers of the feed call this on every request.
    if not pending.exists():
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEQUENCER_LOCK_KEY])
        ids = list(pending.order_by("at", "pk").values_list("pk", flat=True))
        PublicChange.objects.bulk_create([PublicChange(entry_id=pk) for pk in ids])
    return len(ids)


def encode_cursor(position: int) -> str:
    return signing.dumps(position, salt=CURSOR_SALT, compress=True)


def decode_cursor(cursor: str) -> int:
    try:
        position = signing.loads(cursor, salt=CURSOR_SALT)
    except signing.BadSignature as exc:
        raise BadCursor("This cursor is not one the API issued.") from exc
    if not isinstance(position, int) or position < 0:
        raise BadCursor("This cursor is not one the API issued.")
    return position


def position_before(moment: datetime) -> int:
    """The position just before the first change recorded at or after `moment`."""
    first = (
        PublicChange.objects.filter(entry__at__gte=moment)
        .order_by("position")
        .values_list("position", flat=True)
        .first()
    )
    if first is not None:
        return first - 1
    last = PublicChange.objects.order_by("-position").values_list("position", flat=True).first()
    return last or 0


def changes_after(position: int, *, limit: int) -> list[PublicChange]:
    sequence_public_changes()
    return list(
        PublicChange.objects.filter(position__gt=position)
        .select_related("entry", "entry__licence", "entry__provider")
        .order_by("position")[:limit]
    )


def apply_change(register: dict, change: dict) -> dict:
    """Apply one feed entry (as the API serves it) to a copy of the register kept as
    {provider: public record}: the entry's record replaces the provider's, and a record
    with an empty status removes it. Entries without a record leave the copy as it is."""
    record = change.get("record")
    if record is None:
        return register
    if record["status"]:
        register[record["provider"]] = record
    else:
        register.pop(record["provider"], None)
    return register
