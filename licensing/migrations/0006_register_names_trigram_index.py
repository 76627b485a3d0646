"""The register's names by trigram on SQLite (``licensing.name_index``), filled from the
entries already there. PostgreSQL has its GIN trigram index (0005) instead."""

from django.db import migrations

TABLE = "licensing_registerentry_names"
VOCABULARY = "licensing_registerentry_names_vocabulary"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} "
            "USING fts5(search_name, tokenize='trigram')"
        )
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCABULARY} USING fts5vocab({TABLE}, 'row')"
        )
        schema_editor.execute(
            f"INSERT INTO {TABLE} (rowid, search_name) SELECT provider_id, search_name "
            "FROM licensing_registerentry WHERE status <> ''"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {VOCABULARY}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("licensing", "0005_register_search_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
