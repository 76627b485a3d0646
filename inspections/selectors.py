"""Reads shared by the office pages, the public site and the licensing decision."""

from dataclasses import dataclass
from datetime import datetime

from inspections.models import Concern, normalise_concern_reference


@dataclass(frozen=True)
class ConcernStatus:
    """What a reporter may see about their concern: nothing personal, nothing internal."""

    reference: str
    status: str
    status_label: str
    reported_at: datetime
    updated_at: datetime
    is_closed: bool


def concern_status_for_reporter(reference: str) -> ConcernStatus | None:
    """The status of the concern with this reference, or None when there is none."""
    normalised = normalise_concern_reference(reference)
    if not normalised:
        return None
    concern = Concern.objects.filter(reference=normalised).first()
    if concern is None:
        return None
    return ConcernStatus(
        reference=concern.reference,
        status=concern.state,
        status_label=str(concern.get_state_display()),
        reported_at=concern.reported_at,
        updated_at=concern.updated_at,
        is_closed=concern.state == Concern.State.CLOSED,
    )
