from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("public_register", "0001_watches_from_public_site"),
        ("public_site", "0002_watches_move_to_public_register"),
    ]

    operations = [
        migrations.AlterModelTable(name="watchcursor", table=None),
        migrations.AlterModelTable(name="watcher", table=None),
        migrations.AlterModelTable(name="watch", table=None),
        migrations.AlterModelTable(name="watchdelivery", table=None),
        migrations.RenameIndex(
            model_name="watch",
            new_name="watch_provider_confirmed",
            old_name="public_site_provide_e344da_idx",
        ),
    ]
