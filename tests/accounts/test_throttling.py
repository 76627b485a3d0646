"""Sign-in throttling: every sign-in form is allauth's one form, locked per account and per
client after repeated failures, with a clear message and one audit row per lock."""

import pytest
from django.urls import reverse

from licensing.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOCKED = "Signing in is locked for a few minutes"

# Each way in: the portal's, the office's, Wagtail's and the Django admin's sign-in page.
ENTRANCES = ["/portal/sign-in/", "/office/sign-in/", "/admin/login/", "/django-admin/login/"]


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("entrance", ENTRANCES)
def test_five_wrong_passwords_lock_the_account_at_every_entrance(client, administrator, entrance):
    form = client.get(entrance, follow=True)
    assert form.status_code == 200 and form.redirect_chain[-1][0].startswith("/accounts/login/")
    action = form.redirect_chain[-1][0]
    for _attempt in range(5):
        refused = client.post(action, {"login": "admin", "password": "wrong"})
        assert refused.status_code == 200 and LOCKED not in refused.content.decode()
    response = client.post(action, {"login": "admin", "password": PASSWORD})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("entrance", ENTRANCES)
def test_the_old_sign_in_forms_no_longer_sign_anybody_in(client, administrator, entrance):
    response = client.post(entrance, {"username": "admin", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not signed_in(client)


def test_the_lock_is_per_account_whatever_the_spelling(client, licensing_officer):
    licensing_officer.email = "olive@regulator.example"
    licensing_officer.save()
    for login in ["officer", "OFFICER", "Olive@Regulator.example", "officer ", "officer"]:
        client.post("/accounts/login/", {"login": login, "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "officer", "password": PASSWORD})
    assert LOCKED in response.content.decode() and not signed_in(client)


def test_one_client_trying_many_accounts_is_locked_too(client, licensing_officer, inspector):
    for number in range(10):
        client.post("/accounts/login/", {"login": f"guess{number}", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "inspector", "password": PASSWORD})
    assert LOCKED in response.content.decode() and not signed_in(client)


def test_another_client_still_signs_in_to_an_account_it_did_not_attack(
    client, licensing_officer, inspector
):
    for _attempt in range(5):
        client.post("/accounts/login/", {"login": "officer", "password": "wrong"})
    other = client.__class__(REMOTE_ADDR="192.0.2.7")
    response = other.post("/accounts/login/", {"login": "inspector", "password": PASSWORD})
    assert response.status_code == 302 and "_auth_user_id" in other.session


def test_a_lockout_writes_one_audit_row(client, licensing_officer):
    for _attempt in range(8):
        client.post("/accounts/login/", {"login": "officer", "password": "wrong"})
    rows = AuditEntry.objects.filter(action="account_locked_out", object_id=licensing_officer.pk)
    assert rows.count() == 1
    assert rows.get().data == {"client": "127.0.0.1"}


def test_a_right_password_before_the_lock_signs_in(client, licensing_officer):
    for _attempt in range(4):
        client.post("/accounts/login/", {"login": "officer", "password": "wrong"})
    response = client.post("/accounts/login/", {"login": "officer", "password": PASSWORD})
    assert response["Location"] == reverse("office:workbench")
