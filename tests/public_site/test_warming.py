"""Licence pages rendered into the page cache ahead of visitors: by the warm_public_cache
command, and by a task once a change to the licence commits."""

import pytest
from django.core.management import call_command
from django.test import Client

from licensing import services
from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db


def test_the_command_caches_every_licence_page_and_api_answer(settings, django_assert_num_queries):
    # More licences than the anonymous API limit: the renders are not anybody's calls.
    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 1
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    licensed_provider(legal_name="Baltic Staff Ltd", urn="BALT0001")

    call_command("warm_public_cache", languages="en,pl", stdout=None)

    settings.API_ANONYMOUS_REQUESTS_PER_MINUTE = 60
    with django_assert_num_queries(0):
        page = Client().get("/register/BALT0001/", HTTP_ACCEPT_LANGUAGE="pl")
        answer = Client().get("/api/v1/licences/ANGL0001")
    assert page.status_code == 200 and "Baltic Staff Ltd" in page.content.decode()
    assert answer.json()["holder_name"] == "Anglia Crew Ltd"


def test_a_changed_licence_is_rendered_again_once_the_change_commits(
    settings, django_capture_on_commit_callbacks, django_assert_num_queries
):
    settings.PUBLIC_PAGES_PRERENDER = True
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)

    with django_capture_on_commit_callbacks(execute=True):
        services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    with django_assert_num_queries(0):
        page = Client().get("/register/ANGL0001/")
        answer = Client().get("/api/v1/licences/ANGL0001")
    assert "Suspended" in page.content.decode()
    assert answer.json()["status"] == "suspended"
