from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SECTORS = [
    ("agriculture", "Agriculture"),
    ("horticulture", "Horticulture"),
    ("shellfish-gathering", "Shellfish gathering"),
    ("food-processing", "Food and drink processing and packaging"),
]


def seed_sectors(apps, schema_editor):
    Sector = apps.get_model("registry", "Sector")
    for code, name in SECTORS:
        Sector.objects.get_or_create(code=code, defaults={"name": name})


def trigram_index(apps, schema_editor):
    # Typo-tolerant name search uses pg_trgm on PostgreSQL; SQLite falls back to LIKE.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS provider_search_trgm "
            "ON registry_labourprovider USING gin (search_name gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS provider_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(trigram_index, drop_trigram_index),
        migrations.RunPython(seed_sectors, migrations.RunPython.noop),
    ]
