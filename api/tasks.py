from django_tasks import task

from api import webhooks


@task()
def send_webhooks() -> dict:
    """Queue deliveries for new public changes and post those that are due."""
    queued = webhooks.queue_deliveries()
    return {"queued": queued, **webhooks.send_due()}
