"""/healthz for load balancers and monitoring: the database, the cache and the task queue.

Answers 200 with ``{"status": "ok", ...}`` when every part works, and 503 naming the part
that failed otherwise. Failures are reported by exception class only, never by message, so
no connection string or host name leaks.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

DATABASE_TASKS = "django_tasks_db.DatabaseBackend"


class CacheLostValue(Exception):
    """The cache answered but did not give back what was written."""


class TaskQueueStalled(Exception):
    """Tasks wait longer than HEALTH_TASK_MAX_AGE_SECONDS: no worker is taking them."""


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    read = cache.get(key)
    cache.delete(key)
    if read != value:
        raise CacheLostValue("the cache did not return what was written")
    return "ok"


def oldest_waiting_task_age() -> timedelta | None:
    """How long the oldest task due to run has been waiting for a worker (None: none wait)."""
    from django_tasks_db.models import DBTaskResult, TaskResultStatus, get_date_max

    now = timezone.now()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    # A task without a time to run after is due from when it was queued; one scheduled for
    # later is due from that time.
    due = [
        waiting.filter(run_after=get_date_max())
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first(),
        waiting.filter(run_after__lte=now)
        .exclude(run_after=get_date_max())
        .order_by("run_after")
        .values_list("run_after", flat=True)
        .first(),
    ]
    due = [moment for moment in due if moment is not None]
    return now - min(due) if due else None


def check_tasks() -> str:
    if settings.TASKS["default"]["BACKEND"] != DATABASE_TASKS:
        return "not checked"
    age = oldest_waiting_task_age()
    limit = timedelta(seconds=settings.HEALTH_TASK_MAX_AGE_SECONDS)
    if age is not None and age > limit:
        raise TaskQueueStalled(f"the oldest waiting task has waited {int(age.total_seconds())} s")
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "tasks": check_tasks}


@never_cache
def healthz(request):
    """Every check runs, so one answer names every failing part."""
    body = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            body[name] = check()
        except Exception as exc:  # any failure means "not healthy", never a 500 page
            healthy = False
            body[name] = "error"
            body[f"{name}_error"] = exc.__class__.__name__
            logger.error("Health check failed: %s: %s", name, exc)
    body["status"] = "ok" if healthy else "error"
    return JsonResponse(body, status=200 if healthy else 503)
