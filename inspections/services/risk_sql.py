"""The full refresh of stored risk scores as one set-based statement on PostgreSQL.

``selectors.risk_ranking()`` computes each licence's parts with correlated subqueries: right
for one provider, but a full refresh then runs ten subqueries per licence. Here each part is
one aggregate over its table grouped by provider (or licence), joined once to the licences in
force, and ``INSERT … ON CONFLICT`` stores scores and parts in the same statement. The parts,
the weights and the order of the additions are those of ``risk_ranking()``, so the scores are
the same to the last bit (``tests/inspections/test_risk_refresh_sql.py`` compares both).
"""

from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from inspections.models import (
    Concern,
    FeeViolation,
    Finding,
    Inspection,
    InspectionSettings,
    LicenceRisk,
)
from licensing.models import Licence, LicenceCondition
from registry.models import LabourProvider, Sector

WEIGHTS = [
    ("failed_points", "weight_failed_point"),
    ("critical_failures", "weight_critical_failure"),
    ("open_conditions", "weight_open_condition"),
    ("overdue_conditions", "weight_overdue_condition"),
    ("fee_violations", "weight_fee_violation"),
    ("unpaid_remedies", "weight_unpaid_remedy"),
    ("overdue_remedies", "weight_overdue_remedy"),
    ("concerns", "weight_concern"),
]


def supported() -> bool:
    return connection.vendor == "postgresql"


def _sql() -> str:
    licence = Licence._meta.db_table
    finding = Finding._meta.db_table
    inspection = Inspection._meta.db_table
    condition = LicenceCondition._meta.db_table
    violation = FeeViolation._meta.db_table
    concern = Concern._meta.db_table
    provider_sectors = LabourProvider.sectors.through._meta.db_table
    sector = Sector._meta.db_table
    risk = LicenceRisk._meta.db_table
    # Left to right, as the ORM expression adds them: float addition is not associative.
    score = " + ".join(
        [
            *(f"p.{name}::float8 * %({weight})s::float8" for name, weight in WEIGHTS),
            "CASE WHEN p.high_risk_sector THEN %(weight_high_risk_sector)s::float8 ELSE 0.0 END",
            "p.workers::float8 * %(weight_per_worker)s::float8",
            "CASE WHEN p.last_visit IS NULL THEN %(weight_never_inspected)s::float8 ELSE 0.0 END",
        ]
    )
    parts = ", ".join(
        [
            *(f"'risk_{name}', p.{name}" for name, _weight in WEIGHTS),
            "'risk_high_risk_sector', p.high_risk_sector",
            "'risk_last_visit', p.last_visit::text",
            "'risk_workers', p.workers",
        ]
    )
    return f"""
    WITH findings AS (
        SELECT i.provider_id, SUM(f.points) AS points,
            COUNT(*) FILTER (WHERE f.critical) AS critical
        FROM {finding} f JOIN {inspection} i ON i.id = f.inspection_id
        WHERE i.state = %(approved)s AND i.visited_on >= %(three_years)s
            AND f.result = %(not_compliant)s
        GROUP BY i.provider_id
    ), conditions AS (
        SELECT licence_id, COUNT(*) AS open,
            COUNT(*) FILTER (WHERE due_date < %(today)s) AS overdue
        FROM {condition} WHERE state = %(open)s GROUP BY licence_id
    ), violations AS (
        SELECT provider_id,
            COUNT(*) FILTER (WHERE charged_on >= %(three_years)s) AS recent,
            COUNT(*) FILTER (WHERE state IN %(unpaid)s) AS unpaid,
            COUNT(*) FILTER (WHERE state = %(overdue)s) AS overdue
        FROM {violation} GROUP BY provider_id
    ), concerns AS (
        SELECT provider_id, COUNT(*) AS n FROM {concern}
        WHERE reported_at >= %(one_year_ago)s AND outcome <> %(not_upheld)s
        GROUP BY provider_id
    ), high_risk AS (
        SELECT DISTINCT ps.labourprovider_id AS provider_id
        FROM {provider_sectors} ps JOIN {sector} s ON s.id = ps.sector_id
        WHERE s.code IN %(high_risk_codes)s
    ), last_visits AS (
        SELECT DISTINCT ON (provider_id) provider_id, visited_on, workers_employed
        FROM {inspection} WHERE visited_on IS NOT NULL
        ORDER BY provider_id, visited_on DESC, id DESC
    ), p AS (
        SELECT l.id AS licence_id,
            COALESCE(f.points, 0) AS failed_points,
            COALESCE(f.critical, 0) AS critical_failures,
            COALESCE(c.open, 0) AS open_conditions,
            COALESCE(c.overdue, 0) AS overdue_conditions,
            COALESCE(v.recent, 0) AS fee_violations,
            COALESCE(v.unpaid, 0) AS unpaid_remedies,
            COALESCE(v.overdue, 0) AS overdue_remedies,
            COALESCE(cn.n, 0) AS concerns,
            hr.provider_id IS NOT NULL AS high_risk_sector,
            lv.visited_on AS last_visit,
            COALESCE(lv.workers_employed, 0) AS workers
        FROM {licence} l
        LEFT JOIN findings f ON f.provider_id = l.provider_id
        LEFT JOIN conditions c ON c.licence_id = l.id
        LEFT JOIN violations v ON v.provider_id = l.provider_id
        LEFT JOIN concerns cn ON cn.provider_id = l.provider_id
        LEFT JOIN high_risk hr ON hr.provider_id = l.provider_id
        LEFT JOIN last_visits lv ON lv.provider_id = l.provider_id
        WHERE l.state IN %(in_force)s
    )
    INSERT INTO {risk} (licence_id, score, parts, computed_at)
    SELECT p.licence_id, {score}, jsonb_build_object({parts}), %(now)s FROM p
    ON CONFLICT (licence_id) DO UPDATE
        SET score = EXCLUDED.score, parts = EXCLUDED.parts, computed_at = EXCLUDED.computed_at
    """


def _params() -> dict:
    weights = InspectionSettings.load()
    today = timezone.localdate()
    now = timezone.now()
    return {
        "approved": Inspection.State.APPROVED.value,
        "not_compliant": Finding.Result.NOT_COMPLIANT.value,
        "open": LicenceCondition.State.OPEN.value,
        "unpaid": tuple(str(state) for state in FeeViolation.UNPAID_STATES),
        "overdue": FeeViolation.State.OVERDUE.value,
        "not_upheld": Concern.Outcome.NOT_UPHELD.value,
        "high_risk_codes": tuple(weights.high_risk_sector_codes or [""]),
        "in_force": tuple(str(state) for state in Licence.IN_FORCE_STATES),
        "today": today,
        "three_years": today - timedelta(days=3 * 365),
        "one_year_ago": now - timedelta(days=365),
        "now": now,
        "weight_per_worker": float(weights.weight_per_100_workers / 100),
        "weight_high_risk_sector": float(weights.weight_high_risk_sector),
        "weight_never_inspected": float(weights.weight_never_inspected),
        **{weight: float(getattr(weights, weight)) for _name, weight in WEIGHTS},
    }


def refresh_all() -> int:
    """Store the score of every licence in force; drop those of licences no longer in force.
    Returns how many were stored."""
    params = _params()
    with transaction.atomic(), connection.cursor() as cursor:
        # Compiling the statement (JIT) costs more than it saves on a statement this size.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(_sql(), params)
        stored = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {LicenceRisk._meta.db_table} r USING {Licence._meta.db_table} l "
            "WHERE l.id = r.licence_id AND NOT (l.state IN %s)",
            [params["in_force"]],
        )
    return stored
