"""The public register's vocabulary: statuses in plain words, and what a licence number
looks like. Shared by the register pages, the record PDF, the API and the alerts."""

import re

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from licensing.models import Licence, RegisterEntry

URN_PATTERN = re.compile(r"^[A-Za-z]{4}\d{4}$")

REFUSED = RegisterEntry.REFUSED
PENDING = RegisterEntry.PENDING

# Register statuses in plain words, for people who do not know the regulator's terms.
STATUS_WORDS = {
    Licence.State.ACTIVE: _("Licensed"),
    Licence.State.ACTIVE_WITH_CONDITIONS: _("Licensed with additional conditions"),
    Licence.State.SUSPENDED: _("Suspended: must not supply workers"),
    Licence.State.REVOKED: _("Revoked: no longer licensed"),
    Licence.State.SURRENDERED: _("Surrendered: no longer licensed"),
    Licence.State.EXPIRED: _("Expired: no longer licensed"),
    REFUSED: _("Refused: application for a licence refused"),
    PENDING: _("Application pending: not licensed yet"),
}

STATUS_CHOICES = [
    (Licence.State.ACTIVE.value, _("Licensed")),
    (Licence.State.ACTIVE_WITH_CONDITIONS.value, _("Licensed with additional conditions")),
    (Licence.State.SUSPENDED.value, _("Suspended")),
    (Licence.State.REVOKED.value, _("Revoked")),
    (Licence.State.SURRENDERED.value, _("Surrendered")),
    (Licence.State.EXPIRED.value, _("Expired")),
    (REFUSED, _("Refused")),
    (PENDING, _("Application pending")),
]

# Whether a status lets the provider supply workers: drives the colour of the status tag.
STATUS_TONE = {
    Licence.State.ACTIVE: "good",
    Licence.State.ACTIVE_WITH_CONDITIONS: "warn",
    Licence.State.SUSPENDED: "bad",
    Licence.State.REVOKED: "bad",
    Licence.State.SURRENDERED: "bad",
    Licence.State.EXPIRED: "bad",
    REFUSED: "bad",
    PENDING: "warn",
}

# Application-level twins of "licence_granted": the licence entry already says it.
HISTORY_SKIPPED = {"grant", "grant_with_conditions", "fast_track_renewal"}


def status_words(status: str) -> str:
    return str(STATUS_WORDS.get(status, status))


def public_status(state: str) -> str:
    """The state when the register shows it (a licence state, refused or pending), else "":
    audit entries also move applications and decisions through states the public never sees."""
    return state if state in STATUS_WORDS else ""


def normalise_urn(text: str) -> str | None:
    """A licence number as stored (upper case, no surrounding spaces), or None when the text
    cannot be one."""
    urn = (text or "").strip().upper()
    return urn if URN_PATTERN.match(urn) else None


def country_names(codes: list[str]) -> list[str]:
    return [str(countries.name(code)) or code for code in codes]
