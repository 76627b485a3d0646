from datetime import timedelta

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import InspectionSettings, LicenceRisk
from inspections.selectors import risk_parts, risk_ranking, risk_reasons, stored_risk_ranking
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
    labels = [reason.label for reason in risk_reasons(risk_parts(top))]
    assert labels[0] == "30 points of failed standards in the last 3 years"
    assert "1 critical standard(s) failed in the last 3 years" in labels
    assert [r.label for r in risk_reasons(risk_parts(ranking[2]))] == ["Never inspected"]


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


def test_stored_scores_match_the_live_ranking_and_follow_changes(
    edition, decision_maker, inspector, django_capture_on_commit_callbacks
):
    quiet, busy = LicenceFactory(), LicenceFactory()
    inspected(quiet, decision_maker, inspector)
    inspected(busy, decision_maker, inspector)
    assert services.risk_scores_refresh() == 2
    live = {lic.pk: lic.risk_score for lic in risk_ranking()}
    assert {r.licence_id: r.score for r in LicenceRisk.objects.all()} == pytest.approx(live)

    with django_capture_on_commit_callbacks(execute=True):
        services.concern_report(provider=busy.provider, description="x", language="en")
    assert [r.licence_id for r in stored_risk_ranking()] == [busy.pk, quiet.pk]
    assert "1 concern(s) in the last year" in [
        reason.label for reason in risk_reasons(LicenceRisk.objects.get(pk=busy.pk).parts)
    ]
    Licence.objects.filter(pk=quiet.pk).update(state=Licence.State.REVOKED)
    services.risk_scores_refresh()
    assert list(LicenceRisk.objects.values_list("licence_id", flat=True)) == [busy.pk]
