"""The changes feed: everything exactly once, in commit order, while changes keep coming."""

from datetime import timedelta

import pytest
from django.utils import timezone

from api import changes
from licensing import services, workflow
from licensing.models import AuditAction, AuditEntry
from tests.api.factories import licensed

pytestmark = pytest.mark.django_db


def read_all(client, cursor=None, limit=2):
    seen = []
    while True:
        params = {"limit": limit}
        if cursor:
            params["since"] = cursor
        page = client.get("/api/v1/changes", params).json()
        seen += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return seen, cursor


def public_change(licence, action="suspend", to_state="suspended", **kwargs):
    return workflow.audit(
        actor=None, action=action, obj=licence, to_state=to_state, public=True, **kwargs
    )


def test_it_lists_public_changes_in_order_without_private_ones(anonymous, decision_maker):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    services.licence_suspend(licence=licence, actor=decision_maker, reason="Private reasons")
    workflow.audit(actor=None, action=AuditAction.MESSAGE, obj=licence, reason="internal")

    seen, _cursor = read_all(anonymous)

    assert [c["action"] for c in seen] == ["suspend"]
    change = seen[0]
    assert change["urn"] == "ANGL0001"
    assert change["status"] == "suspended"
    assert change["previous_status"] == "active"
    assert change["description"] == "Licence suspended"
    assert "Private reasons" not in str(seen)


def test_paging_while_changes_happen_misses_nothing_and_repeats_nothing(anonymous):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    for _n in range(3):
        public_change(licence)
    page = anonymous.get("/api/v1/changes", {"limit": 2}).json()
    seen = page["changes"]
    cursor = page["next_cursor"]

    # More changes commit while the client is between pages.
    for _n in range(4):
        public_change(licence, action="lift_suspension", to_state="active")
    more, cursor = read_all(anonymous, cursor)
    seen += more
    public_change(licence)
    last, cursor = read_all(anonymous, cursor)
    seen += last

    expected = list(
        AuditEntry.objects.filter(is_public=True).order_by("pk").values_list("pk", flat=True)
    )
    positions = [c["position"] for c in seen]
    assert len(seen) == len(expected) == 8
    assert positions == sorted(set(positions))
    nothing_new, _cursor = read_all(anonymous, cursor)
    assert nothing_new == []


def test_a_change_that_commits_late_with_a_lower_id_is_still_delivered(anonymous):
    """Ids are allocated at insert, not at commit: entry 5 can commit after entry 10 was read.
    The feed orders by commit (sequencing) and so still delivers it, once."""
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    for _n in range(3):
        public_change(licence)
    highest = AuditEntry.objects.order_by("-pk").first().pk
    # Leave a gap, as a transaction still open would.
    AuditEntry.objects.create(
        pk=highest + 10,
        actor_name="System",
        action="suspend",
        object_type="licence",
        object_id=licence.pk,
        licence=licence,
        provider=licence.provider,
        to_state="suspended",
        is_public=True,
    )
    seen, cursor = read_all(anonymous)
    assert len(seen) == 4

    # The slow transaction commits now, with the lower id.
    AuditEntry.objects.create(
        pk=highest + 5,
        actor_name="System",
        action="revoke_with_immediate_effect",
        object_type="licence",
        object_id=licence.pk,
        licence=licence,
        provider=licence.provider,
        to_state="revoked",
        is_public=True,
    )
    late, _cursor = read_all(anonymous, cursor)

    assert [c["action"] for c in late] == ["revoke_with_immediate_effect"]
    assert late[0]["position"] > seen[-1]["position"]


def test_since_a_timestamp_starts_at_the_first_change_at_or_after_it(anonymous):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    old = public_change(licence)
    changes.sequence_public_changes()
    cut = timezone.now()
    public_change(licence, action="lift_suspension", to_state="active")

    page = anonymous.get("/api/v1/changes", {"since": cut.isoformat()}).json()

    assert [c["action"] for c in page["changes"]] == ["lift_suspension"]
    assert old.at < cut
    everything = anonymous.get(
        "/api/v1/changes", {"since": (cut - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")}
    ).json()
    assert len(everything["changes"]) == 2


@pytest.mark.parametrize("since", ["yesterday", "eyJ0YW1wZXJlZCI6MX0:bad", "2026-13-45"])
def test_a_bad_cursor_or_timestamp_is_a_400(anonymous, since):
    response = anonymous.get("/api/v1/changes", {"since": since})

    assert response.status_code == 400
    assert "ISO 8601" in response.json()["detail"]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_are_chained_in_commit_order_and_each_delivered_once(client):
    """PostgreSQL only: while one transaction holds an uncommitted public entry, a second
    writer waits for it (the audit chain's head is locked), so a reader never sees a later
    entry before an earlier one, and each is delivered once."""
    import threading

    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    inserted, release, second_done = threading.Event(), threading.Event(), threading.Event()

    def slow_transaction():
        with transaction.atomic():
            public_change(licence, action=AuditAction.SUSPEND, to_state="suspended")
            inserted.set()
            release.wait(10)
        connection.close()

    def second_writer():
        public_change(licence, action=AuditAction.LIFT_SUSPENSION, to_state="active")
        second_done.set()
        connection.close()

    first_writer = threading.Thread(target=slow_transaction)
    first_writer.start()
    inserted.wait(10)
    later_writer = threading.Thread(target=second_writer)
    later_writer.start()
    waited = not second_done.wait(1)
    first, cursor = read_all(client)
    release.set()
    first_writer.join()
    later_writer.join()
    second, _cursor = read_all(client, cursor)

    assert waited
    assert first == []
    assert [c["action"] for c in second] == ["suspend", "lift_suspension"]
