"""Identity changes: a changed VAT number opens an officer's review that decides whether the
licence continues or expires. (A changed company number ends the licence at once: see
``decisions._apply_changes``.)"""

from django.db import transaction
from django.utils.translation import gettext as _

from licensing import notifications
from licensing.models import AuditAction, IdentityReview
from licensing.services.licences import MANAGE_LICENCE, licence_end
from licensing.workflow import ServiceError, audit, lock, require_office, transition


def identity_review_open(*, licence, actor, old_vat_number: str, new_vat_number: str):
    """Open a review of a changed VAT number (inside the caller's transaction)."""
    review = IdentityReview.objects.create(
        licence=licence,
        provider=licence.provider,
        old_vat_number=old_vat_number,
        new_vat_number=new_vat_number,
    )
    audit(
        actor=actor,
        action=AuditAction.IDENTITY_REVIEW_OPENED,
        obj=licence,
        data={"review": review.pk, "from": old_vat_number, "to": new_vat_number},
    )
    return review


def identity_review_decide(*, review, actor, expire: bool, reason: str) -> IdentityReview:
    """Decide a VAT review: the licence continues, or it expires at once (public)."""
    require_office(actor, MANAGE_LICENCE, review.provider)
    if not reason.strip():
        raise ServiceError(_("Give the reason for the decision."))
    with transaction.atomic():
        review = lock(review)
        name = "expire_licence" if expire else "continue_licence"
        transition(
            review,
            name,
            actor=actor,
            reason=reason,
            officer=actor,
            explanation=reason,
            data={"licence": review.licence.urn},
        )
        if expire:
            licence = lock(review.licence)
            if licence.is_in_force:
                licence_end(
                    licence,
                    "expire",
                    actor=actor,
                    reason=_(
                        "The VAT number changed and the business is a different legal entity: "
                        "apply for a new licence."
                    ),
                    data={"vat_number": review.new_vat_number},
                )
                notifications.licence_status_changed(licence, reason)
    return review
