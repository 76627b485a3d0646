"""Two app servers (two gunicorn processes on different ports) sharing Redis: a rate limit
reached through one is enforced by the other, and a status change retires the cached pages
on both. Needs PostgreSQL (the servers read the committed test database) and TEST_REDIS_URL
(a Redis database the test may empty)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from licensing import services
from tests.public_site.factories import licensed_provider, staff

REDIS_URL = os.environ.get("TEST_REDIS_URL")
ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.skipif(
        not REDIS_URL or connection.vendor != "postgresql",
        reason="needs PostgreSQL and TEST_REDIS_URL",
    ),
    pytest.mark.django_db(transaction=True),
]
SHARED_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(base: str, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def servers(tmp_path):
    """Two gunicorn processes on the test database and the shared Redis."""
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "DEBUG": "true",
        "SECRET_KEY": "two-app-servers-test",
        "ALLOWED_HOSTS": "127.0.0.1",
        "API_ANONYMOUS_REQUESTS_PER_MINUTE": "3",
        "DATA_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    bases, processes = [], []
    for _ in range(2):
        port = free_port()
        processes.append(
            subprocess.Popen(
                [str(gunicorn), "config.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        bases.append(f"http://127.0.0.1:{port}")
    try:
        for base in bases:
            for _ in range(300):
                try:
                    if get(base, "/healthz")[0] == 200:
                        break
                except OSError:
                    time.sleep(0.1)
            else:
                pytest.fail(f"{base} did not start")
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def shared_cache():
    with override_settings(CACHES=SHARED_CACHE):
        from django.core.cache import cache

        cache.clear()
        yield cache


def test_a_rate_limit_reached_through_one_server_is_enforced_by_the_other(shared_cache, servers):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    first, second = servers

    assert [get(first, "/api/v1/licences/ANGL0001")[0] for _ in range(3)] == [200, 200, 200]
    assert get(second, "/api/v1/licences/ANGL0001")[0] == 429


def test_a_status_change_retires_the_cached_pages_on_both_servers(shared_cache, servers):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001", actor=actor)
    for base in servers:
        for _ in range(2):  # the second view is served from the cache
            status, page = get(base, "/register/ANGL0001/")
            assert status == 200 and "Suspended" not in page

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    for base in servers:
        status, page = get(base, "/register/ANGL0001/")
        assert status == 200
        assert "Suspended" in page
