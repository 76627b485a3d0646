"""Every write to concerns, inspections, findings and recruitment-fee violations.

Same pattern as ``licensing.services``: keyword-only arguments, one transaction, a
permission check, the row locked, the django-fsm transition and an audit entry in the
same transaction.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from inspections.models import Concern, ConcernUpdate, normalise_concern_reference
from licensing.services import ServiceError, record_audit

DESCRIPTION_MAX_CHARS = 10_000


def _clean_text(text: str, *, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ServiceError(missing)
    if len(text) > DESCRIPTION_MAX_CHARS:
        raise ServiceError(
            _("Keep it under %(count)d characters.") % {"count": DESCRIPTION_MAX_CHARS}
        )
    return text


# Concerns from the public.


def concern_report(
    *,
    provider=None,
    provider_name: str = "",
    description: str,
    language: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Concern:
    """Record a concern from the public. Anyone may report, anonymously: there is no actor.

    The audit entry says that a concern arrived and nothing about who sent it: the
    reporter's details stay on the concern, where only permitted staff see them.
    """
    description = _clean_text(description, missing=_("Describe what happened."))
    if provider is None and not (provider_name or "").strip():
        raise ServiceError(_("Name the labour provider (or choose it from the register)."))
    with transaction.atomic():
        concern = Concern.objects.create(
            provider=provider,
            provider_name_given=(provider_name or "").strip()[:200],
            description=description,
            language=(language or "en")[:10],
            contact_name=(contact_name or "").strip()[:200],
            contact_email=(contact_email or "").strip(),
            contact_phone=(contact_phone or "").strip()[:40],
        )
        record_audit(
            actor=None,
            action="concern_reported",
            obj=concern,
            to_state=concern.state,
            data={"language": concern.language},
        )
    return concern


def _concern_by_reference(reference: str) -> Concern:
    normalised = normalise_concern_reference(reference)
    concern = Concern.objects.filter(reference=normalised).first() if normalised else None
    if concern is None:
        raise ServiceError(
            _(
                "We have no concern with the reference “%(reference)s”. Check it against the "
                "reference you were given, for example C-7K2M-9XQ4."
            )
            % {"reference": (reference or "").strip()[:20]}
        )
    return concern


def concern_add_information(*, reference: str, text: str) -> ConcernUpdate:
    """The reporter adds information to their concern using its reference."""
    text = _clean_text(text, missing=_("Write the information you want to add."))
    with transaction.atomic():
        concern = _concern_by_reference(reference)
        update = ConcernUpdate.objects.create(concern=concern, text=text, from_reporter=True)
        record_audit(
            actor=None,
            action="concern_information_added",
            obj=concern,
            data={"update": update.pk},
        )
    return update
