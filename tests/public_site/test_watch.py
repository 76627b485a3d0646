import re

import pytest
from django.core import mail

from licensing import services as licensing_services
from public_register import services
from public_register.models import Watch, WatchDelivery, Watcher
from tests.factories import PersonFactory, ProviderRoleFactory
from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db


def confirm_link(message):
    return re.search(r"http://testserver(/register/watch/confirm/[^/\s]+/)", message.body)[1]


def manage_link(message):
    return re.search(r"http://testserver(/register/watch/manage/[^/\s]+/)", message.body)[1]


@pytest.fixture
def watched(anonymous, django_capture_on_commit_callbacks):
    """An employer who asked to watch a licence and confirmed by email."""
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=staff())
    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous.post(
            "/register/watch/",
            {"email": "Buyer@Farm.example", "providers": licence.urn.lower()},
        )
    assert response.status_code == 302
    mail.outbox.clear()
    return licence


def test_nothing_is_sent_until_the_address_is_confirmed(
    anonymous, django_capture_on_commit_callbacks
):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    with django_capture_on_commit_callbacks(execute=True):
        anonymous.post(
            "/register/watch/", {"email": "buyer@farm.example", "providers": licence.urn}
        )
    assert len(mail.outbox) == 1
    confirmation = mail.outbox[0]
    assert "Anglia Crew Ltd" in confirmation.body
    licensing_services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_watch_alerts() == 0
    assert len(mail.outbox) == 1

    # A GET (a mail scanner) confirms nothing; the button does.
    anonymous.get(confirm_link(confirmation))
    assert Watch.objects.get().confirmed_at is None
    anonymous.post(confirm_link(confirmation))
    assert Watch.objects.get().confirmed_at is not None


def test_a_confirmed_watcher_is_told_once_about_a_suspension(
    watched, anonymous, django_capture_on_commit_callbacks
):
    confirmation_token = Watch.objects.get().confirmation_token
    anonymous.post(f"/register/watch/confirm/{confirmation_token}/")
    licensing_services.licence_suspend(licence=watched, actor=staff("s2"), reason="Debt bondage")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_watch_alerts() == 1
        assert services.send_watch_alerts() == 0

    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["buyer@farm.example"]
    assert "Licence suspended" in alert.body
    assert watched.urn in alert.body
    assert "Debt bondage" not in alert.body
    assert "/register/watch/manage/" in alert.body
    assert WatchDelivery.objects.count() == 1


def test_alerts_cover_conditions_and_named_individuals(
    watched, anonymous, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from licensing import workflow
    from licensing.services import ConditionSpec

    Watch.objects.update(confirmed_at=timezone.now() - timedelta(minutes=1))
    actor = staff("s3")
    licensing_services.licence_impose_conditions(
        licence=watched,
        actor=actor,
        conditions=[ConditionSpec(text="Itemised payslips", due_date=timezone.localdate())],
    )
    ProviderRoleFactory(provider=watched.provider, person=PersonFactory(full_name="New Pa"))
    workflow.audit(
        actor=actor,
        action="named_individuals_changed",
        obj=watched.provider,
        public=True,
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.send_watch_alerts()

    body = mail.outbox[0].body
    assert "Additional licence conditions imposed" in body
    assert "Named individuals changed" in body


def test_an_entry_committed_late_with_a_lower_id_is_still_sent(
    watched, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from public_register.models import WatchCursor

    Watch.objects.update(confirmed_at=timezone.now() - timedelta(minutes=1))
    licensing_services.licence_suspend(licence=watched, actor=staff("s4"), reason="x")
    # Another run already moved the cursor past it (an entry with a higher id committed first).
    WatchCursor.objects.update_or_create(pk=1, defaults={"last_entry_id": 10**9})

    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_watch_alerts() == 1


def test_the_unsubscribe_link_stops_alerts_and_forgets_the_address(
    watched, anonymous, django_capture_on_commit_callbacks
):
    watcher = Watcher.objects.get()

    page = anonymous.get(f"/register/watch/manage/{watcher.token}/")
    assert "Anglia Crew Ltd" in page.content.decode()
    anonymous.post(f"/register/watch/manage/{watcher.token}/")

    assert not Watch.objects.exists()
    assert not Watcher.objects.exists()


def test_unknown_licence_numbers_get_a_clear_message(anonymous):
    response = anonymous.post(
        "/register/watch/", {"email": "buyer@farm.example", "providers": "NOPE0001, zz"}
    )

    assert response.status_code == 200
    assert "We found no licence numbered ZZ, NOPE0001" in response.content.decode()
    assert "buyer@farm.example" in response.content.decode()


def test_the_watch_command_runs(watched, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_watch_alerts")


def test_the_addresses_emailed_to_watchers_are_the_pages_that_serve_them():
    from django.urls import reverse

    from public_register.services import watch_confirm_path, watch_manage_path

    assert watch_confirm_path("tok3n") == reverse("public_site:watch_confirm", args=["tok3n"])
    assert watch_manage_path("tok3n") == reverse("public_site:watch_manage", args=["tok3n"])
