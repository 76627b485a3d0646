"""Reads shared by views, the portal and the API."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from licensing.models import (
    AdverseDecision,
    Application,
    AuditEntry,
    Licence,
    LicenceCondition,
)
from registry import selectors as registry_selectors
from registry.models import (
    LabourProvider,
    Person,
    ProviderRole,
    normalise_company_number,
    normalise_name,
)


def pending_revocation(licence) -> AdverseDecision | None:
    """A revocation of the licence that has not yet taken effect, or None."""
    return licence.decisions.filter(
        kind=AdverseDecision.Kind.REVOCATION, state__in=AdverseDecision.PENDING_STATES
    ).first()


def open_renewal(licence) -> Application | None:
    """The licence's renewal that is being prepared or decided, or None."""
    return licence.applications.filter(
        kind=Application.Kind.RENEWAL,
        state__in=[Application.State.DRAFT, *Application.OPEN_STATES],
    ).first()


def renewals_under_consideration() -> QuerySet[Application]:
    """Renewals that keep their licence in force past its expiry date until decided: those
    submitted by the expiry date and still open, and those refused while the refusal can
    still be appealed (a refusal ends the licence only when it takes effect)."""
    return Application.objects.filter(kind=Application.Kind.RENEWAL, licence__isnull=False).filter(
        Q(
            state__in=Application.OPEN_STATES,
            submitted_at__date__lte=F("licence__expires_on"),
        )
        | Q(
            state=Application.State.REFUSED,
            decisions__state__in=[
                AdverseDecision.State.APPEALABLE,
                AdverseDecision.State.UNDER_APPEAL,
            ],
        )
    )


def renewal_under_consideration(licence) -> bool:
    return licence.is_in_force and renewals_under_consideration().filter(licence=licence).exists()


def case_age_days(application: Application, today=None) -> int | None:
    """Days the case has been running against its target: from tasking the inspection when
    one was tasked, otherwise from submission."""
    start = application.inspection_tasked_at or application.submitted_at
    if start is None:
        return None
    end = application.decided_at or timezone.now()
    return (timezone.localtime(end).date() - timezone.localtime(start).date()).days


def office_queue(*, state=None, assigned_to=None, q="", kind=None) -> QuerySet[Application]:
    """Applications in the licensing officers' queues, oldest first."""
    qs = Application.objects.exclude(state=Application.State.DRAFT).select_related(
        "provider", "assigned_to", "licence"
    )
    if state:
        qs = qs.filter(state=state)
    else:
        qs = qs.filter(state__in=Application.OPEN_STATES)
    if assigned_to == "none":
        qs = qs.filter(assigned_to__isnull=True)
    elif assigned_to is not None:
        qs = qs.filter(assigned_to=assigned_to)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(reference__iexact=q)
            | Q(provider__search_name__contains=normalise_name(q))
            | Q(provider__company_number__iexact=q.replace(" ", ""))
            | Q(licence__urn__iexact=q)
        )
    return qs.order_by("submitted_at", "pk")


def queue_counts() -> dict[str, int]:
    rows = (
        Application.objects.filter(state__in=Application.OPEN_STATES)
        .values("state")
        .annotate(n=Count("pk"))
    )
    return {row["state"]: row["n"] for row in rows}


def overdue_conditions() -> QuerySet[LicenceCondition]:
    return LicenceCondition.objects.filter(
        state=LicenceCondition.State.OPEN, due_date__lt=timezone.localdate()
    ).select_related("licence__provider")


@dataclass
class RoleHistory:
    role: ProviderRole
    licence_outcomes: list[str]
    adverse: bool


def person_history(person: Person, *, exclude_provider=None) -> list[RoleHistory]:
    """Every provider the person was named on, with what happened to its licences: so that
    somebody behind a revoked or refused provider is recognised on a new application. The
    roles of everybody staff confirmed to be the same individual count as the person's own."""
    same_people = registry_selectors.confirmed_same_people(person)
    roles = (
        ProviderRole.objects.filter(person__in=same_people)
        .select_related("provider")
        .order_by("-started_on")
    )
    if exclude_provider is not None:
        roles = roles.exclude(provider=exclude_provider)
    history = []
    for role in roles:
        outcomes = [
            f"{licence.urn}: {licence.get_state_display()}"
            for licence in role.provider.licences.all()
        ]
        refusals = role.provider.adverse_decisions.exclude(state=AdverseDecision.State.REVERSED)
        outcomes += [f"{d.get_kind_display()} {d.decided_on:%d %b %Y}" for d in refusals]
        adverse = (
            refusals.exists() or role.provider.licences.filter(state=Licence.State.REVOKED).exists()
        )
        history.append(RoleHistory(role=role, licence_outcomes=outcomes, adverse=adverse))
    return history


def audit_trail(*, application=None, licence=None) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if application is not None:
        qs = qs.filter(
            Q(application=application) | Q(object_type="application", object_id=application.pk)
        )
    if licence is not None:
        qs = qs.filter(licence=licence)
    return qs.order_by("at", "pk")


def case_workers() -> QuerySet:
    """Active staff who may process applications: the people a case can be assigned to."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    perm = Permission.objects.get(
        content_type__app_label="licensing", codename="process_application"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=perm) | Q(user_permissions=perm) | Q(is_superuser=True))
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def office_licences(*, state=None, q="") -> QuerySet[Licence]:
    qs = Licence.objects.select_related("provider")
    if state:
        qs = qs.filter(state=state)
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(urn__iexact=q.replace(" ", ""))
            | Q(provider__search_name__contains=normalise_name(q))
            | Q(provider__company_number__iexact=normalise_company_number(q))
        )
    return qs.order_by("urn")


def office_providers(*, q="") -> QuerySet[LabourProvider]:
    qs = LabourProvider.objects.all()
    q = (q or "").strip()
    if q:
        qs = qs.filter(
            Q(search_name__contains=normalise_name(q))
            | Q(company_number__iexact=normalise_company_number(q))
            | Q(postcode__iexact=q)
            | Q(licences__urn__iexact=q.replace(" ", ""))
        ).distinct()
    return qs.order_by("legal_name", "pk")
