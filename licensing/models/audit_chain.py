"""The audit trail's hash chain: each entry stores the hash of the entry before it and the
hash of its own canonical content, so that an entry changed, removed or inserted out of turn
behind the database's back (a restore, a superuser's SQL) breaks the chain at that point.

Writers append one at a time: the chain head (one row) is locked for the rest of the
writer's transaction, so two transactions can never both link to the same previous entry
and fork the chain. ``manage.py verify_audit`` walks the chain.
"""

import hashlib
import json
from datetime import UTC

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64


class AuditChainHead(models.Model):
    """The one row holding the hash of the latest audit entry."""

    last_hash = models.CharField(_("hash of the latest entry"), max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("audit chain head")
        default_permissions = ()

    def __str__(self):
        return self.last_hash

    @classmethod
    def locked(cls) -> "AuditChainHead":
        """The head, locked until the caller's transaction ends (created on first use)."""
        cls.objects.get_or_create(pk=1)
        return cls.objects.select_for_update().get(pk=1)


def canonical_content(entry) -> bytes:
    """The entry's content as canonical JSON (sorted keys, no spaces, UTC time): what its
    hash covers, including the previous entry's hash."""
    at = entry.at
    content = {
        "at": at.astimezone(UTC).isoformat() if at else None,
        "actor_id": entry.actor_id,
        "actor_name": entry.actor_name,
        "action": str(entry.action),
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "provider_id": entry.provider_id,
        "application_id": entry.application_id,
        "licence_id": entry.licence_id,
        "from_state": entry.from_state,
        "to_state": entry.to_state,
        "reason": entry.reason,
        "is_public": entry.is_public,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(
        content, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


def content_hash(entry) -> str:
    return hashlib.sha256(canonical_content(entry)).hexdigest()
