from django.core.cache import cache
from django_tasks import task

from api import exports, webhooks


@task()
def send_webhooks() -> dict:
    """Queue deliveries for new public changes and post those that are due."""
    queued = webhooks.queue_deliveries()
    return {"queued": queued, **webhooks.send_due()}


@task()
def rebuild_open_data() -> dict:
    """Rebuild the open-data files after the register changed."""
    return {"rebuilt": exports.rebuild_after_change()}


def schedule_rebuild(**kwargs) -> None:
    """After a committed change: queue one rebuild (a burst of changes queues one task; the
    task clears the mark before it reads the register, so no change is missed)."""
    if cache.add(exports.QUEUED_KEY, 1, timeout=3600):
        rebuild_open_data.enqueue()
