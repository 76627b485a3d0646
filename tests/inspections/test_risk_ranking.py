from datetime import timedelta

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import InspectionSettings
from inspections.selectors import risk_ranking, risk_reasons
from licensing.models import Licence
from tests.factories import LicenceConditionFactory, LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return make_edition({"2.3": (8, False), "7.1": (30, True)})


def inspected(licence, decision_maker, inspector, failed=()):
    inspection = started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence)
    record_all(inspection, inspector, failed_codes=failed)
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    return inspection


def test_licences_are_ranked_by_risk_with_reasons(edition, decision_maker, inspector):
    clean = LicenceFactory()
    inspected(clean, decision_maker, inspector)
    critical = LicenceFactory()
    inspected(critical, decision_maker, inspector, failed=("7.1",))
    overdue = LicenceFactory()
    inspected(overdue, decision_maker, inspector)
    LicenceConditionFactory(licence=overdue, due_date=timezone.localdate() - timedelta(days=3))
    never = LicenceFactory()

    ranking = list(risk_ranking())
    assert [licence.pk for licence in ranking] == [critical.pk, overdue.pk, never.pk, clean.pk]
    top = ranking[0]
    # 30 points x1 + 1 critical x20 + 40 workers x0.02
    assert top.risk_score == pytest.approx(50.8)
    labels = [reason.label for reason in risk_reasons(top)]
    assert labels[0] == "30 points of failed standards in the last 3 years"
    assert "1 critical standard(s) failed in the last 3 years" in labels
    assert [r.label for r in risk_reasons(ranking[2])] == ["Never inspected"]


def test_the_weights_are_settings(edition, decision_maker, inspector):
    failing = LicenceFactory()
    inspected(failing, decision_maker, inspector, failed=("2.3",))
    concerned = LicenceFactory()
    inspected(concerned, decision_maker, inspector)
    services.concern_report(provider=concerned.provider, description="x", language="en")
    settings = InspectionSettings.load()
    settings.weight_concern = 1
    settings.save()
    assert [lic.pk for lic in risk_ranking()][:2] == [failing.pk, concerned.pk]
    settings.weight_concern = 50
    settings.save()
    assert [lic.pk for lic in risk_ranking()][:2] == [concerned.pk, failing.pk]


def test_only_licences_in_force_are_ranked(edition):
    in_force = LicenceFactory()
    expired = LicenceFactory()
    Licence.objects.filter(pk=expired.pk).update(state=Licence.State.EXPIRED)
    assert [lic.pk for lic in risk_ranking()] == [in_force.pk]
