"""The inspections team's daily scheduled work, run from cron next to `licensing_daily`.

Idempotent: each violation is locked and re-checked, so a second run changes nothing.
"""

from django.core.management.base import BaseCommand

from inspections import services


class Command(BaseCommand):
    help = "Mark repayment orders that passed their deadline unpaid as overdue."

    def handle(self, *args, **options):
        overdue = services.fee_violations_mark_overdue()
        self.stdout.write(f"Repayment orders now overdue: {overdue}")
