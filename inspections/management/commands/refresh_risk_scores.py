"""Recompute every licence's stored risk score (run hourly from cron).

The ranking page reads the stored scores; this command sets how fresh they are. Changes made
through the inspections services rescore the provider's licences at once.
"""

import time

from django.core.management.base import BaseCommand

from inspections import services


class Command(BaseCommand):
    help = "Recompute the risk score of every licence in force for the risk-based queue."

    def handle(self, *args, **options):
        started = time.monotonic()
        stored = services.risk_scores_refresh()
        self.stdout.write(
            f"Risk scores stored for {stored} licences in {time.monotonic() - started:.1f} s"
        )
