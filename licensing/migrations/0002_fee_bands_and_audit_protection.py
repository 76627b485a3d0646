from decimal import Decimal

from django.db import migrations

# Seed values (GBP) from the published scheme; administrators can change them.
FEE_BANDS = [
    ("A", "10000000", None, "2600", "2900"),
    ("B", "5000000", "10000000", "2000", "2400"),
    ("C", "1000000", "5000000", "1200", "2150"),
    ("D", "0", "1000000", "400", "1850"),
]


def seed_fee_bands(apps, schema_editor):
    FeeBand = apps.get_model("licensing", "FeeBand")
    for code, low, high, application_fee, inspection_fee in FEE_BANDS:
        FeeBand.objects.get_or_create(
            code=code,
            defaults={
                "min_turnover": Decimal(low),
                "max_turnover": Decimal(high) if high else None,
                "application_fee": Decimal(application_fee),
                "inspection_fee": Decimal(inspection_fee),
            },
        )


def protect_audit(apps, schema_editor):
    """Make audit entries append-only in the database itself, not only in Python."""
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            """
            CREATE OR REPLACE FUNCTION licensing_audit_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'audit entries are append-only';
            END;
            $$ LANGUAGE plpgsql;
            CREATE TRIGGER licensing_audit_no_update BEFORE UPDATE OR DELETE
                ON licensing_auditentry FOR EACH ROW EXECUTE FUNCTION licensing_audit_append_only();
            """
        )
    elif vendor == "sqlite":
        # Only UPDATE on SQLite: its test flush empties tables with DELETE.
        schema_editor.execute(
            "CREATE TRIGGER licensing_audit_no_update BEFORE UPDATE ON licensing_auditentry "
            "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"
        )


def unprotect_audit(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS licensing_audit_no_update ON licensing_auditentry;"
            "DROP FUNCTION IF EXISTS licensing_audit_append_only();"
        )
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS licensing_audit_no_update")


class Migration(migrations.Migration):
    dependencies = [("licensing", "0001_initial")]

    operations = [
        migrations.RunPython(seed_fee_bands, migrations.RunPython.noop),
        migrations.RunPython(protect_audit, unprotect_audit),
    ]
