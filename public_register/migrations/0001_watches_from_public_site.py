"""Watches move here from public_site: the models are taken over as they are (their tables
are renamed in 0002), so no watch, confirmation or delivery is lost."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import public_register.models

STATE = [
    migrations.CreateModel(
        name="WatchCursor",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("last_entry_id", models.PositiveBigIntegerField(default=0, verbose_name="last audit entry processed")),
            ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
        ],
        options={"verbose_name": "watch alert cursor", "db_table": "public_site_watchcursor"},
    ),
    migrations.CreateModel(
        name="Watcher",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("email", models.EmailField(help_text="Stored in lower case.", max_length=254, unique=True, verbose_name="email")),
            ("token", models.CharField(default=public_register.models._token, max_length=40, unique=True, verbose_name="secret link token")),
            ("language", models.CharField(default="en", max_length=10, verbose_name="language")),
            ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="created")),
        ],
        options={"verbose_name": "watcher", "verbose_name_plural": "watchers", "db_table": "public_site_watcher"},
    ),
    migrations.CreateModel(
        name="Watch",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("confirmation_token", models.CharField(db_index=True, default=public_register.models._token, max_length=40, verbose_name="confirmation token")),
            ("created_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="requested")),
            ("confirmed_at", models.DateTimeField(blank=True, null=True, verbose_name="confirmed")),
            ("provider", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="registry.labourprovider", verbose_name="labour provider")),
            ("watcher", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="watches", to="public_register.watcher", verbose_name="watcher")),
        ],
        options={
            "verbose_name": "watch",
            "verbose_name_plural": "watches",
            "db_table": "public_site_watch",
            "indexes": [models.Index(fields=["provider", "confirmed_at"], name="public_site_provide_e344da_idx")],
            "constraints": [models.UniqueConstraint(fields=("watcher", "provider"), name="unique_watch")],
        },
    ),
    migrations.CreateModel(
        name="WatchDelivery",
        fields=[
            ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
            ("entry_id", models.PositiveBigIntegerField(verbose_name="audit entry")),
            ("queued_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="queued")),
            ("watch", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="deliveries", to="public_register.watch", verbose_name="watch")),
        ],
        options={
            "verbose_name": "watch alert",
            "verbose_name_plural": "watch alerts",
            "db_table": "public_site_watchdelivery",
            "constraints": [models.UniqueConstraint(fields=("watch", "entry_id"), name="unique_watch_delivery")],
        },
    ),
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("registry", "0004_register_entry_moves_to_licensing"),
        ("public_site", "0001_initial"),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=STATE)]
