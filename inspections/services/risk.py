"""Stored risk scores: the ranked queue of licences to inspect."""

from django.db import transaction
from django.utils import timezone

from inspections.models import LicenceRisk
from inspections.selectors import RISK_PARTS, risk_parts, risk_ranking
from inspections.services import risk_sql
from licensing.models import Licence

RISK_BATCH = 5000


def risk_scores_refresh(*, licence_ids=None) -> int:
    """Recompute and store the risk score of every licence in force (or of those given) with
    the aggregate ranking query; returns how many were stored. A full refresh on PostgreSQL
    is one set-based statement with the same scores (``risk_sql``)."""
    if licence_ids is None and risk_sql.supported():
        return risk_sql.refresh_all()
    ranking = risk_ranking()
    if licence_ids is not None:
        ranking = ranking.filter(pk__in=list(licence_ids))
    now = timezone.now()
    stored = 0
    rows = ranking.only("pk").values_list("pk", "risk_score", *RISK_PARTS)
    batch = []

    def flush():
        LicenceRisk.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["licence"],
            update_fields=["score", "parts", "computed_at"],
        )
        batch.clear()

    for pk, score, *values in rows.iterator(chunk_size=RISK_BATCH):
        parts = risk_parts(dict(zip(RISK_PARTS, values, strict=True)))
        batch.append(LicenceRisk(licence_id=pk, score=score, parts=parts, computed_at=now))
        stored += 1
        if len(batch) >= RISK_BATCH:
            flush()
    if batch:
        flush()
    if licence_ids is None:
        LicenceRisk.objects.exclude(licence__state__in=Licence.IN_FORCE_STATES).delete()
    return stored


def refresh_risk_on_commit(provider_id):
    """Once the change is committed, rescore the provider's licences in force."""
    if provider_id is None:
        return

    def refresh():
        ids = list(
            Licence.objects.in_force().filter(provider_id=provider_id).values_list("pk", flat=True)
        )
        if ids:
            risk_scores_refresh(licence_ids=ids)

    transaction.on_commit(refresh)
