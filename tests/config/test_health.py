"""/healthz, the system check for a shared cache, and the real Redis behind the cache."""

import time
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore
from django.core.checks import run_checks
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from licensing.tasks import send_email
from public_site import views as public_site_views
from tests.public_site.test_report import REPORT

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db
def test_healthz_is_green_with_the_database_and_redis_working(anonymous, redis_cache):
    response = anonymous.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "database": "ok",
        "cache": "ok",
        "tasks": "not checked",
        "status": "ok",
    }


@pytest.mark.django_db
def test_healthz_answers_503_naming_the_cache_when_redis_is_down(anonymous, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }

    response = anonymous.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["database"] == "ok"
    assert body["cache"] == "error" and body["cache_error"] == "ConnectionError"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_oldest_waiting_task_is_too_old(anonymous, settings):
    settings.TASKS = DATABASE_TASKS
    settings.HEALTH_TASK_MAX_AGE_SECONDS = 600
    send_email.enqueue(to=["a@example.org"], subject="Hello", body="Hello")

    fresh = anonymous.get("/healthz")
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=11))
    stale = anonymous.get("/healthz")
    DBTaskResult.objects.update(status="SUCCESSFUL")
    done = anonymous.get("/healthz")

    assert fresh.status_code == 200 and fresh.json()["tasks"] == "ok"
    assert stale.status_code == 503
    assert stale.json()["tasks"] == "error"
    assert stale.json()["tasks_error"] == "TaskQueueStalled"
    assert done.status_code == 200


def test_with_debug_off_a_local_memory_cache_is_a_system_check_error(settings):
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    without_redis = [message.id for message in run_checks(tags=["caches"])]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    with_redis = [message.id for message in run_checks(tags=["caches"])]

    assert "core.E001" in without_redis
    assert "core.E001" not in with_redis


@pytest.mark.django_db
def test_the_report_limit_counts_across_two_workers_in_redis(anonymous, settings, redis_cache):
    for _ in range(public_site_views.REPORTS_PER_HOUR):
        assert anonymous.post("/report/", REPORT, REMOTE_ADDR="203.0.113.9").status_code == 302
    # A second worker: the same Redis through a new client and connection pool.
    settings.CACHES = {"default": dict(settings.CACHES["default"])}

    blocked = anonymous.post("/report/", REPORT, REMOTE_ADDR="203.0.113.9")
    hour = int(time.time() // 3600)

    assert blocked.status_code == 200
    assert redis_cache().get(f"ratelimit:report:203.0.113.9:{hour}") == 6
    assert "several reports in the last hour" in blocked.content.decode()


@pytest.mark.django_db
def test_sessions_are_kept_in_redis(client_for, licensing_officer, settings, redis_cache):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = client_for(licensing_officer)
    session_key = client.cookies["sessionid"].value

    stored = redis_cache().get(SessionStore(session_key).cache_key)

    assert stored["_auth_user_id"] == str(licensing_officer.pk)
