"""Render licence pages into the shared page cache: ``manage.py warm_public_cache
[--limit N] [--languages en,pl]``. Run after a deploy that flushed the cache, or after loading
a register in bulk (``seed_demo`` on a large register says so)."""

import time

from django.core.management.base import BaseCommand

from public_register.warming import warm_register


class Command(BaseCommand):
    help = "Render every licence's public page and API answer into the shared page cache."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Newest N licences only.")
        parser.add_argument(
            "--languages", default="", help="Comma-separated language codes (default: all)."
        )

    def handle(self, *args, limit, languages, **options):
        started = time.monotonic()
        codes = [code for code in languages.split(",") if code] or None
        rendered = warm_register(languages=codes, limit=limit, stdout=self.stdout)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"{rendered:,} responses cached in {elapsed:.0f} s"))
