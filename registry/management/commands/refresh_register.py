"""Recompute every provider's public register entry.

Saving a licence, refusal or application keeps its provider's entry current on its own; run
this after loading data around the models' save (bulk SQL, `loaddata`, a restore).
"""

from django.core.management.base import BaseCommand

from registry.services import refresh_register_entries


class Command(BaseCommand):
    help = "Recompute every provider's public register entry (status, licence number)."

    def handle(self, *args, **options):
        updated = refresh_register_entries()
        self.stdout.write(f"Register entries recomputed for {updated} providers.")
