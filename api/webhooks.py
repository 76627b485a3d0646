"""Signed posts to organisations' webhooks when watched licences change.

The public changes sequence (``api.changes``) is the queue: each subscription keeps the
last position it queued, so nothing is skipped or queued twice. Deliveries are posted
outside any transaction (slow I/O), retried with exponential backoff, and logged.

Each post is JSON with two headers: ``X-Register-Timestamp`` (Unix seconds) and
``X-Register-Signature: sha256=<hex>``, the HMAC-SHA256 of ``"<timestamp>.<body>"``
with the subscription's secret. Receivers recompute it and reject old timestamps.

Addresses are vetted when saved and on every post (``api.egress``); of the answer only the
status code is kept, never its body.
"""

import hashlib
import hmac
import json
import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from api import changes
from api.egress import post_json
from api.models import PublicChange, WebhookDelivery, WebhookSubscription
from api.selectors import change_data

QUEUE_BATCH = 1000
SEND_BATCH = 200
LEASE = timedelta(minutes=5)

logger = logging.getLogger(__name__)

# (url, body, headers) → the answer's status code; raises when the post cannot be made.
Sender = Callable[[str, bytes, dict], int]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def queue_deliveries() -> int:
    """Queue a delivery for every new public change each active subscription watches."""
    changes.sequence_public_changes()
    queued = 0
    for subscription_id in WebhookSubscription.objects.filter(is_active=True).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            subscription = WebhookSubscription.objects.select_for_update().get(pk=subscription_id)
            batch = list(
                PublicChange.objects.filter(position__gt=subscription.last_position)
                .select_related("entry", "entry__licence", "entry__provider")
                .order_by("position")[:QUEUE_BATCH]
            )
            if not batch:
                continue
            watched = None
            if not subscription.watch_all:
                watched = set(subscription.providers.values_list("pk", flat=True))
            deliveries = []
            for change in batch:
                entry = change.entry
                provider_id = entry.provider_id or (
                    entry.licence.provider_id if entry.licence else None
                )
                if watched is not None and provider_id not in watched:
                    continue
                payload = {"event": "register.change", "change": change_data(change)}
                deliveries.append(
                    WebhookDelivery(
                        subscription=subscription,
                        change=change,
                        payload=json.loads(json.dumps(payload, cls=DjangoJSONEncoder)),
                    )
                )
            WebhookDelivery.objects.bulk_create(deliveries, ignore_conflicts=True)
            subscription.last_position = batch[-1].position
            subscription.save(update_fields=["last_position"])
            queued += len(deliveries)
    return queued


def _claim_due() -> list[int]:
    """Lease due deliveries so that two senders running at once never post one twice."""
    now = timezone.now()
    with transaction.atomic():
        due = (
            WebhookDelivery.objects.filter(
                state=WebhookDelivery.State.PENDING,
                next_attempt_at__lte=now,
                subscription__is_active=True,
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)
        )
        if connection.vendor == "postgresql":
            due = due.select_for_update(skip_locked=True, of=("self",))
        ids = list(due[:SEND_BATCH])
        WebhookDelivery.objects.filter(pk__in=ids).update(next_attempt_at=now + LEASE)
    return ids


def send_due(*, send: Sender = post_json) -> dict[str, int]:
    """Post every delivery that is due; returns how many were delivered, retried, given up."""
    counts = {"delivered": 0, "retry": 0, "failed": 0}
    for pk in _claim_due():
        delivery = WebhookDelivery.objects.select_related("subscription").get(pk=pk)
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        timestamp = int(time.time())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "labour-licensing-webhooks/1",
            "X-Register-Timestamp": str(timestamp),
            "X-Register-Signature": signature(delivery.subscription.secret, timestamp, body),
            "X-Register-Delivery": str(delivery.pk),
        }
        failure = ""
        try:
            status = send(delivery.subscription.url, body, headers)
        except Exception as exc:  # noqa: BLE001 - any network failure is retried
            # The kind of failure only: a message could carry what an internal host said.
            status, failure = None, type(exc).__name__
            logger.warning("Webhook delivery %s failed: %s", pk, failure)
        with transaction.atomic():
            delivery = WebhookDelivery.objects.select_for_update().get(pk=pk)
            if delivery.state != WebhookDelivery.State.PENDING:
                continue
            if status is not None and 200 <= status < 300:
                delivery.delivered(status_code=status)
                counts["delivered"] += 1
            elif delivery.attempts + 1 >= WebhookDelivery.MAX_ATTEMPTS:
                delivery.give_up(status_code=status, failure=failure)
                counts["failed"] += 1
            else:
                delivery.retry_later(status_code=status, failure=failure)
                counts["retry"] += 1
            delivery.save()
    return counts
