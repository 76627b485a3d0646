"""What a licence holder asks for: a renewal, a change of circumstances, a surrender. Each
opens a draft application that the holder checks and submits."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing import selectors as licensing_selectors
from licensing import services
from licensing.models import Application, AuditAction
from licensing.workflow import ServiceError, audit, require_can_act
from portal import selectors


def renewal_start(*, licence, actor) -> Application:
    """Resume the open renewal, or open one prefilled from the register."""
    require_can_act(actor, licence.provider)
    refusal = selectors.renewal_refusal(licence)
    if refusal:
        raise ServiceError(refusal)
    existing = licensing_selectors.open_renewal(licence)
    if existing is not None:
        return existing
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=Application.Kind.RENEWAL, actor=actor, licence=licence
        )
        application.answers = selectors.prefill_answers(licence.provider)
        last = (
            licence.provider.applications.exclude(declared_turnover=None)
            .exclude(pk=application.pk)
            .order_by("-created_at")
            .first()
        )
        if last is not None:
            application.answers["turnover"] = {"turnover": str(last.declared_turnover)}
            application.declared_turnover = last.declared_turnover
        application.save(update_fields=["answers", "declared_turnover", "updated_at"])
    return application


def change_notify(*, licence, actor, what: str, date_of_change: date, changes: dict):
    """Open a change-of-circumstances draft holding the new values and the date of the change.
    A change of Principal Authority is its own kind: it needs the regulator's authorisation."""
    require_can_act(actor, licence.provider)
    refusal = selectors.change_refusal(licence)
    if refusal:
        raise ServiceError(refusal)
    if date_of_change > timezone.localdate():
        raise ServiceError(_("Notify a change once it has happened."))
    kind = Application.Kind.CHANGE_OF_PA if what == "pa" else Application.Kind.CHANGE
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=kind, actor=actor, licence=licence
        )
        application.changes = {
            **changes,
            "what": what,
            "date_of_change": date_of_change.isoformat(),
        }
        application.save(update_fields=["changes", "updated_at"])
        audit(
            actor=actor,
            action=AuditAction.CHANGE_NOTIFIED,
            obj=application,
            data={"what": what, "date_of_change": date_of_change.isoformat()},
        )
    return application


def surrender_start(*, licence, actor, reason: str) -> Application:
    """Open a surrender draft; the licence ends only when the regulator accepts it."""
    require_can_act(actor, licence.provider)
    refusal = selectors.surrender_refusal(licence)
    if refusal:
        raise ServiceError(refusal)
    with transaction.atomic():
        application = services.application_start(
            provider=licence.provider, kind=Application.Kind.SURRENDER, actor=actor, licence=licence
        )
        application.answers = {"surrender": {"reason": reason}}
        application.save(update_fields=["answers", "updated_at"])
    return application
