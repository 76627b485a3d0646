"""How long the risk-based inspection queue takes at national scale, on PostgreSQL.

    .venv/bin/python benchmarks/risk_ranking.py [--licences 100000] [--findings 1000000]

Uses its own database (``risk_bench`` unless DATABASE_URL names another), creates it when
missing, migrates, and bulk-creates providers and licences in force with approved inspections
(10 findings each, about 1 in 12 failed), open and overdue conditions, recruitment-fee
violations with unpaid remedies and concerns. Data is created once and reused by later runs.

Prints the time to rank every licence live (the aggregate query, every row fetched), to
refresh the stored scores that the ranking page reads (the hourly command: one set-based
statement on PostgreSQL), to rescore one provider after a change, and the ranking page's
first, 200th and last pages as an inspector sees them (HTTP requests through Django, 50 rows,
keyset pagination).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/risk_bench")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")


def ensure_database(url: str):
    import psycopg2

    name = url.rsplit("/", 1)[1]
    server = url.rsplit("/", 1)[0] + "/postgres"
    connection = psycopg2.connect(server)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


ensure_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from inspections import services  # noqa: E402
from inspections.models import (  # noqa: E402
    Concern,
    FeeViolation,
    Finding,
    Inspection,
    StandardsEdition,
)
from inspections.selectors import risk_ranking  # noqa: E402
from licensing.models import Licence, LicenceCondition  # noqa: E402
from registry.models import LabourProvider, Sector  # noqa: E402

BATCH = 5000


def populate(licences: int, findings: int, rng: random.Random):
    if Licence.objects.count() >= licences and Finding.objects.count() >= findings:
        print(f"Reusing {Licence.objects.count():,} licences, {Finding.objects.count():,} findings")
        return
    started = time.perf_counter()
    edition = StandardsEdition.objects.current()
    standards = list(edition.standards.all())
    today = timezone.localdate()
    inspector = get_user_model().objects.get(username="bench_inspector")
    sectors = [
        Sector.objects.get_or_create(code=code, defaults={"name": code.title()})[0]
        for code in ("agriculture", "food-processing", "shellfish-gathering")
    ]
    through = LabourProvider.sectors.through
    existing = Licence.objects.count()
    for start in range(existing, licences, BATCH):
        stop = min(start + BATCH, licences)
        with transaction.atomic():
            providers = LabourProvider.objects.bulk_create(
                LabourProvider(
                    legal_name=f"Bench Provider {n} Ltd",
                    search_name=f"bench provider {n} ltd",
                    company_number=f"B{n:07d}",
                )
                for n in range(start, stop)
            )
            through.objects.bulk_create(
                through(labourprovider_id=p.pk, sector_id=rng.choice(sectors).pk) for p in providers
            )
            licence_rows = Licence.objects.bulk_create(
                Licence(
                    urn=f"BE{n:06d}",
                    provider=p,
                    granted_on=today - timedelta(days=rng.randint(1, 300)),
                    expires_on=today + timedelta(days=rng.randint(30, 360)),
                )
                for n, p in zip(range(start, stop), providers, strict=True)
            )
            LicenceCondition.objects.bulk_create(
                LicenceCondition(
                    licence=licence,
                    standard_code="2.3",
                    text="Provide itemised payslips.",
                    due_date=today + timedelta(days=rng.randint(-60, 60)),
                )
                for licence in licence_rows
                if rng.random() < 0.1
            )
            FeeViolation.objects.bulk_create(
                FeeViolation(
                    provider=p,
                    category="recruitment_fee",
                    subcategory="matching_placement",
                    amount=Decimal(rng.randint(50, 900)),
                    currency=rng.choice(["GBP", "EUR", "PLN", "RON"]),
                    workers_affected=rng.randint(1, 20),
                    collected_by="sub_agent",
                    country="RO",
                    charged_on=today - timedelta(days=rng.randint(1, 1500)),
                    state=rng.choice(["recorded", "ordered", "repaid", "overdue"]),
                )
                for p in providers
                if rng.random() < 0.05
            )
            Concern.objects.bulk_create(
                Concern(
                    reference=f"C-{n // 65536:04X}-{n % 65536:04X}",
                    provider=p,
                    provider_name_given=p.legal_name,
                    description="Workers were charged for transport.",
                    reported_at=timezone.now() - timedelta(days=rng.randint(1, 700)),
                )
                for n, p in zip(range(start, stop), providers, strict=True)
                if rng.random() < 0.1
            )
        print(f"  {stop:,} licences", flush=True)
    per_inspection = 10
    wanted_inspections = findings // per_inspection
    done = Inspection.objects.count()
    provider_ids = list(LabourProvider.objects.values_list("pk", flat=True))
    licence_by_provider = dict(Licence.objects.values_list("provider_id", "pk"))
    for start in range(done, wanted_inspections, BATCH // per_inspection * 10):
        stop = min(start + BATCH // per_inspection * 10, wanted_inspections)
        with transaction.atomic():
            rows = []
            for n in range(start, stop):
                provider_id = provider_ids[n % len(provider_ids)]
                visited = today - timedelta(days=rng.randint(1, 1400))
                rows.append(
                    Inspection(
                        reference=f"IB{n:08d}"[:12],
                        kind="compliance_random",
                        provider_id=provider_id,
                        licence_id=licence_by_provider.get(provider_id),
                        edition=edition,
                        state="approved",
                        inspector=inspector,
                        scheduled_for=visited,
                        visited_on=visited,
                        workers_employed=rng.randint(5, 800),
                        workers_interviewed=rng.randint(1, 40),
                    )
                )
            inspections = Inspection.objects.bulk_create(rows)
            Finding.objects.bulk_create(
                (
                    Finding(
                        inspection=inspection,
                        standard=standard,
                        result="not_compliant" if rng.random() < 0.08 else "compliant",
                        points=standard.points,
                        critical=standard.critical,
                    )
                    for inspection in inspections
                    for standard in rng.sample(standards, per_inspection)
                ),
                batch_size=BATCH,
            )
        print(f"  {stop * per_inspection:,} findings", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Created the data in {time.perf_counter() - started:.0f} s")


def timed(label, function, repeat=3):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    print(
        f"{label}: median {statistics.median(times) * 1000:.0f} ms (runs: "
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
    user, _created = get_user_model().objects.get_or_create(username="bench_inspector")
    user.groups.add(Group.objects.get(name="Inspector"))
    populate(args.licences, args.findings, random.Random(2026))
    print(
        f"{Licence.objects.in_force().count():,} licences in force, "
        f"{Finding.objects.count():,} findings, {Inspection.objects.count():,} inspections"
    )
    rows = timed(
        "Live ranking of every licence (aggregate SQL, all rows fetched)",
        lambda: list(risk_ranking().values_list("pk", "risk_score")),
    )
    print(f"  {len(rows):,} licences ranked; top score {rows[0][1]:.1f}")
    stored = timed(
        "Full refresh of the stored scores (manage.py refresh_risk_scores)",
        services.risk_scores_refresh,
        repeat=1,
    )
    print(f"  {stored:,} scores stored")
    one = Licence.objects.in_force().order_by("?").values_list("pk", flat=True)[:1]
    timed(
        "Rescoring one provider's licence after a change",
        lambda: services.risk_scores_refresh(licence_ids=list(one)),
    )
    client = Client()
    client.force_login(user)
    url = reverse("office:risk_queue")
    response = timed("Ranking page, first page (HTTP, 50 rows)", lambda: client.get(url), 5)
    assert response.status_code == 200, response.status_code
    from inspections.selectors import risk_page, stored_risk_ranking

    ranking = stored_risk_ranking().values_list("score", "licence_id")
    # The page links by the last row's (score, id): page n starts after row 50 * (n - 1).
    for number in (200, ranking.count() // 50):
        score, licence_id = ranking[50 * (number - 1) - 1]
        page_url = f"{url}?after={score!r}_{licence_id}&from={50 * (number - 1) + 1}"
        response = timed(
            f"Ranking page, page {number:,} (HTTP, 50 rows, keyset)",
            lambda page_url=page_url: client.get(page_url),
            5,
        )
        assert response.status_code == 200, response.status_code
        timed(
            "  its rows alone (the keyset query, 50 rows)",
            lambda after=f"{score!r}_{licence_id}": risk_page(after=after).rows,
            5,
        )


if __name__ == "__main__":
    main()
