"""Editors write the public site: the Editor group may add, edit and publish pages, and the
Wagtail admin they work in calls no outside server."""

import pytest
from wagtail.models import Page

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_editor_may_add_edit_and_publish_pages(editor, client_for):
    home = Page.objects.filter(depth=2).first()
    permissions = home.permissions_for_user(editor)
    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert permissions.can_publish()
    client = client_for(editor)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/").status_code == 200


def test_the_admin_makes_no_outside_calls(editor, client_for):
    # Wagtail shows its release check to superusers only.
    superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    for user in (superuser, editor):
        body = client_for(user).get("/admin/").content.decode()
        assert "w-upgrade" not in body  # the release check against wagtail.org
        assert "gravatar" not in body
        assert "gravatar.com" not in body
