"""Security headers on a sample of every app's pages (issue 12, item 6)."""

import pytest
from django.conf import settings

from tests.public_site.factories import licensed_provider

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def licence(db):
    return licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")


def sample_pages(licence):
    return [
        "/register/",
        f"/register/{licence.urn}/",
        "/register/refused-and-revoked/",
        "/verify/",
        "/report/",
        "/register/watch/",
        "/api/v1/docs",
        "/register/bulk-check/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]


def test_every_sampled_page_has_a_strict_csp_and_a_permissions_policy(anonymous, licence):
    for path in sample_pages(licence):
        response = anonymous.get(path)
        assert response.status_code == 200, path
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "camera=()" in response["Permissions-Policy"], path
        assert "geolocation=()" in response["Permissions-Policy"], path


def test_json_api_answers_carry_the_headers_too(anonymous, licence):
    response = anonymous.get(f"/api/v1/licences/{licence.urn}")

    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


def test_wagtail_admin_alone_allows_inline_script(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")

    assert response.status_code == 200
    assert directives(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_swagger_ui_is_served_from_local_static_files(anonymous):
    response = anonymous.get("/api/v1/docs")

    html = response.content.decode()
    assert f"{settings.STATIC_URL}ninja/swagger-ui-bundle.js" in html
    assert f"{settings.STATIC_URL}ninja/swagger-ui.css" in html
    assert "cdn" not in html.lower()
    assert "<script>" not in html


def test_no_public_page_has_an_inline_script(anonymous, licence):
    for path in sample_pages(licence):
        html = anonymous.get(path).content.decode()
        assert "<script>" not in html, path
        assert " onclick=" not in html and " onchange=" not in html, path


def test_publicly_cacheable_pages_set_no_csrf_cookie(anonymous, licence):
    for path in ["/register/", "/register/?q=fenland", f"/register/{licence.urn}/"]:
        response = anonymous.get(path)
        assert "public" in response["Cache-Control"], path
        assert settings.CSRF_COOKIE_NAME not in response.cookies, path


def test_the_language_switcher_works_without_a_csrf_cookie(licence):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "pl", "next": "/register/"})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pl"


def test_office_and_portal_pages_are_private_and_not_stored(
    client_for, licensing_officer, applicant_a, anonymous
):
    for path in ["/office/sign-in/", "/portal/sign-in/"]:
        assert anonymous.get(path)["Cache-Control"] == "private, no-store", path
    officer = client_for(licensing_officer)
    response = officer.get("/office/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    officer.logout()
    response = client_for(applicant_a).get("/portal/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "path", ["/office/applications/%00/", "/portal/%00", "/register/FENL%000001/", "/%00"]
)
def test_a_nul_byte_anywhere_in_the_path_is_not_found(anonymous, path):
    assert anonymous.get(path).status_code == 404
