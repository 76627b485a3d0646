"""Checking the audit trail's hash chain (see ``licensing.models.audit_chain``)."""

from dataclasses import dataclass

from licensing.models import AuditChainHead, AuditEntry
from licensing.models.audit_chain import GENESIS, content_hash


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int | None
    problem: str


def verify_chain(*, chunk_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk every entry in insertion order; return how many were checked and the first
    break, if any: an entry whose content no longer matches its hash, or that does not
    link to the entry before it (one removed or inserted out of turn)."""
    previous, checked = GENESIS, 0
    for entry in AuditEntry.objects.order_by("pk").iterator(chunk_size=chunk_size):
        if entry.prev_hash != previous:
            return checked, ChainBreak(entry.pk, "does not link to the entry before it")
        if entry.entry_hash != content_hash(entry):
            return checked, ChainBreak(entry.pk, "content does not match its hash")
        previous, checked = entry.entry_hash, checked + 1
    head = AuditChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head is not None and head != previous:
        return checked, ChainBreak(None, "the latest entries were removed")
    return checked, None
