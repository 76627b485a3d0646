"""The set-based full refresh stores the scores and parts the per-licence path stores."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from inspections import services
from inspections.models import InspectionSettings, LicenceRisk
from inspections.selectors import risk_reasons
from inspections.services import risk_sql
from licensing.models import Licence
from tests.factories import LicenceConditionFactory, LicenceFactory, SectorFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQL is PostgreSQL's"),
    pytest.mark.django_db,
]


def inspected(licence, decision_maker, inspector, failed=()):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=failed)
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)


def stored():
    return {
        risk.licence_id: (risk.score, risk.parts, [r.label for r in risk_reasons(risk.parts)])
        for risk in LicenceRisk.objects.all()
    }


def test_the_set_based_refresh_matches_the_per_licence_one(decision_maker, inspector):
    make_edition({"2.3": (8, False), "7.1": (30, True), "4.4": (3, False)})
    settings = InspectionSettings.load()
    settings.weight_concern = 7.3
    settings.weight_per_100_workers = 1.7
    settings.high_risk_sectors = "shellfish"
    settings.save()
    critical, overdue, never, clean, concerned = (LicenceFactory() for _n in range(5))
    inspected(critical, decision_maker, inspector, failed=("7.1", "4.4"))
    inspected(overdue, decision_maker, inspector, failed=("2.3",))
    inspected(clean, decision_maker, inspector)
    LicenceConditionFactory(licence=overdue, due_date=timezone.localdate() - timedelta(days=3))
    LicenceConditionFactory(licence=overdue)
    never.provider.sectors.add(SectorFactory(code="shellfish", name="Shellfish gathering"))
    inspected(concerned, decision_maker, inspector)
    services.concern_report(provider=concerned.provider, description="x", language="en")
    gone = LicenceFactory()
    in_force = list(Licence.objects.in_force().values_list("pk", flat=True))

    assert services.risk_scores_refresh(licence_ids=in_force) == 6
    per_licence = stored()
    LicenceRisk.objects.all().delete()
    Licence.objects.filter(pk=gone.pk).update(state=Licence.State.REVOKED)
    LicenceRisk.objects.create(licence=gone, score=1, parts={}, computed_at=timezone.now())

    assert risk_sql.refresh_all() == 5
    set_based = stored()
    per_licence.pop(gone.pk)
    assert set_based == per_licence
    assert set_based[critical.pk][2][0] == "33 points of failed standards in the last 3 years"
    assert "Works in a high-risk sector" in set_based[never.pk][2]
