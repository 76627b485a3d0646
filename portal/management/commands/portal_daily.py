"""The agency portal's daily scheduled work, run from cron: condition deadline reminders.

Idempotent: each reminder is recorded per condition and due date with the queued email.
"""

from django.core.management.base import BaseCommand

from portal import services


class Command(BaseCommand):
    help = "Email providers about licence conditions due soon or overdue (once per due date)."

    def handle(self, *args, **options):
        sent = services.condition_deadline_reminders_send()
        self.stdout.write(f"Condition reminders sent: {sent}")
