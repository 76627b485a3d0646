"""Apply the public register's rule to every provider (see ``licensing.register``).

Every service keeps its provider's entry current on its own; run this after loading data
around the services (bulk SQL, `loaddata`, a restore).
"""

from django.core.management.base import BaseCommand

from licensing.register import register_entries_refresh_all


class Command(BaseCommand):
    help = "Recompute every provider's public register entry (status, licence number)."

    def handle(self, *args, **options):
        updated = register_entries_refresh_all()
        self.stdout.write(f"Register entries recomputed for {updated} providers.")
