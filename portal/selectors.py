"""Reads for the agency portal. Every lookup is filtered by the user's active memberships:
another organisation's records are simply not found (404), never "forbidden"."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from licensing.calendar import working_days_between
from licensing.models import (
    Application,
    AuditEntry,
    CaseMessage,
    Document,
    Licence,
    LicenceCondition,
    LicensingPolicy,
)
from registry import selectors as registry_selectors

# Who acts for which provider is the registry's to say; re-exported for the portal's views.
memberships = registry_selectors.memberships
membership = registry_selectors.membership
can_act = registry_selectors.can_act
is_principal_authority = registry_selectors.is_principal_authority


def _mine(user) -> Q:
    return Q(provider__members__user=user, provider__members__is_active=True)


def applications_for(user):
    return (
        Application.objects.filter(_mine(user))
        .select_related("provider", "licence")
        .distinct()
        .order_by("-created_at")
    )


def licences_for(user):
    return Licence.objects.filter(_mine(user)).select_related("provider").distinct()


def application_for(user, reference: str) -> Application:
    return get_object_or_404(applications_for(user), reference=reference)


def licence_for(user, urn: str) -> Licence:
    return get_object_or_404(licences_for(user), urn=urn)


def document_for(user, pk: int) -> Document:
    return get_object_or_404(Document.objects.filter(_mine(user)).distinct(), pk=pk)


def condition_for(user, pk: int) -> LicenceCondition:
    return get_object_or_404(
        LicenceCondition.objects.filter(
            licence__provider__members__user=user, licence__provider__members__is_active=True
        )
        .select_related("licence__provider")
        .distinct(),
        pk=pk,
    )


# What happened, in the applicant's words. Internal steps (assignment, draft saves) are left out.

TIMELINE_WORDS = {
    "created": gettext_lazy("Application started"),
    "submit": gettext_lazy("Application submitted"),
    "payment_requested": gettext_lazy("Payment requested"),
    "fee_received": gettext_lazy("Fee received"),
    "validate": gettext_lazy("Application checked and accepted for assessment"),
    "start_assessment": gettext_lazy("Assessment started"),
    "require_inspection": gettext_lazy("Inspection arranged"),
    "complete_inspection": gettext_lazy("Inspection completed"),
    "return_for_information": gettext_lazy("We asked you for more information"),
    "resubmit": gettext_lazy("You answered and resubmitted the application"),
    "message": gettext_lazy("Message added to the case"),
    "document_uploaded": gettext_lazy("Document added"),
    "grant": gettext_lazy("Application granted"),
    "grant_with_conditions": gettext_lazy("Application granted with additional conditions"),
    "fast_track_renewal": gettext_lazy("Renewal granted on the fast track"),
    "refuse": gettext_lazy("Application refused"),
    "withdraw": gettext_lazy("Application withdrawn"),
    "reopen_after_appeal": gettext_lazy("Refusal overturned on appeal: decided afresh"),
}


@dataclass
class TimelineEvent:
    at: object
    what: str
    who: str


def timeline(application: Application) -> list[TimelineEvent]:
    """The application's audit trail in plain words. Staff appear only as "Licensing team"."""
    member_ids = set(application.provider.members.values_list("user_id", flat=True))
    entries = AuditEntry.objects.filter(
        Q(application=application) | Q(object_type="application", object_id=application.pk),
        action__in=TIMELINE_WORDS.keys(),
    ).order_by("at", "pk")
    events = []
    for entry in entries:
        if entry.actor_id is None:
            who = _("Automatic")
        elif entry.actor_id in member_ids:
            who = entry.actor_name
        else:
            who = _("Licensing team")
        what = str(TIMELINE_WORDS[entry.action])
        if entry.action == "payment_requested" and entry.data.get("payment"):
            what = _("%(what)s: reference %(reference)s, %(amount)s") % {
                "what": what,
                "reference": entry.data["payment"],
                "amount": entry.data.get("amount", ""),
            }
        events.append(TimelineEvent(at=entry.at, what=what, who=who))
    return events


NEXT_STEPS = {
    Application.State.DRAFT: gettext_lazy(
        "Complete every step, check your answers and submit the application."
    ),
    Application.State.SUBMITTED: gettext_lazy(
        "We check the application once the fee has reached us. No assessment starts until "
        "the fee is received."
    ),
    Application.State.VALIDATED: gettext_lazy(
        "The fee is received and the application accepted. A licensing officer will start the "
        "assessment."
    ),
    Application.State.UNDER_ASSESSMENT: gettext_lazy(
        "A licensing officer is assessing the application. They may arrange an inspection or "
        "ask you for more information."
    ),
    Application.State.INSPECTION: gettext_lazy(
        "An inspector will contact you to arrange the inspection. The licensing officer decides "
        "after the inspection."
    ),
    Application.State.RETURNED: gettext_lazy(
        "Answer our request, add any documents asked for and resubmit the application."
    ),
    Application.State.GRANTED: gettext_lazy("Granted. Nothing more is needed from you."),
    Application.State.GRANTED_WITH_CONDITIONS: gettext_lazy(
        "Granted with additional licence conditions: send evidence for each condition by its "
        "due date."
    ),
    Application.State.REFUSED: gettext_lazy(
        "Refused. The decision letter explains the reasons and how to ask for a review or appeal."
    ),
    Application.State.WITHDRAWN: gettext_lazy("Withdrawn. Nothing more happens on this case."),
}


def next_step(application: Application) -> str:
    if application.state == Application.State.SUBMITTED and application.fee_received_at:
        return _("The fee is received. A licensing officer will check the application.")
    return str(NEXT_STEPS[application.state])


@dataclass
class DecisionTarget:
    expected_on: date
    target_days: int
    counted_from: str
    is_late: bool


def decision_target(application: Application, today: date | None = None) -> DecisionTarget | None:
    """When a decision is expected against the processing-time target: from inspection tasking
    when an inspection was tasked, otherwise from submission."""
    start = application.inspection_tasked_at or application.submitted_at
    if start is None or application.state in Application.DECIDED_STATES:
        return None
    if application.state == Application.State.WITHDRAWN:
        return None
    days = LicensingPolicy.load().application_target_days
    expected = timezone.localtime(start).date() + timedelta(days=days)
    today = today or timezone.localdate()
    return DecisionTarget(
        expected_on=expected,
        target_days=days,
        counted_from=(
            _("the date the inspection was arranged")
            if application.inspection_tasked_at
            else _("the date you submitted")
        ),
        is_late=today > expected,
    )


def messages_for(application: Application):
    return CaseMessage.objects.filter(application=application).order_by("created_at", "pk")


def open_conditions(user):
    return (
        LicenceCondition.objects.filter(
            licence__provider__members__user=user,
            licence__provider__members__is_active=True,
            state=LicenceCondition.State.OPEN,
        )
        .select_related("licence")
        .distinct()
    )


@dataclass
class ChangeTiming:
    working_days: int
    limit: int
    is_late: bool


def change_timing(date_of_change: date, notified_on: date | None = None) -> ChangeTiming:
    """Changes must be notified within the policy's working days of happening."""
    notified_on = notified_on or timezone.localdate()
    limit = LicensingPolicy.load().change_notification_working_days
    days = working_days_between(date_of_change, notified_on)
    return ChangeTiming(working_days=days, limit=limit, is_late=days > limit)
