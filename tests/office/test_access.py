import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_the_staff_sign_in(anonymous):
    response = anonymous.get(reverse("office:workbench"))
    assert response.status_code == 302
    assert response["Location"].startswith("/office/sign-in/?next=/office/")


def test_applicants_are_forbidden(client_for, applicant_a):
    assert client_for(applicant_a).get(reverse("office:workbench")).status_code == 403


def test_staff_see_the_office_navigation(client_for, licensing_officer):
    response = client_for(licensing_officer).get(reverse("office:workbench"))
    assert response.status_code == 200
    for label in ("Workbench", "Licences", "Providers", "Sign out"):
        assert label in response.content.decode()


def test_staff_sign_in_with_a_password(anonymous, licensing_officer):
    form = anonymous.get(reverse("office:sign_in"))
    assert form["Location"] == "/accounts/login/?next=%2Foffice%2F"
    response = anonymous.post(
        form["Location"], {"login": "officer", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("office:workbench")


def test_staff_land_in_the_office_without_a_page_to_return_to(anonymous, licensing_officer):
    response = anonymous.post(
        "/accounts/login/", {"login": "officer", "password": "correct horse battery staple"}
    )
    assert response["Location"] == reverse("office:workbench")


def test_editors_land_in_the_wagtail_admin(anonymous, editor):
    response = anonymous.post(
        "/accounts/login/", {"login": "editor", "password": "correct horse battery staple"}
    )
    assert response["Location"] == "/admin/"


def test_a_wrong_password_is_explained(anonymous, licensing_officer):
    response = anonymous.post("/accounts/login/", {"login": "officer", "password": "x"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_sign_out_needs_a_post(client_for, licensing_officer):
    client = client_for(licensing_officer)
    response = client.post(reverse("office:sign_out"))
    assert response.status_code == 302
    assert client.get(reverse("office:workbench")).status_code == 302
