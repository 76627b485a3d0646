from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import LicenceConditionFactory, LicenceFactory

pytestmark = pytest.mark.django_db


def test_portal_daily_reminds_about_a_condition_once(agency_a, django_capture_on_commit_callbacks):
    licence = LicenceFactory(provider=agency_a)
    LicenceConditionFactory(licence=licence, due_date=timezone.localdate() + timedelta(days=5))
    outputs = []
    for _run in range(2):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("portal_daily", stdout=out)
        outputs.append(out.getvalue())
    assert outputs == ["Condition reminders sent: 1\n", "Condition reminders sent: 0\n"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["office@anglia.example"]
