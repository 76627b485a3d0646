"""A second factor (an authenticator app, TOTP) for staff and administrators, required for
the office, Wagtail's admin and the Django admin when STAFF_MFA_REQUIRED is on."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import override_settings
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("mfa_required")]

PASSWORD = "correct horse battery staple"
SET_UP = "/accounts/2fa/totp/activate/"


@pytest.fixture
def mfa_required():
    with override_settings(STAFF_MFA_REQUIRED=True):
        yield


def code_for(secret):
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_the_second_factor_is_required_by_default_when_debug_is_off(monkeypatch):
    import importlib

    import config.settings as real

    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.delenv("STAFF_MFA_REQUIRED", raising=False)
    try:
        assert importlib.reload(real).STAFF_MFA_REQUIRED is True
    finally:
        monkeypatch.undo()
        importlib.reload(real)


@pytest.mark.parametrize("page", ["/office/", "/admin/", "/django-admin/"])
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client_for, administrator, page):
    response = client_for(administrator).get(page)
    assert response.status_code == 302 and response["Location"] == SET_UP


def test_agency_users_need_no_second_factor(client_for, applicant_a):
    assert client_for(applicant_a).get(reverse("portal:home")).status_code == 200


def test_staff_set_up_the_app_then_reach_the_office(client, licensing_officer):
    client.post("/accounts/login/", {"login": "officer", "password": PASSWORD})
    assert client.get(reverse("office:workbench"))["Location"] == SET_UP
    confirm = client.get(SET_UP)["Location"]
    assert confirm.startswith("/accounts/reauthenticate/")  # allauth asks for the password again
    client.post(confirm, {"password": PASSWORD})
    assert client.get(SET_UP).status_code == 200
    secret = client.session["mfa.totp.secret"]
    wrong = client.post(SET_UP, {"code": "000000"})
    assert wrong.status_code == 200
    assert client.get(reverse("office:workbench")).status_code == 302

    client.post(SET_UP, {"code": code_for(secret)})
    assert Authenticator.objects.filter(user=licensing_officer, type="totp").exists()
    assert client.get(reverse("office:workbench")).status_code == 200


def test_staff_with_the_app_sign_in_with_a_code(client, licensing_officer):
    secret = generate_totp_secret()
    TOTP.activate(licensing_officer, secret)
    response = client.post("/accounts/login/", {"login": "officer", "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session  # the password alone signs nobody in

    refused = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": code_for(secret)})
    assert response["Location"] == reverse("office:workbench")
    assert client.get(reverse("office:workbench")).status_code == 200
