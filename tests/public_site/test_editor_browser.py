"""The demo's editor signs in, writes a guidance page and publishes it, in Chromium; nothing
the Wagtail admin loads comes from outside the site."""

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

from licensing.roles import ensure_roles
from public_site.models import HomePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def home():
    # Transactional tests flush the database, data migrations included (a serialized
    # rollback's flush leaves out even content types and permissions): rebuild what this needs,
    # including what Wagtail's own data migrations make (admin access, the root collection).
    ContentType.objects.clear_cache()
    for app_config in apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0)
        create_permissions(app_config, verbosity=0)
    admin_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    locale, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.objects.filter(depth=1).first() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Home", slug="site-home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    ensure_roles()
    return home


def test_the_editor_publishes_a_page_with_no_outside_requests(page, axe, live_server, home):
    from tests.factories import UserFactory

    UserFactory(username="editor", first_name="Fiona", last_name="MacLeod", groups=["Editor"])
    ensure_roles()
    requested = []
    page.on("request", lambda request: requested.append(request.url))

    page.goto("/accounts/login/?next=/admin/")
    assert axe(page) == []
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    # Not a glob: "**/admin/" also matches the sign-in address itself (?next=/admin/).
    page.wait_for_url(lambda url: url.endswith("/admin/"))

    page.goto(f"/admin/pages/add/public_site/standardpage/{home.pk}/")
    page.locator("#id_title").fill("Seasonal work guidance")
    page.locator("#id_intro").fill("What agencies must do before the harvest.")
    page.get_by_role("button", name="More actions").last.click()
    page.locator('button[name="action-publish"]').click()
    page.get_by_text("published").first.wait_for()

    published = Page.objects.get(title="Seasonal work guidance")
    assert published.live and published.get_parent().pk == home.pk
    page.goto(published.url)
    page.get_by_role("heading", name="Seasonal work guidance").wait_for()
    assert axe(page) == []

    outside = [
        url
        for url in requested
        if urlsplit(url).scheme in ("http", "https")
        and urlsplit(url).hostname not in ("localhost", "127.0.0.1")
    ]
    assert outside == []
