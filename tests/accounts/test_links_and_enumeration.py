"""Emailed links come from SITE_URL; no link of one kind works as another; a deactivated
account stays off; sign-up never tells whether an address is registered, even in a race."""

import re
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from accounts import services

pytestmark = pytest.mark.django_db

User = get_user_model()
SIGN_UP = {"full_name": "Nia New", "email": "nia@new.example", "password1": "tractor-orchard-77"}


def path_in(message, host="http://testserver"):
    return re.search(re.escape(host) + r"(/\S+)", message.body).group(1)


@override_settings(ALLOWED_HOSTS=["testserver", "evil.example"], SITE_URL="https://lic.example")
def test_reset_and_confirmation_links_use_site_url_not_the_host_header(client, applicant_a):
    client.post("/accounts/password/reset/", {"email": applicant_a.email}, HTTP_HOST="evil.example")
    client.post("/accounts/signup/", SIGN_UP, HTTP_HOST="evil.example")
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert "https://lic.example/accounts/" in message.body
        assert "evil.example" not in message.body + message.subject


@override_settings(ALLOWED_HOSTS=["testserver", "evil.example"], SITE_URL="https://lic.example")
def test_the_account_exists_email_uses_site_url(client, applicant_a):
    client.post(
        "/accounts/signup/", {**SIGN_UP, "email": applicant_a.email}, HTTP_HOST="evil.example"
    )
    assert "https://lic.example/accounts/password/reset/" in mail.outbox[0].body
    assert "evil.example" not in mail.outbox[0].body


def page(client, url, email):
    """The page as the visitor sees it, less what differs anyway: the address typed in and
    the CSRF token."""
    content = client.get(url).content.replace(email.encode(), b"ADDRESS")
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)


def test_sign_up_with_a_registered_address_looks_like_any_other(client, applicant_a):
    new = client.post("/accounts/signup/", SIGN_UP)
    new_page = page(client, new["Location"], SIGN_UP["email"])
    other = client.__class__()
    taken = other.post("/accounts/signup/", {**SIGN_UP, "email": applicant_a.email})
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    assert page(other, taken["Location"], applicant_a.email) == new_page
    assert User.objects.filter(email__iexact=applicant_a.email).count() == 1
    assert mail.outbox[-1].to == [applicant_a.email]  # the owner hears of it, nobody else


def test_concurrent_sign_ups_with_one_address_give_no_error(client):
    client.post("/accounts/signup/", SIGN_UP)
    # The second request passed the form's check before the first was saved.
    with mock.patch(
        "allauth.account.internal.flows.manage_email.email_already_exists",
        side_effect=lambda email, **kwargs: (email, False),
    ):
        racer = client.__class__().post("/accounts/signup/", SIGN_UP)
    assert racer.status_code == 302
    assert racer["Location"] == "/accounts/confirm-email/"
    assert User.objects.filter(username="nia@new.example").count() == 1


def test_a_password_reset_key_is_not_a_verification_link(client):
    client.post("/accounts/signup/", SIGN_UP)
    mail.outbox.clear()
    client.post("/accounts/password/reset/", {"email": "nia@new.example"})
    key = path_in(mail.outbox[0]).rstrip("/").rpartition("/")[2]
    response = client.post(f"/accounts/confirm-email/{key}/")
    assert response.status_code == 404
    assert not EmailAddress.objects.get(email="nia@new.example").verified


def test_an_old_link_never_reactivates_a_deactivated_account(client, admin_user):
    client.post("/accounts/signup/", SIGN_UP)
    link = path_in(mail.outbox[0])
    user = User.objects.get(username="nia@new.example")
    services.account_deactivate(actor=admin_user, user=user)

    client.post(link)
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(
        "/accounts/login/", {"login": "nia@new.example", "password": "tractor-orchard-77"}
    )
    assert "_auth_user_id" not in client.session
    assert response["Location"] == "/accounts/inactive/"


def test_staff_are_never_signed_in_by_a_link(client, licensing_officer):
    client.post("/accounts/password/reset/", {"email": licensing_officer.email})
    response = client.get(path_in(mail.outbox[0]), follow=True)
    client.post(
        response.redirect_chain[-1][0],
        {"password1": "plough-lantern-93", "password2": "plough-lantern-93"},
    )
    licensing_officer.refresh_from_db()
    assert licensing_officer.check_password("plough-lantern-93")
    assert "_auth_user_id" not in client.session
    assert client.get("/accounts/login/code/").status_code == 404  # no sign-in by emailed code
