"""The register's search and filters on PostgreSQL: names by trigrams, the town and the start
of the postcode case-insensitively, all over the entries on the register only. (Apart from
0004: PostgreSQL builds no index on a table with updates of the same transaction pending.)"""

from django.db import migrations

REGISTER_INDEXES = {
    "register_entry_search_trgm": "USING gin (search_name gin_trgm_ops)",
    "register_entry_town": "(UPPER(town))",
    "register_entry_postcode": "(UPPER(postcode) varchar_pattern_ops)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in REGISTER_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON licensing_registerentry {definition} "
                "WHERE status <> ''"
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in REGISTER_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("licensing", "0004_register_read_model")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
