"""Email watchers about public changes to the providers they watch.

Run it every few minutes (cron, or a loop next to the task worker); it is idempotent.
"""

from django.core.management.base import BaseCommand

from public_register.services import send_watch_alerts


class Command(BaseCommand):
    help = "Send email alerts about public register changes to confirmed watchers."

    def handle(self, *args, **options):
        sent = send_watch_alerts()
        self.stdout.write(f"{sent} alert email(s) queued.")
