"""The inspections team's daily scheduled work, run from cron next to `licensing_daily`.

Idempotent: each violation is locked and re-checked, and each reminder is recorded once per
order, kind and deadline, so a second run changes and sends nothing.
"""

from django.core.management.base import BaseCommand

from inspections import services


class Command(BaseCommand):
    help = (
        "Mark repayment orders that passed their deadline unpaid as overdue, and remind "
        "providers of orders whose deadline is near or has passed."
    )

    def handle(self, *args, **options):
        overdue = services.fee_violations_mark_overdue()
        self.stdout.write(f"Repayment orders now overdue: {overdue}")
        reminders = services.repayment_reminders_send()
        self.stdout.write(f"Repayment order reminders sent: {reminders}")
