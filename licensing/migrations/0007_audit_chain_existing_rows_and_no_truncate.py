"""Chain the audit entries written before the hash chain existed, in insertion order, and on
PostgreSQL refuse TRUNCATE of the audit table as the update and delete triggers refuse
changes (a test run may allow it per connection: ``licensing.allow_audit_truncate``)."""

from django.db import migrations

from licensing.models.audit_chain import GENESIS, content_hash

# SQLite rebuilt the table to add the hash columns (0006), which dropped its trigger.
SQLITE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS licensing_audit_no_update BEFORE UPDATE ON licensing_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"
)


def chain_existing(apps, schema_editor):
    AuditEntry = apps.get_model("licensing", "AuditEntry")
    AuditChainHead = apps.get_model("licensing", "AuditChainHead")
    vendor = schema_editor.connection.vendor
    if not AuditEntry.objects.exists():
        AuditChainHead.objects.get_or_create(pk=1)
        if vendor == "sqlite":
            schema_editor.execute(SQLITE_TRIGGER)
        return
    # The append-only triggers are lifted for this one pass, in this transaction only.
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE licensing_auditentry DISABLE TRIGGER licensing_audit_no_update"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS licensing_audit_no_update")
    previous = GENESIS
    batch = []
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=5000):
        entry.prev_hash = previous
        entry.entry_hash = previous = content_hash(entry)
        batch.append(entry)
        if len(batch) >= 5000:
            AuditEntry.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
            batch = []
    AuditEntry.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_hash": previous})
    if vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE licensing_auditentry ENABLE TRIGGER licensing_audit_no_update"
        )
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def forbid_truncate(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION licensing_audit_no_truncate() RETURNS trigger AS $$
        BEGIN
            IF current_setting('licensing.allow_audit_truncate', true) = 'on' THEN
                RETURN NULL;
            END IF;
            RAISE EXCEPTION 'audit entries are append-only';
        END;
        $$ LANGUAGE plpgsql;
        CREATE TRIGGER licensing_audit_no_truncate BEFORE TRUNCATE
            ON licensing_auditentry FOR EACH STATEMENT
            EXECUTE FUNCTION licensing_audit_no_truncate();
        """
    )


def allow_truncate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS licensing_audit_no_truncate ON licensing_auditentry;"
            "DROP FUNCTION IF EXISTS licensing_audit_no_truncate();"
        )


class Migration(migrations.Migration):
    dependencies = [("licensing", "0006_audit_hash_chain")]

    operations = [
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(forbid_truncate, allow_truncate),
    ]
