"""How long the enforcement statistics page takes to generate on a national-scale register
(PostgreSQL).

    .venv/bin/python benchmarks/statistics_page.py [--licences 100000] [--findings 1000000]

Uses its own database (``stats_bench`` unless DATABASE_URL names another), created and
migrated when missing, and filled once (reused by later runs) with the risk benchmark's
register (providers, licences, approved inspections with findings, recruitment-fee
violations) plus, for every provider, a new-licence application spread over the last two
years (with inspection and decision times), about 2% refusals and 3% suspensions.

Prints the time to compute the statistics (every aggregate query), to render the whole page
through Django (``/register/statistics/``) with the figures worked out afresh and from the
ten-minute cache, and the CSV open-data file.
"""

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/stats_bench")

import risk_ranking  # noqa: E402  (creates the database and sets Django up)
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from licensing.models import (  # noqa: E402
    AdverseDecision,
    Application,
    AuditAction,
    AuditEntry,
    Licence,
)
from public_register.statistics import enforcement_statistics  # noqa: E402

BATCH = 5000


def add_events(rng: random.Random):
    """Applications, refusals and suspensions for every benchmark provider, once."""
    if Application.objects.exists():
        print(f"Reusing {Application.objects.count():,} applications")
        return
    now = timezone.now()
    licences = list(Licence.objects.values_list("pk", "provider_id"))
    for start in range(0, len(licences), BATCH):
        chunk = licences[start : start + BATCH]
        with transaction.atomic():
            applications, refusals, suspensions = [], [], []
            for licence_id, provider_id in chunk:
                submitted = now - timedelta(days=rng.randint(0, 730))
                tasked = submitted + timedelta(days=rng.randint(5, 30))
                decided = tasked + timedelta(days=rng.randint(20, 140))
                roll = rng.random()
                # A data load sets the state it imports; no transition applies.
                applications.append(
                    Application(
                        reference=f"S{licence_id:09d}",
                        provider_id=provider_id,
                        kind=Application.Kind.NEW,
                        state="refused" if roll < 0.02 else "granted",
                        submitted_at=submitted,
                        inspection_tasked_at=tasked,
                        decided_at=min(decided, now),
                    )
                )
                if roll < 0.02:
                    refusals.append(
                        AdverseDecision(
                            kind=AdverseDecision.Kind.REFUSAL,
                            provider_id=provider_id,
                            reasons="Failed the fit and proper test.",
                            decided_on=min(decided, now).date(),
                            appeal_deadline=min(decided, now).date() + timedelta(days=28),
                            state=AdverseDecision.State.FINAL,
                        )
                    )
                elif roll < 0.05:
                    suspensions.append(
                        AuditEntry(
                            actor_name="Benchmark",
                            action=AuditAction.SUSPEND,
                            object_type="licence",
                            object_id=licence_id,
                            provider_id=provider_id,
                            licence_id=licence_id,
                            at=now - timedelta(days=rng.randint(0, 700)),
                            is_public=True,
                        )
                    )
            Application.objects.bulk_create(applications)
            for refusal, application in zip(
                refusals, [a for a in applications if a.state == "refused"], strict=True
            ):
                refusal.application = application
            AdverseDecision.objects.bulk_create(refusals)
            AuditEntry.objects.bulk_create(suspensions)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Added {Application.objects.count():,} applications")


def timed(label, function, repeat=3):
    times = []
    result = None
    for _n in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    print(
        f"{label}: median {sorted(times)[len(times) // 2] * 1000:.0f} ms (runs: "
        + ", ".join(f"{t * 1000:.0f}" for t in times)
        + ")"
    )
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--licences", type=int, default=100_000)
    parser.add_argument("--findings", type=int, default=1_000_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    # The risk benchmark's data records its inspections as this user.
    user, _created = get_user_model().objects.get_or_create(username="bench_inspector")
    user.groups.add(Group.objects.get(name="Inspector"))
    risk_ranking.populate(args.licences, args.findings, rng)
    add_events(rng)
    stats = timed("Statistics computed (all aggregate queries)", enforcement_statistics)
    print(
        f"  quarters {stats.quarters[0]} to {stats.quarters[-1]}; "
        f"grants by quarter {list(stats.by_quarter['grants'].values())}"
    )
    client = Client()

    def first_view():
        cache.clear()
        return client.get("/register/statistics/")

    response = timed("Statistics page, figures not cached (HTTP, whole view)", first_view)
    assert response.status_code == 200, response.status_code
    timed("Statistics page, figures cached (HTTP)", lambda: client.get("/register/statistics/"))
    response = timed("Statistics CSV (HTTP)", lambda: client.get("/open-data/statistics.csv"))
    assert response.status_code == 200, response.status_code


if __name__ == "__main__":
    main()
