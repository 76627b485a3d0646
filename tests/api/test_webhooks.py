"""Webhooks: signed posts for watched providers, retried with backoff, logged."""

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from api import webhooks
from api.models import WebhookDelivery, WebhookSubscription
from licensing import services, workflow
from licensing.models import AuditAction
from tests.api.factories import licensed

pytestmark = pytest.mark.django_db


class FakeSender:
    """Records posts and answers with the next status in `statuses` (an exception raises)."""

    def __init__(self, *statuses):
        self.statuses = list(statuses)
        self.posts = []

    def __call__(self, url, body, headers):
        self.posts.append((url, body, headers))
        status = self.statuses.pop(0) if self.statuses else 200
        if isinstance(status, Exception):
            raise status
        return status


@pytest.fixture
def licence():
    return licensed("Anglia Field Labour Ltd", urn="ANGL0001")


@pytest.fixture
def subscription(licence):
    subscription = WebhookSubscription.objects.create(
        organisation="Buyer plc", url="https://buyer.example/hooks", secret="s3cret"
    )
    subscription.providers.add(licence.provider)
    return subscription


def due_now():
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))


def test_a_watched_change_is_posted_signed(licence, subscription, decision_maker):
    other = licensed("Baltic Crew Recruitment Ltd", urn="BALT0001")
    services.licence_suspend(licence=licence, actor=decision_maker, reason="x")
    services.licence_suspend(licence=other, actor=decision_maker, reason="x")
    sender = FakeSender(200)

    assert webhooks.queue_deliveries() == 1
    assert webhooks.send_due(send=sender) == {"delivered": 1, "retry": 0, "failed": 0}

    url, body, headers = sender.posts[0]
    assert url == "https://buyer.example/hooks"
    payload = json.loads(body)
    assert payload["change"]["urn"] == "ANGL0001"
    assert payload["change"]["status"] == "suspended"
    expected = hmac.new(
        b"s3cret", headers["X-Register-Timestamp"].encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    assert headers["X-Register-Signature"] == f"sha256={expected}"
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "delivered"
    assert delivery.status_code == 200
    assert delivery.attempts == 1


def test_a_change_is_queued_once_however_often_the_sender_runs(licence, subscription):
    workflow.audit(actor=None, action="suspend", obj=licence, public=True)

    assert webhooks.queue_deliveries() == 1
    assert webhooks.queue_deliveries() == 0
    assert WebhookDelivery.objects.count() == 1


def test_a_failed_post_is_retried_with_growing_waits_then_delivered(licence, subscription):
    workflow.audit(actor=None, action="suspend", obj=licence, public=True)
    webhooks.queue_deliveries()
    sender = FakeSender(500, ConnectionError("refused"), 200)

    assert webhooks.send_due(send=sender)["retry"] == 1
    delivery = WebhookDelivery.objects.get()
    first_wait = delivery.next_attempt_at - delivery.last_attempt_at
    assert (delivery.state, delivery.attempts, delivery.status_code) == ("pending", 1, 500)
    assert delivery.failure == ""
    assert webhooks.send_due(send=sender) == {"delivered": 0, "retry": 0, "failed": 0}

    due_now()
    webhooks.send_due(send=sender)
    delivery.refresh_from_db()
    assert delivery.next_attempt_at - delivery.last_attempt_at == 2 * first_wait
    assert (delivery.status_code, delivery.failure) == (None, "ConnectionError")

    due_now()
    webhooks.send_due(send=sender)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == ("delivered", 3)


def test_it_gives_up_after_the_last_attempt(licence, subscription):
    workflow.audit(actor=None, action="suspend", obj=licence, public=True)
    webhooks.queue_deliveries()
    sender = FakeSender(*[503] * WebhookDelivery.MAX_ATTEMPTS)

    for _attempt in range(WebhookDelivery.MAX_ATTEMPTS):
        due_now()
        webhooks.send_due(send=sender)

    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "failed"
    assert delivery.attempts == WebhookDelivery.MAX_ATTEMPTS


def test_a_subscription_to_all_receives_every_public_change(licence, decision_maker):
    WebhookSubscription.objects.create(
        organisation="Data", url="https://d.example/", watch_all=True
    )
    other = licensed("Baltic Crew Recruitment Ltd", urn="BALT0001")
    services.licence_suspend(licence=licence, actor=decision_maker, reason="x")
    services.licence_suspend(licence=other, actor=decision_maker, reason="x")
    workflow.audit(actor=None, action=AuditAction.MESSAGE, obj=other)

    assert webhooks.queue_deliveries() == 2


def test_the_management_command_sends(licence, subscription, monkeypatch):
    from django.core.management import call_command

    sender = FakeSender(200)
    monkeypatch.setattr(webhooks, "post_json", sender)
    monkeypatch.setattr(webhooks.send_due, "__kwdefaults__", {"send": sender})
    workflow.audit(actor=None, action="suspend", obj=licence, public=True)

    call_command("send_webhooks")

    assert WebhookDelivery.objects.get().state == "delivered"
