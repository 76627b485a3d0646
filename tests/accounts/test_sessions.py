"""Staff sessions end after 30 idle minutes and 12 hours; deactivating an account ends its
sessions at once and is recorded."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.urls import reverse

from accounts import services
from accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from accounts.models import SignedInSession
from licensing.models import AuditEntry

pytestmark = pytest.mark.django_db

User = get_user_model()


def age(client, key, seconds):
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_staff_are_signed_out_after_30_idle_minutes(client_for, licensing_officer):
    client = client_for(licensing_officer)
    assert client.get(reverse("office:workbench")).status_code == 200
    age(client, LAST_SEEN, 29 * 60)
    assert client.get(reverse("office:workbench")).status_code == 200
    age(client, LAST_SEEN, 31 * 60)
    response = client.get(reverse("office:workbench"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/office/")
    assert "_auth_user_id" not in client.session


def test_staff_are_signed_out_12_hours_after_signing_in(client_for, licensing_officer):
    client = client_for(licensing_officer)
    age(client, SIGNED_IN_AT, 12 * 60 * 60 + 1)
    assert client.get(reverse("office:workbench")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_agency_sessions_have_no_staff_timeouts(client_for, applicant_a):
    client = client_for(applicant_a)
    age(client, LAST_SEEN, 31 * 60)
    assert client.get(reverse("portal:home")).status_code == 200


def test_deactivation_ends_the_sessions_and_is_audited(client, admin_user, applicant_a):
    client.post(
        "/accounts/login/", {"login": "applicant_a", "password": "correct horse battery staple"}
    )
    key = client.session.session_key
    assert SignedInSession.objects.filter(user=applicant_a, session_key=key).exists()

    services.account_deactivate(actor=admin_user, user=applicant_a, reason="Left the agency")

    assert not Session.objects.filter(session_key=key).exists()
    assert not SignedInSession.objects.filter(user=applicant_a).exists()
    assert client.get(reverse("portal:home")).status_code == 302
    row = AuditEntry.objects.get(action="account_deactivated", object_id=applicant_a.pk)
    assert row.actor == admin_user and row.reason == "Left the agency"


def test_only_an_administrator_deactivates(licensing_officer, applicant_a):
    with pytest.raises(services.PermissionDenied):
        services.account_deactivate(actor=licensing_officer, user=applicant_a)
    applicant_a.refresh_from_db()
    assert applicant_a.is_active


def test_unticking_active_in_an_admin_ends_the_sessions_too(
    client_for, applicant_a, django_capture_on_commit_callbacks
):
    client = client_for(applicant_a)
    key = client.session.session_key
    with django_capture_on_commit_callbacks(execute=True):
        applicant_a.is_active = False
        applicant_a.save()
    assert not Session.objects.filter(session_key=key).exists()
    assert AuditEntry.objects.filter(action="account_deactivated", object_id=applicant_a.pk)


def test_the_django_admin_action_deactivates(client_for, admin_user, applicant_a):
    response = client_for(admin_user).post(
        "/django-admin/auth/user/",
        {"action": "deactivate", "_selected_action": [applicant_a.pk]},
    )
    assert response.status_code == 302
    applicant_a.refresh_from_db()
    assert not applicant_a.is_active
    assert AuditEntry.objects.get(action="account_deactivated").actor == admin_user
