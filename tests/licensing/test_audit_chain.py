"""The audit trail is hash-chained: ``manage.py verify_audit`` finds an entry changed or
removed behind the application's back, and names the first broken one."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from licensing import services
from licensing.models import AuditChainHead, AuditEntry
from licensing.models.audit_chain import GENESIS, content_hash
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(agency_a, applicant_a):
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    services.application_withdraw(application=application, actor=applicant_a)
    entries = list(AuditEntry.objects.order_by("pk"))
    assert len(entries) >= 2
    return entries


def behind_the_back(sql, params):
    """Change the table as a superuser's SQL would, with the append-only trigger lifted
    (inside the test's transaction: rolled back with it)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE licensing_auditentry DISABLE TRIGGER licensing_audit_no_update"
            )
        else:
            cursor.execute("DROP TRIGGER licensing_audit_no_update")
        cursor.execute(sql, params)


def test_each_entry_links_to_the_one_before_and_hashes_its_own_content(trail):
    previous = GENESIS
    for entry in trail:
        assert entry.prev_hash == previous
        assert entry.entry_hash == content_hash(entry) and len(entry.entry_hash) == 64
        previous = entry.entry_hash
    assert AuditChainHead.objects.get().last_hash == previous
    call_command("verify_audit")


def test_a_changed_entry_is_named(trail):
    target = trail[0]
    behind_the_back(
        "UPDATE licensing_auditentry SET reason = %s WHERE id = %s", ["rewritten", target.pk]
    )
    with pytest.raises(CommandError, match=f"entry {target.pk}: content does not match"):
        call_command("verify_audit")


def test_a_removed_entry_breaks_the_link_of_the_next(trail):
    behind_the_back("DELETE FROM licensing_auditentry WHERE id = %s", [trail[0].pk])
    with pytest.raises(CommandError, match=f"entry {trail[1].pk}: does not link"):
        call_command("verify_audit")


def test_removing_the_latest_entries_is_noticed(trail):
    behind_the_back("DELETE FROM licensing_auditentry WHERE id = %s", [trail[-1].pk])
    with pytest.raises(CommandError, match="the end of the chain"):
        call_command("verify_audit")


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the TRUNCATE trigger is PostgreSQL's"
)
def test_truncating_the_audit_table_is_refused(trail):
    from django.db import transaction
    from django.db.utils import InternalError

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL licensing.allow_audit_truncate = 'off'")
        with pytest.raises(InternalError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE licensing_auditentry")
