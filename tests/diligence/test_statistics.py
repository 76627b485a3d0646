"""Enforcement statistics: small counts suppressed, charts with their tables, open data."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.utils import timezone

from inspections import services as inspection_services
from public_register.statistics import enforcement_statistics, quarters, shown
from tests.factories import LabourProviderFactory, LicenceFactory
from tests.inspections.factories import make_edition, started_inspection
from tests.public_site.factories import refused_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_statistics():
    # The published figures are cached for ten minutes: each test starts without them.
    cache.clear()


def this_quarter() -> str:
    year, quarter = quarters(timezone.localdate())[-1]
    return f"{year} Q{quarter}"


@pytest.fixture
def register():
    # The factory puts every provider in the Agriculture sector.
    today = timezone.localdate()
    for n in range(6):
        provider = LabourProviderFactory(country="GB")
        LicenceFactory(provider=provider, urn=f"GRNT{n:04d}", granted_on=today)
    for n in range(2):
        refused_provider(legal_name=f"Refused {n} Ltd")


def test_small_counts_are_suppressed():
    assert [shown(0), shown(1), shown(4), shown(5)] == ["0", "<5", "<5", "5"]


def test_quarters_run_oldest_first_and_end_with_this_one():
    assert quarters(date(2026, 11, 30), 3) == [(2026, 2), (2026, 3), (2026, 4)]
    assert quarters(date(2026, 1, 1), 2) == [(2025, 4), (2026, 1)]


def test_the_page_shows_charts_beside_tables_with_small_counts_suppressed(anonymous, register):
    response = anonymous.get("/register/statistics/")

    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('<svg viewBox="0 0 640') >= 5
    assert 'role="img"' in text
    assert f'<tr><th scope="row">{this_quarter()}</th><td>6</td></tr>' in text
    assert f'<tr><th scope="row">{this_quarter()}</th><td>&lt;5</td></tr>' in text
    assert '<th scope="row">Agriculture</th><td>&lt;5</td><td>6</td>' in text


def test_fee_violations_by_category_with_amounts_per_currency(decision_maker, inspector):
    make_edition({"7.1": (30, True)})
    inspection = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    for _n in range(5):
        inspection_services.fee_violation_record(
            inspection=inspection,
            actor=inspector,
            subcategory="matching_placement",
            amount=Decimal("100.50"),
            currency="EUR",
            workers_affected=3,
            collected_by="sub_agent",
            country="RO",
            charged_on=timezone.localdate() - timedelta(days=1),
        )
    inspection_services.fee_violation_record(
        inspection=inspection,
        actor=inspector,
        subcategory="matching_placement",
        amount=Decimal("70"),
        currency="GBP",
        workers_affected=1,
        collected_by="sub_agent",
        country="RO",
        charged_on=timezone.localdate() - timedelta(days=1),
    )

    rows = {(r["category"], r["currency"]): r for r in enforcement_statistics().fee_violations}

    assert rows[("recruitment_fee", "EUR")]["violations"] == "5"
    assert rows[("recruitment_fee", "EUR")]["charged"] == Decimal("502.50")
    assert rows[("recruitment_fee", "GBP")]["violations"] == "<5"
    assert rows[("recruitment_fee", "GBP")]["charged"] is None


def test_open_data_files(anonymous, register):
    rows = list(
        csv.DictReader(io.StringIO(anonymous.get("/open-data/statistics.csv").content.decode()))
    )
    figures = anonymous.get("/open-data/statistics.json").json()["figures"]

    grants = [r for r in rows if r["dimension"] == "quarter" and r["figure"] == "grants"]
    assert grants[-1] == {
        "dimension": "quarter",
        "value": "",
        "quarter": this_quarter(),
        "figure": "grants",
        "count": "6",
        "amount": "",
    }
    assert {
        "dimension": "sector",
        "value": "Agriculture",
        "quarter": this_quarter(),
        "figure": "grants",
        "count": "6",
        "amount": "",
    } in figures
    refusals = [r for r in rows if r["dimension"] == "quarter" and r["figure"] == "refusals"]
    assert refusals[-1]["count"] == "<5"


def test_the_published_figures_are_cached_for_a_while(anonymous, register):
    first = anonymous.get("/open-data/statistics.json").json()["figures"]
    LicenceFactory(urn="LATE0001", granted_on=timezone.localdate())
    again = anonymous.get("/open-data/statistics.json").json()["figures"]
    cache.clear()
    fresh = anonymous.get("/open-data/statistics.json").json()["figures"]

    def grants(figures):
        return next(
            f["count"]
            for f in figures
            if f["dimension"] == "quarter"
            and f["figure"] == "grants"
            and f["quarter"] == this_quarter()
        )

    assert grants(first) == grants(again) == "6"
    assert grants(fresh) == "7"
