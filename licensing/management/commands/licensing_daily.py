"""The licensing office's daily scheduled work, run from cron.

Every step is idempotent (each service locks the row and re-checks it), so a
second run on the same day, or two overlapping runs, change and send nothing
twice. Appeal windows close first so that a revocation due today takes effect
before expiry and reminders look at the licence.
"""

from django.core.management.base import BaseCommand

from licensing import selectors, services
from licensing.models import Licence

OVERDUE_LISTED = 20


class Command(BaseCommand):
    help = (
        "Close appeal windows, expire licences that were not renewed, send renewal reminders "
        "and list overdue licence conditions. Safe to run more than once a day."
    )

    def handle(self, *args, **options):
        closed = services.decisions_close_windows()
        expired = services.licences_expire_due()
        reminders = services.renewal_reminders_send()
        overdue = (
            selectors.overdue_conditions()
            .filter(licence__state__in=Licence.IN_FORCE_STATES)
            .order_by("due_date", "pk")
        )
        overdue_count = overdue.count()

        self.stdout.write(f"Appeal windows closed: {closed}")
        self.stdout.write(f"Licences expired: {expired}")
        self.stdout.write(f"Renewal reminders sent: {reminders}")
        self.stdout.write(f"Overdue licence conditions: {overdue_count}")
        for condition in overdue[:OVERDUE_LISTED]:
            self.stdout.write(
                self.style.WARNING(
                    f"  OVERDUE {condition.licence.urn} {condition.licence.provider}: "
                    f"{condition} (due {condition.due_date:%d %b %Y})"
                )
            )
        if overdue_count > OVERDUE_LISTED:
            self.stdout.write(f"  … and {overdue_count - OVERDUE_LISTED} more")
