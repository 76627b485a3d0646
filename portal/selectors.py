"""Reads for the agency portal. Every lookup is filtered by the user's active memberships:
another organisation's records are simply not found (404), never "forbidden".

Who may act for a provider is the registry's to say (``registry.selectors``); whether a fee
may be paid, whether a renewal is open and whether a renewal qualifies for the fast track are
licensing's. The portal's own rules are here, once each, for the pages that offer a step and
the services that take it: which steps an application has and which are missing, whether a
draft may still change, and whether a licence may be renewed, changed or surrendered.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import money
from inspections.models import FeeViolation
from licensing import services as licensing_services
from licensing.calendar import working_days_between
from licensing.models import (
    AdverseDecision,
    Application,
    AuditAction,
    AuditEntry,
    CaseMessage,
    Document,
    FeeBand,
    Licence,
    LicenceCondition,
    LicensingPolicy,
)
from licensing.workflow import ServiceError
from portal.models import Invitation
from registry.models import ProviderRole, Sector

# Accounts and organisations.


def invitation_for(token: str) -> Invitation:
    return get_object_or_404(Invitation.objects.select_related("provider"), token=token)


def organisation_members(provider):
    return provider.members.filter(is_active=True).select_related("user")


def open_invitations(provider):
    return provider.invitations.filter(accepted_at__isnull=True)


# The user's own records.


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


def repayment_orders_for(user):
    """Orders to repay workers made to the user's organisations; another's are not found."""
    return (
        FeeViolation.objects.filter(
            provider__members__user=user,
            provider__members__is_active=True,
            repayment_ordered__isnull=False,
        )
        .select_related("provider")
        .distinct()
        .order_by("repayment_deadline", "pk")
    )


def open_repayment_orders(user):
    return repayment_orders_for(user).filter(state__in=FeeViolation.UNPAID_STATES)


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


def revocation_notices(licence):
    """The revocations decided on the licence, each with a notice the holder can download."""
    return licence.decisions.filter(kind=AdverseDecision.Kind.REVOCATION)


# Drafts: the steps of each kind of application, and what is still missing.

STEPS = [
    ("business", gettext_lazy("Your business")),
    ("activities", gettext_lazy("Sectors and countries")),
    ("people", gettext_lazy("Named individuals")),
    ("turnover", gettext_lazy("Turnover and fee")),
    ("documents", gettext_lazy("Documents")),
    ("check", gettext_lazy("Check your answers and submit")),
]
# New licences and renewals are the full form; changes and surrenders are only checked and
# submitted.
FULL_FORM_KINDS = (Application.Kind.NEW, Application.Kind.RENEWAL)
CHANGE_KINDS = (Application.Kind.CHANGE, Application.Kind.CHANGE_OF_PA)


BUSINESS_REQUIRED = (
    "legal_name",
    "tax_reference",
    "registered_address",
    "town",
    "country",
    "email",
    "phone",
)
PERSON_REQUIRED = ("full_name", "date_of_birth", "role", "unspent_convictions", "previous_refusal")


def steps_for(application) -> list[tuple[str, str]]:
    return STEPS if application.kind in FULL_FORM_KINDS else [STEPS[-1]]


def missing_steps(application) -> list[str]:
    """The required steps not yet completed: shown on the check page, refused on submission."""
    answers = application.answers or {}
    if application.kind in FULL_FORM_KINDS:
        missing = []
        business = answers.get("business") or {}
        if not all(business.get(name) for name in BUSINESS_REQUIRED):
            missing.append("business")
        if "activities" not in answers:
            missing.append("activities")
        people = answers.get("people") or []
        has_authority = any(
            p.get("role") in (ProviderRole.Role.PRINCIPAL_AUTHORITY, ProviderRole.Role.SOLE_TRADER)
            for p in people
        )
        # Prefilled people still owe their own answers to the declarations.
        all_answered = all(p.get(name) for p in people for name in PERSON_REQUIRED)
        if not (has_authority and all_answered):
            missing.append("people")
        if application.declared_turnover is None:
            missing.append("turnover")
        return missing
    if application.kind in CHANGE_KINDS:
        return [] if application.changes else ["change"]
    return []


def draft_refusal(application) -> str:
    """Why the application's answers can no longer change, in words for the applicant; empty
    while it is a draft."""
    if application.state != Application.State.DRAFT:
        return _("This application was submitted and can no longer be changed.")
    return ""


def prefill_answers(provider) -> dict:
    """A draft's answers from what the register already holds about the provider."""
    people = [
        {
            "full_name": role.person.full_name,
            "date_of_birth": role.person.date_of_birth.isoformat()
            if role.person.date_of_birth
            else "",
            "role": role.role,
            "email": role.person.email,
            # Declarations are the person's own answer each time: never carried over.
            "unspent_convictions": "",
            "previous_refusal": "",
            "details": "",
        }
        for role in provider.roles.current().select_related("person")
    ]
    answers = {
        "business": {
            "legal_name": provider.legal_name,
            "trading_names": "\n".join(provider.trading_names),
            "company_number": provider.company_number,
            "tax_reference": provider.tax_reference,
            "registered_address": provider.registered_address,
            "town": provider.town,
            "postcode": provider.postcode,
            "country": provider.country.code,
            "operating_address": "",
            "email": provider.email,
            "phone": provider.phone,
        },
    }
    sectors = list(provider.sectors.values_list("pk", flat=True))
    if sectors or provider.recruits_from or provider.supplies_to:
        answers["activities"] = {
            "sectors": sectors,
            "recruits_from": [c.code for c in provider.recruits_from],
            "supplies_to": [c.code for c in provider.supplies_to],
        }
    if people:
        answers["people"] = people
    return answers


def sector_names(application) -> list[str]:
    pks = ((application.answers or {}).get("activities") or {}).get("sectors") or []
    return list(Sector.objects.filter(pk__in=pks).values_list("name", flat=True))


@dataclass
class FeeEstimate:
    band: FeeBand
    application_fee: Decimal
    inspection_fee: Decimal
    currency: str

    @property
    def total(self) -> Decimal:
        return self.application_fee + self.inspection_fee


def fee_estimate(application) -> FeeEstimate | None:
    """The fee the declared turnover leads to, shown before submission fixes it."""
    if application.declared_turnover is None:
        return None
    try:
        band, application_fee, inspection_fee = licensing_services.fees_for(
            kind=application.kind, turnover=application.declared_turnover
        )
    except ServiceError:
        return None
    return FeeEstimate(band, application_fee, inspection_fee, band.currency)


def fee_bands():
    return FeeBand.objects.order_by("min_turnover")


# The case after submission.


def information_request(application) -> CaseMessage | None:
    """The latest request for information the licensing team sent on the application."""
    return application.messages.filter(is_information_request=True).last()


def messages_for(application: Application):
    return CaseMessage.objects.filter(application=application).order_by("created_at", "pk")


# What the applicant's timeline shows, in the one wording of the audit trail. Internal steps
# (assignment, draft saves, named individuals declared) are left out.
TIMELINE_ACTIONS = frozenset(
    {
        AuditAction.CREATED,
        AuditAction.SUBMIT,
        AuditAction.PAYMENT_REQUESTED,
        AuditAction.FEE_RECEIVED,
        AuditAction.VALIDATE,
        AuditAction.START_ASSESSMENT,
        AuditAction.REQUIRE_INSPECTION,
        AuditAction.COMPLETE_INSPECTION,
        AuditAction.RETURN_FOR_INFORMATION,
        AuditAction.RESUBMIT,
        AuditAction.MESSAGE,
        AuditAction.DOCUMENT_UPLOADED,
        AuditAction.GRANT,
        AuditAction.GRANT_WITH_CONDITIONS,
        AuditAction.FAST_TRACK_RENEWAL,
        AuditAction.REFUSE,
        AuditAction.WITHDRAW,
        AuditAction.REOPEN_AFTER_APPEAL,
    }
)


@dataclass
class TimelineEvent:
    at: object
    what: str
    who: str


def timeline(application: Application) -> list[TimelineEvent]:
    """The application's audit trail for the applicant. Staff appear only as "Licensing team";
    a payment request adds the reference and amount the payer needs."""
    member_ids = set(application.provider.members.values_list("user_id", flat=True))
    entries = AuditEntry.objects.filter(
        Q(application=application) | Q(object_type="application", object_id=application.pk),
        action__in=TIMELINE_ACTIONS,
    ).order_by("at", "pk")
    events = []
    for entry in entries:
        if entry.actor_id is None:
            who = _("Automatic")
        elif entry.actor_id in member_ids:
            who = entry.actor_name
        else:
            who = _("Licensing team")
        what = entry.words
        if entry.action == AuditAction.PAYMENT_REQUESTED and entry.data.get("payment"):
            what = _("%(what)s: reference %(reference)s, %(amount)s") % {
                "what": what,
                "reference": entry.data["payment"],
                "amount": money(entry.data.get("amount", ""), application.fee_currency),
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


# Licences: renewing, notifying changes and surrendering.


def renewal_opens_on(licence) -> date:
    """The renewal window opens with the first renewal reminder, before the licence expires."""
    return licence.expires_on - timedelta(days=LicensingPolicy.load().first_reminder_days)


def renewal_refusal(licence, today: date | None = None) -> str:
    """Why the holder cannot renew the licence now, in words for them; empty when they can.
    The one rule behind the portal's renew links, its renewal page and ``renewal_start``:
    an active licence, inside the renewal window."""
    if licence.state not in Licence.HOLDING_STATES:
        return _("Only an active licence can be renewed; this one is “%(state)s”.") % {
            "state": licence.get_state_display()
        }
    opens_on = renewal_opens_on(licence)
    if (today or timezone.localdate()) < opens_on:
        return _("You can renew the licence from %(date)s.") % {
            "date": date_format(opens_on, "DATE_FORMAT")
        }
    return ""


def renewal_due(licences, today: date | None = None) -> set[int]:
    """Which of `licences` the home page offers to renew: those that may be renewed now."""
    return {licence.pk for licence in licences if not renewal_refusal(licence, today)}


def change_refusal(licence) -> str:
    """Why changes cannot be notified for the licence; empty when they can."""
    if not licence.is_in_force:
        return _("Changes can only be notified for a licence in force.")
    return ""


def surrender_refusal(licence) -> str:
    """Why the licence cannot be surrendered; empty when it can."""
    if not licence.is_in_force:
        return _("Only a licence in force can be surrendered.")
    return ""


def change_notification_limit() -> int:
    """Working days after a change within which it must be notified (the regulator's policy)."""
    return LicensingPolicy.load().change_notification_working_days


@dataclass
class ChangeTiming:
    working_days: int
    limit: int
    is_late: bool


def change_timing(date_of_change: date, notified_on: date | None = None) -> ChangeTiming:
    """Changes must be notified within the policy's working days of happening."""
    notified_on = notified_on or timezone.localdate()
    limit = change_notification_limit()
    days = working_days_between(date_of_change, notified_on)
    return ChangeTiming(working_days=days, limit=limit, is_late=days > limit)


def change_timing_for(application) -> ChangeTiming | None:
    """How promptly a change of circumstances was notified: counted to its submission, or for
    a draft to the day it was opened."""
    if application.kind not in CHANGE_KINDS:
        return None
    when = (application.changes or {}).get("date_of_change")
    if not when:
        return None
    notified = application.submitted_at or application.created_at
    return change_timing(date.fromisoformat(when), timezone.localtime(notified).date())
