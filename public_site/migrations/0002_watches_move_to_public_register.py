"""Watches now belong to public_register, which took over their tables (see its 0001)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("public_site", "0001_initial"),
        ("public_register", "0001_watches_from_public_site"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="WatchDelivery"),
                migrations.DeleteModel(name="Watch"),
                migrations.DeleteModel(name="Watcher"),
                migrations.DeleteModel(name="WatchCursor"),
            ]
        )
    ]
