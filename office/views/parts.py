"""Pieces the case, licence, provider and list pages share."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from licensing import selectors, workflow
from office.actions import DECIDE
from office.forms import licensing as forms
from registry.models import ProviderRole

PAGE_SIZE = 25


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page of `queryset`, and the query string without the page number for
    the pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return page, query.urlencode()


@dataclass
class CaseAge:
    days: int | None
    target: int

    @property
    def is_overdue(self) -> bool:
        return self.days is not None and self.days > self.target

    def __str__(self):
        if self.days is None:
            return _("not started")
        if self.is_overdue:
            return _("day %(days)d of %(target)d – overdue by %(late)d") % {
                "days": self.days,
                "target": self.target,
                "late": self.days - self.target,
            }
        return _("day %(days)d of %(target)d") % {"days": self.days, "target": self.target}


def named_individuals(provider):
    """Everybody named on the provider, with what happened to the other providers they were
    named on; `warning` is set when any of those was refused or revoked."""
    people = []
    roles = ProviderRole.objects.filter(provider=provider).select_related("person")
    for role in roles.order_by("ended_on", "role", "person__full_name"):
        history = selectors.person_history(role.person, exclude_provider=provider)
        people.append(
            {
                "role": role,
                "history": history,
                "warning": any(item.adverse for item in history),
            }
        )
    return people


def decision_rows(user, decisions, bound):
    """Refusals and revocations with their appeals, and the forms to record an appeal or its
    outcome where the decision or appeal allows it now (the posted form, `bound`, in its
    place)."""
    can_decide = user.has_perm(DECIDE)
    rows = []
    for decision in decisions.prefetch_related("appeals"):
        lodge = None
        if can_decide and "appeal_lodged" in workflow.available_transitions(decision):
            lodge = posted_or_new(bound, forms.AppealLodgeForm.for_decision(decision))
        appeals = []
        for appeal in decision.appeals.all():
            outcome = None
            if can_decide and workflow.available_transitions(appeal):
                outcome = posted_or_new(bound, forms.AppealOutcomeForm.for_appeal(appeal))
            appeals.append((appeal, outcome))
        rows.append({"decision": decision, "lodge": lodge, "appeals": appeals})
    return rows


def posted_or_new(bound, form):
    """The posted form, when it is the one that `form` (a fresh form) would be."""
    return bound if bound is not None and bound.prefix == form.prefix else form
