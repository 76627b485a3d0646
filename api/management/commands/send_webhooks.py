import time

from django.core.management.base import BaseCommand

from api import changes, webhooks


class Command(BaseCommand):
    help = "Queue webhook posts for new public changes and send those that are due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, checking every --interval."
        )
        parser.add_argument("--interval", type=int, default=15, help="Seconds between runs.")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Sequence every public change without a position, however old.",
        )

    def handle(self, *args, loop, interval, full, **options):
        if full:
            changes.sequence_public_changes(full=True)
        while True:
            queued = webhooks.queue_deliveries()
            counts = webhooks.send_due()
            self.stdout.write(
                f"queued {queued}, delivered {counts['delivered']}, "
                f"to retry {counts['retry']}, given up {counts['failed']}"
            )
            if not loop:
                return
            time.sleep(interval)
