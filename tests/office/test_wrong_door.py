"""The wrong door (issue 13): a 403 in the site's layout that names the right place for the
person, and a favicon on every page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_an_agency_user_at_the_office_is_sent_to_the_portal(client_for, applicant_a):
    response = client_for(applicant_a).get(reverse("office:workbench"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "This is the regulator's staff area" in page
    assert f'href="{reverse("portal:home")}"' in page
    assert 'class="site-header"' in page  # the site's layout, not a bare "403 Forbidden"


def denied(path, user):
    request = RequestFactory().get(path)
    request.user = user
    return permission_denied(request, PermissionDenied())


def test_staff_in_the_portal_are_sent_to_the_office(licensing_officer):
    response = denied("/portal/applications/", licensing_officer)
    page = response.content.decode()
    assert response.status_code == 403
    assert "This is the agencies' portal" in page
    assert f'href="{reverse("office:workbench")}"' in page


def test_staff_without_a_permission_are_told_to_ask_an_administrator(inspector):
    response = denied(reverse("office:edition_copy"), inspector)
    assert response.status_code == 403
    assert f'href="{reverse("office:workbench")}"' in response.content.decode()
    assert "ask an administrator" in response.content.decode()


def test_an_anonymous_visitor_is_offered_the_sign_in(db):
    page = denied("/register/ABCD0001/", AnonymousUser()).content.decode()
    assert "Sign in to continue" in page
    assert f'href="{reverse("account_login")}?next=/register/ABCD0001/"' in page


def test_there_is_a_favicon(db):
    client = Client()
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response.url.endswith("favicon.ico")
    home = client.get(reverse("account_login")).content.decode()
    assert 'rel="icon"' in home and "favicon.svg" in home
