"""Compliance inspections show their age against the policy's working-day target."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections.models import Inspection
from licensing.calendar import working_days_between
from licensing.models import LicensingPolicy
from tests.factories import LicenceFactory
from tests.inspections.factories import make_edition, started_inspection

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("days_ago", "overdue"), [(10, False), (400, True)])
def test_a_compliance_inspection_shows_its_age_against_the_target(
    client_for, decision_maker, inspector, days_ago, overdue
):
    make_edition({"2.3": (8, False)})
    policy = LicensingPolicy.load()
    policy.compliance_target_working_days = 155
    policy.save()
    inspection = started_inspection(
        scheduler=decision_maker, inspector=inspector, licence=LicenceFactory()
    )
    created = timezone.now() - timedelta(days=days_ago)
    Inspection.objects.filter(pk=inspection.pk).update(created_at=created)
    days = working_days_between(timezone.localtime(created).date(), timezone.localdate())

    body = client_for(inspector).get(reverse("office:inspections")).content.decode()

    assert f"day {days} of 155" in body
    assert ("overdue by" in body) is overdue
