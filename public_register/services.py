"""Writes of the public register: watches on providers and the alerts they trigger.

Nobody signs in: the confirmation and unsubscribe links carry secret tokens. The
provider is never told who watches it, and watches are not in any audit trail that
regulator staff or providers read.
"""

import re
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from licensing.models import AuditAction, AuditEntry, Licence
from licensing.notifications import queue_email
from licensing.workflow import ServiceError
from public_register.licences import licence_url, register_url
from public_register.models import Watch, WatchCursor, WatchDelivery, Watcher
from public_register.words import HISTORY_SKIPPED, URN_PATTERN, status_words

MAX_WATCHES_PER_REQUEST = 50
# Audit entries are numbered when inserted but become visible when their transaction commits,
# so a lower number can appear after a higher one was processed. Each run looks again at the
# entries of the last few minutes; the delivery rows make sure nobody is told twice.
RESCAN_WINDOW = timedelta(minutes=15)


# Where watchers confirm and manage their watches: addresses emailed to them, so they must
# keep working; the public site's URLs serve these paths (a test holds the two together).
def watch_confirm_path(token: str) -> str:
    return f"/register/watch/confirm/{token}/"


def watch_manage_path(token: str) -> str:
    return f"/register/watch/manage/{token}/"


def parse_urns(text: str) -> list[str]:
    return list(dict.fromkeys(part.upper() for part in re.split(r"[\s,;]+", text or "") if part))


def watch_request(*, email: str, urns: list[str], language: str = "en") -> list[Watch]:
    """Ask to watch the providers holding these licences; nothing is sent until the owner of
    the address confirms with the link we email (so nobody can sign somebody else up)."""
    email = (email or "").strip().lower()
    if not email:
        raise ServiceError(_("Enter your email address."))
    if not urns:
        raise ServiceError(_("Enter at least one licence number."))
    if len(urns) > MAX_WATCHES_PER_REQUEST:
        raise ServiceError(
            _("Watch at most %(count)d providers at a time.") % {"count": MAX_WATCHES_PER_REQUEST}
        )
    bad = [urn for urn in urns if not URN_PATTERN.match(urn)]
    licences = {
        licence.urn: licence
        for licence in Licence.objects.filter(
            urn__in=[u for u in urns if u not in bad]
        ).select_related("provider")
    }
    unknown = bad + [urn for urn in urns if urn not in bad and urn not in licences]
    if unknown:
        raise ServiceError(
            _("We found no licence numbered %(urns)s. Check the numbers on the register.")
            % {"urns": ", ".join(unknown)}
        )
    with transaction.atomic():
        watcher, _created = Watcher.objects.get_or_create(
            email=email, defaults={"language": language}
        )
        token = Watch._meta.get_field("confirmation_token").default()
        watches = []
        for urn in urns:
            watch, created = Watch.objects.get_or_create(
                watcher=watcher,
                provider=licences[urn].provider,
                defaults={"confirmation_token": token},
            )
            if not created and watch.confirmed_at is None:
                watch.confirmation_token = token
                watch.save(update_fields=["confirmation_token"])
            watches.append(watch)
        pending = [w for w in watches if w.confirmed_at is None]
        if pending:
            queue_email(
                to=[watcher.email],
                template="public_register/email/watch_confirm.txt",
                context={
                    "providers": [w.provider for w in pending],
                    "confirm_url": settings.SITE_URL + watch_confirm_path(token),
                    "manage_url": _manage_url(watcher),
                },
                language=language,
            )
    return watches


def watch_confirm(*, token: str) -> list[Watch]:
    """Confirm the watches requested together; confirming twice changes nothing."""
    with transaction.atomic():
        watches = list(
            Watch.objects.select_for_update()
            .filter(confirmation_token=token)
            .select_related("provider", "watcher")
        )
        if not watches:
            raise ServiceError(
                _("This confirmation link is not valid. It may have been replaced by a newer one.")
            )
        now = timezone.now()
        for watch in watches:
            if watch.confirmed_at is None:
                watch.confirmed_at = now
                watch.save(update_fields=["confirmed_at"])
    return watches


def watch_stop(*, watcher_token: str, provider_id: int | None = None) -> int:
    """Stop one watch, or every watch of the address when no provider is given."""
    with transaction.atomic():
        watcher = Watcher.objects.filter(token=watcher_token).first()
        if watcher is None:
            raise ServiceError(_("This link is not valid."))
        watches = watcher.watches.all()
        if provider_id is not None:
            watches = watches.filter(provider_id=provider_id)
        count, _detail = watches.delete()
        if not watcher.watches.exists():
            # Nothing left to send: forget the address itself.
            watcher.delete()
    return count


def _manage_url(watcher) -> str:
    return settings.SITE_URL + watch_manage_path(watcher.token)


def send_watch_alerts(*, now=None) -> int:
    """Email every confirmed watcher about new public changes to the providers they watch.

    Idempotent and safe to run from cron every few minutes, or twice at once: the cursor row
    is locked for the run, and a unique (watch, entry) delivery row records each alert in
    the same transaction that queues its email. Returns the number of emails queued.
    """
    now = now or timezone.now()
    with transaction.atomic():
        cursor, _created = WatchCursor.objects.get_or_create(pk=1)
        cursor = WatchCursor.objects.select_for_update().get(pk=cursor.pk)
        entries = list(
            AuditEntry.objects.filter(is_public=True, provider__isnull=False)
            .filter(Q(pk__gt=cursor.last_entry_id) | Q(at__gte=now - RESCAN_WINDOW))
            .exclude(action__in=HISTORY_SKIPPED)
            .order_by("pk")
        )
        if not entries:
            return 0
        by_provider = defaultdict(list)
        for entry in entries:
            by_provider[entry.provider_id].append(entry)
        watches = list(
            Watch.objects.filter(
                provider_id__in=by_provider, confirmed_at__isnull=False
            ).select_related("watcher", "provider")
        )
        done = set(
            WatchDelivery.objects.filter(
                watch__in=watches, entry_id__in=[e.pk for e in entries]
            ).values_list("watch_id", "entry_id")
        )
        per_watcher = defaultdict(list)
        deliveries = []
        for watch in watches:
            for entry in by_provider[watch.provider_id]:
                # Only tell watchers about what happened after they started watching.
                if (watch.pk, entry.pk) in done or entry.at < watch.confirmed_at:
                    continue
                deliveries.append(WatchDelivery(watch=watch, entry_id=entry.pk))
                per_watcher[watch.watcher].append((watch.provider, entry))
        WatchDelivery.objects.bulk_create(deliveries)
        for watcher, changes in per_watcher.items():
            with translation.override(watcher.language):
                described = _describe(changes)
            queue_email(
                to=[watcher.email],
                template="public_register/email/watch_alert.txt",
                context={"changes": described, "manage_url": _manage_url(watcher)},
                language=watcher.language,
            )
        cursor.last_entry_id = max(cursor.last_entry_id, entries[-1].pk)
        cursor.save(update_fields=["last_entry_id", "updated_at"])
    return len(per_watcher)


def _describe(changes):
    licences = {
        licence.pk: licence
        for licence in Licence.objects.filter(pk__in={e.licence_id for _p, e in changes})
    }
    described = []
    for provider, entry in changes:
        licence = licences.get(entry.licence_id)
        described.append(
            {
                "provider": provider.legal_name,
                "urn": licence.urn if licence else "",
                "what": AuditAction.wording(entry.action),
                "status": status_words(licence.state) if licence else "",
                "at": entry.at,
                "url": licence_url(licence.urn) if licence else register_url(),
            }
        )
    return described
