"""Additional licence conditions from the agency's side: the evidence it sends, and the
reminders it gets as a due date nears or passes."""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.models import AuditAction, Document, LicenceCondition
from licensing.notifications import provider_recipients, queue_email
from licensing.workflow import ServiceError, audit, require_member
from portal.models import ConditionEvidence, ConditionReminder
from portal.services.documents import document_upload

CONDITION_DUE_SOON_DAYS = 14


def condition_evidence_submit(*, condition, actor, text: str, file=None) -> ConditionEvidence:
    """The agency shows how it met an additional licence condition; an officer then decides."""
    provider = condition.licence.provider
    require_member(actor, provider)
    if condition.state != LicenceCondition.State.OPEN:
        raise ServiceError(_("This condition is no longer open."))
    if not text.strip():
        raise ServiceError(_("Say what you did to meet the condition."))
    with transaction.atomic():
        document = None
        if file is not None:
            document = document_upload(
                actor=actor,
                provider=provider,
                file=file,
                kind=Document.Kind.EVIDENCE,
                condition=condition,
            )
        evidence = ConditionEvidence.objects.create(
            condition=condition, text=text, document=document, submitted_by=actor
        )
        audit(
            actor=actor,
            action=AuditAction.CONDITION_EVIDENCE_SUBMITTED,
            obj=condition,
            data={"evidence": evidence.pk, "condition": condition.pk},
        )
    return evidence


def condition_deadline_reminders_send(*, today: date | None = None) -> int:
    """Email providers about open conditions due within 14 days, and once more when overdue.

    Each reminder is recorded per condition, kind and due date in the same transaction as the
    queued email, so running the job twice sends nothing twice; a new due date reminds afresh.
    """
    today = today or timezone.localdate()
    sent = 0
    batches = [
        (
            ConditionReminder.Kind.DUE_SOON,
            LicenceCondition.objects.filter(
                state=LicenceCondition.State.OPEN,
                due_date__gte=today,
                due_date__lte=today + timedelta(days=CONDITION_DUE_SOON_DAYS),
            ),
        ),
        (
            ConditionReminder.Kind.OVERDUE,
            LicenceCondition.objects.filter(state=LicenceCondition.State.OPEN, due_date__lt=today),
        ),
    ]
    for kind, conditions in batches:
        for condition in conditions.select_related("licence__provider"):
            try:
                with transaction.atomic():
                    ConditionReminder.objects.create(
                        condition=condition, kind=kind, due_date=condition.due_date
                    )
                    audit(
                        actor=None,
                        action=AuditAction(f"condition_reminder_{kind}"),
                        obj=condition,
                        data={"due_date": str(condition.due_date)},
                    )
                    queue_email(
                        to=provider_recipients(condition.licence.provider),
                        language=condition.licence.provider.language,
                        template=f"portal/email/condition_{kind}.txt",
                        context={
                            "condition": condition,
                            "licence": condition.licence,
                            "url": settings.SITE_URL
                            + reverse("portal:condition", args=[condition.pk]),
                        },
                    )
            except IntegrityError:
                continue
            sent += 1
    return sent
