"""Named personas shared by every test module.

- applicant_a / applicant_b: Principal Authorities of agency A and agency B
- licensing_officer, inspector, decision_maker, administrator, editor: regulator staff
- anonymous: an anonymous visitor (a fresh test client)
"""

import pytest
from django.core.cache import cache
from django.test import Client

from tests.audit_probe import audited_transitions  # noqa: F401 (a fixture for test modules)
from tests.factories import LabourProviderFactory, OrganisationMemberFactory, UserFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: stored pages and rate-limit counts from one
    test must not answer another's requests."""
    cache.clear()


@pytest.fixture(autouse=True)
def one_step_policy(request, monkeypatch):
    """Most tests drive one step at a time with one officer and no inspection: they run with
    the four-eyes rule and the inspection requirement off. Tests marked `policy_defaults` (the
    separation-of-duties tests and the demo) run with the regulator's defaults."""
    if request.node.get_closest_marker("policy_defaults"):
        return
    from licensing.models import LicensingPolicy

    original = LicensingPolicy.load.__func__

    def load(cls, *args, **kwargs):
        policy = original(cls, *args, **kwargs)
        policy.four_eyes_decisions = False
        policy.application_inspection_required = False
        return policy

    monkeypatch.setattr(LicensingPolicy, "load", classmethod(load))


@pytest.fixture
def agency_a(db):
    return LabourProviderFactory(
        legal_name="Anglia Field Labour Ltd", email="office@anglia.example"
    )


@pytest.fixture
def agency_b(db):
    return LabourProviderFactory(
        legal_name="Baltic Crew Recruitment Ltd", email="office@baltic.example"
    )


@pytest.fixture
def applicant_a(agency_a):
    user = UserFactory(
        username="applicant_a", email="pa@anglia.example", first_name="Ada", last_name="Applicant"
    )
    OrganisationMemberFactory(provider=agency_a, user=user)
    return user


@pytest.fixture
def applicant_b(agency_b):
    user = UserFactory(
        username="applicant_b", email="pa@baltic.example", first_name="Bo", last_name="Baltic"
    )
    OrganisationMemberFactory(provider=agency_b, user=user)
    return user


@pytest.fixture
def licensing_officer(db):
    return UserFactory(
        username="officer", first_name="Olive", last_name="Officer", groups=["Licensing officer"]
    )


@pytest.fixture
def inspector(db):
    return UserFactory(
        username="inspector", first_name="Ian", last_name="Inspector", groups=["Inspector"]
    )


@pytest.fixture
def decision_maker(db):
    return UserFactory(
        username="decider", first_name="Dee", last_name="Decider", groups=["Decision maker"]
    )


@pytest.fixture
def administrator(db):
    return UserFactory(
        username="admin", first_name="Ann", last_name="Admin", groups=["Administrator"]
    )


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", first_name="Ed", last_name="Editor", groups=["Editor"])


@pytest.fixture
def anonymous():
    return Client()


@pytest.fixture
def client_for(client):
    """Sign a persona in: `client_for(licensing_officer)`. Uses force_login (no password checks)."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# Browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    import os

    if not os.path.exists(CHROMIUM):
        message = "Chromium is not installed: apt-get install -y chromium"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop; Django refuses ORM calls from it otherwise.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(bypass_csp=True, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def axe():
    """`axe(page)` injects axe-core and returns the WCAG 2.2 A/AA violations on the page."""
    from pathlib import Path

    script = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
    if not script.exists():
        pytest.fail("axe-core is missing: run `npm install` (./dev test does it)")

    def run(page):
        page.add_script_tag(path=str(script))
        return page.evaluate(
            """() => axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})
                .then(r => r.violations.map(v => ({id: v.id, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' '))})))"""
        )

    return run


# The real Redis: CI sets REQUIRE_REDIS=1 and its own TEST_REDIS_URL.


def redis_settings(url: str, prefix: str) -> dict:
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


@pytest.fixture
def redis_cache(settings):
    """The default cache becomes the real Redis, under a key prefix of this test's own.

    Yields a function that makes another, independent client of the same Redis (another
    worker process's view of the cache).
    """
    import os
    import uuid

    import redis

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/6")
    server = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        server.ping()
    except redis.RedisError as exc:
        message = f"Redis is not reachable at {url} ({exc.__class__.__name__}): set TEST_REDIS_URL"
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(message)
        pytest.skip(message)
    from django.core.cache.backends.redis import RedisCache

    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {"default": redis_settings(url, prefix)}

    def another_client():
        options = redis_settings(url, prefix)
        return RedisCache(options.pop("LOCATION"), options)

    yield another_client
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    server.close()
