"""Fill the database with demo data: `manage.py seed_demo [--providers N] [--if-empty]`.

The licensing core comes first (`licensing.demo.seed_core`); then every project app that has
a `demo` module contributes its own data with `seed(rng=..., stdout=...)`, in INSTALLED_APPS
order, building on the providers and licences that now exist.
"""

import importlib
import importlib.util
import random
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from licensing import demo
from registry.models import LabourProvider

MAX_PROVIDERS = 100_000
# Demo histories queue hundreds of emails to made-up addresses; they are discarded.
DISCARD_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def app_demo_modules():
    """The `<app>.demo` modules of the project's own apps, in INSTALLED_APPS order."""
    base = Path(settings.BASE_DIR).resolve()
    for app_config in apps.get_app_configs():
        if app_config.name == "licensing" or not Path(app_config.path).resolve().is_relative_to(
            base
        ):
            continue
        name = f"{app_config.name}.demo"
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            if callable(getattr(module, "seed", None)):
                yield name, module


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
            demo.seed_core(providers=providers, rng=rng, stdout=self.stdout)
            for name, module in app_demo_modules():
                self.stdout.write(f"{name}:")
                module.seed(rng=rng, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded in {time.monotonic() - started:.0f} s. "
                f"Sign in as officer, inspector, decider, admin, editor or agency "
                f"with the password {demo.DEMO_PASSWORD}"
            )
        )
