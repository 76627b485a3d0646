"""Fill the database with demo data: `manage.py seed_demo [--providers N] [--if-empty] [--seed S]`.

In this order: bank holidays and the demo sign-ins; the showcase, driven through the services
(every licence and application state); the bulk of the register, written in batches; the
register entries and what the nightly job would have done by now; then inspections, the
portal and the public site, which build on the providers and licences that now exist.
Everything is drawn from one seeded generator, so a given seed gives the same register
(apart from the secret codes and references the services draw themselves).
"""

import random
import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from demo import inspections, portal, public_site
from demo.accounts import DEMO_PASSWORD, ensure_staff
from demo.bulk import Bulk
from demo.holidays import ensure_holidays
from demo.names import Names
from demo.showcase import SHOWCASE_MAX, Showcase
from licensing import services
from licensing.register import register_entries_refresh_all
from registry.models import LabourProvider

MAX_PROVIDERS = 100_000
# Demo histories queue hundreds of emails to made-up addresses; they are discarded.
DISCARD_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
# The apps whose tables the demo fills, for ANALYZE.
FILLED_APPS = ("registry", "licensing", "inspections", "portal", "public_register", "public_site")


class Command(BaseCommand):
    help = "Load realistic demo data: providers, people, licences and applications in every state."

    def add_arguments(self, parser):
        parser.add_argument(
            "--providers",
            type=int,
            default=400,
            help=f"How many labour providers to create (1 to {MAX_PROVIDERS:,}).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the register already holds providers.",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")

    def handle(self, *args, providers, if_empty, seed, **options):
        if not 1 <= providers <= MAX_PROVIDERS:
            raise CommandError(f"--providers must be between 1 and {MAX_PROVIDERS:,}.")
        if if_empty and LabourProvider.objects.exists():
            self.stdout.write("The register already holds providers: no demo data added.")
            return
        rng = random.Random(seed)
        started = time.monotonic()
        with override_settings(TASKS=DISCARD_TASKS):
            self.stdout.write(f"Licensing core: {providers} providers (seed {seed})")
            self.seed_licensing(providers=providers, rng=rng)
            for module in (inspections, portal, public_site):
                self.stdout.write(f"{module.__name__}:")
                module.seed(rng=rng, stdout=self.stdout)
        self.analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.monotonic() - started:.0f} s. "
                f"Sign in as officer, inspector, decider, admin, editor or agency "
                f"with the password {DEMO_PASSWORD}"
            )
        )

    def seed_licensing(self, *, providers: int, rng) -> None:
        today = timezone.localdate()
        ensure_holidays()
        staff = ensure_staff()
        names = Names(rng)
        showcase_count = min(providers, SHOWCASE_MAX)
        self.stdout.write(f"Showcase cases through the services: {showcase_count}")
        showcase = Showcase(rng=rng, names=names, staff=staff, today=today)
        # One transaction: the services' own transactions become savepoints, which saves a
        # commit per step, and a failure leaves no half-built showcase behind.
        with transaction.atomic():
            showcase.run(showcase_count, self.stdout)
        if providers > showcase_count:
            self.stdout.write(f"Bulk providers: {providers - showcase_count}")
            bulk = Bulk(rng=rng, names=names, staff=staff, today=today)
            bulk.run(providers - showcase_count, self.stdout)
        # The bulk's rows and the showcase's backdated dates went around the services, which
        # keep each provider's register entry current.
        register_entries_refresh_all()
        # What the nightly job would have done by now: windows closed, licences expired,
        # reminders sent.
        closed = services.decisions_close_windows()
        expired = services.licences_expire_due()
        reminders = services.renewal_reminders_send()
        self.stdout.write(
            f"Daily run: {closed} appeal windows closed, {expired} licences expired, "
            f"{reminders} reminders sent"
        )

    def analyze(self) -> None:
        """Vacuum and give PostgreSQL statistics for the tables just filled: until autovacuum
        gets round to them, it plans a freshly loaded 100,000-provider register as if the
        tables were nearly empty, and the register entries, each written twice, are half
        dead rows: register searches run at half speed."""
        if connection.vendor != "postgresql":
            return
        models = [get_user_model()]
        for label in FILLED_APPS:
            models.extend(apps.get_app_config(label).get_models(include_auto_created=True))
        tables = sorted({model._meta.db_table for model in models if model._meta.managed})
        started = time.monotonic()
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a caller's, or a test's): statistics
            # alone then.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} " + ", ".join(map(connection.ops.quote_name, tables)))
        self.stdout.write(f"{command}: {len(tables)} tables ({time.monotonic() - started:.0f} s)")
