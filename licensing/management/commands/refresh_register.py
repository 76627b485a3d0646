"""Apply the public register's rule to every provider (see ``licensing.register``).

Every service keeps its provider's entry current on its own; run this after loading data
around the services (bulk SQL, `loaddata`, a restore).
"""

from django.core.management.base import BaseCommand
from django.db import connection

from licensing.models import RegisterEntry
from licensing.register import register_entries_refresh_all


class Command(BaseCommand):
    help = "Recompute every provider's public register entry (status, licence number)."

    def handle(self, *args, **options):
        updated = register_entries_refresh_all()
        # VACUUM cannot run inside a transaction (a caller's, or a test's).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Every entry was just rewritten: clear the dead copies now rather than leave the
            # register's search reading them until autovacuum comes round.
            with connection.cursor() as cursor:
                cursor.execute(f"VACUUM (ANALYZE) {RegisterEntry._meta.db_table}")
        self.stdout.write(f"Register entries recomputed for {updated} providers.")
