from datetime import timedelta

import pytest
from django.utils import timezone

from inspections import services
from inspections.models import Finding, Inspection, Standard, StandardsEdition
from inspections.scoring import score_inspection
from licensing.workflow import ServiceError
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, record_all, started_inspection

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return make_edition(
        {
            "2.3": (8, False),
            "4.1": (21, False),
            "5.1": (22, False),
            "7.1": (30, True),
            "9.9": (1, True),
        }
    )


@pytest.fixture
def inspection(edition, decision_maker, inspector):
    return started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )


@pytest.mark.parametrize(
    ("failed", "points", "outcome", "conditions"),
    [
        ((), 0, Inspection.Outcome.PASS, 0),
        (("2.3", "4.1"), 29, Inspection.Outcome.CONDITIONS, 2),
        (("2.3", "5.1"), 30, Inspection.Outcome.FAIL, 0),
        (("9.9",), 1, Inspection.Outcome.FAIL, 0),
    ],
    ids=["no-failures", "29-points", "30-points", "one-critical-failure"],
)
def test_scoring_at_the_boundaries(inspection, inspector, failed, points, outcome, conditions):
    record_all(inspection, inspector, failed_codes=failed)
    score = score_inspection(inspection)
    assert score.failed_points == points
    assert score.outcome == outcome
    assert len(score.proposed_conditions) == conditions


def test_under_the_threshold_one_condition_per_failed_standard_with_a_due_date(
    inspection, inspector
):
    record_all(inspection, inspector, failed_codes=("2.3", "4.1"))
    score = score_inspection(inspection)
    due = timezone.localdate() + timedelta(days=60)
    assert [c.standard_code for c in score.proposed_conditions] == ["2.3", "4.1"]
    assert all(c.due_date == due for c in score.proposed_conditions)
    # The evidence goes with the condition for staff; the public wording is the title.
    first = score.proposed_conditions[0]
    assert "Seen on site." in first.evidence and "Seen on site." not in first.text
    assert first.text == first.standard_title
    assert "29 points" in score.recommendation


def test_the_score_is_stored_on_submission(inspection, inspector):
    record_all(inspection, inspector, failed_codes=("2.3",))
    inspection = services.inspection_submit(inspection=inspection, actor=inspector)
    inspection.refresh_from_db()
    assert inspection.state == Inspection.State.SUBMITTED
    assert (inspection.failed_points, inspection.critical_failures) == (8, 0)
    assert inspection.outcome == Inspection.Outcome.CONDITIONS


def test_correcting_a_standard_never_rescores_an_old_inspection(
    inspection, inspector, decision_maker
):
    record_all(inspection, inspector, failed_codes=("2.3", "4.1"))
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    Standard.objects.filter(edition=inspection.edition, code="2.3").update(points=30, critical=True)
    inspection.refresh_from_db()
    score = score_inspection(inspection)
    assert score.failed_points == 29 and score.outcome == Inspection.Outcome.CONDITIONS
    assert inspection.failed_points == 29


def test_a_new_edition_applies_to_new_inspections_only(
    inspection, inspector, decision_maker, administrator, edition
):
    record_all(inspection, inspector, failed_codes=("2.3",))
    new = services.standards_edition_copy(
        edition=edition, name="Standards 2027", actor=administrator
    )
    Standard.objects.filter(edition=new, code="2.3").update(points=12)
    services.standards_edition_publish(edition=new, actor=administrator)
    assert StandardsEdition.objects.current() == new
    later = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    assert later.edition == new
    record_all(later, inspector, failed_codes=("2.3",))
    assert score_inspection(later).failed_points == 12
    inspection.refresh_from_db()
    assert inspection.edition == edition
    assert score_inspection(inspection).failed_points == 8


def test_a_standard_from_another_edition_is_refused(inspection, inspector):
    seeded = Standard.objects.get(edition__name="Licensing Standards 2018", code="7.1")
    with pytest.raises(ServiceError, match="not in the edition"):
        services.finding_record(
            inspection=inspection,
            actor=inspector,
            standard=seeded,
            result=Finding.Result.COMPLIANT,
        )


def test_the_2018_edition_is_seeded_with_eight_sections():
    edition = StandardsEdition.objects.get(name="Licensing Standards 2018")
    assert edition.sections.count() == 8
    fee = edition.standards.get(code="7.1")
    assert fee.critical and fee.points == 30
    assert edition.standards.get(code="1.4").points == 8
    assert "Unconfirmed" in edition.standards.get(code="8.1").guidance
