"""Licences: the list, the licence page and the steps taken on a licence, one view each."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from licensing import selectors, services
from licensing.models import AdverseDecision, Licence, LicenceCondition
from office import actions
from office.access import staff_required
from office.forms import licensing as forms
from office.views.parts import decision_rows, named_individuals, paginate, posted_or_new
from registry import selectors as registry_selectors

VIEW_LICENCE = "licensing.view_licence"


def licence_or_404(urn):
    return get_object_or_404(Licence.objects.select_related("provider"), urn=urn.upper())


@require_GET
@staff_required(VIEW_LICENCE)
def licences(request):
    filters = forms.LicenceFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page, query = paginate(
        request,
        selectors.office_licences(state=chosen.get("state") or None, q=chosen.get("q", "")),
    )
    return render(
        request,
        "office/licences.html",
        {"office_section": "licences", "filters": filters, "page": page, "query": query},
    )


def _condition_rows(licence, user, bound):
    can_manage = user.has_perm(actions.MANAGE_CONDITIONS)
    rows = []
    for condition in licence.conditions.all():
        form = None
        if can_manage and condition.state == LicenceCondition.State.OPEN:
            form = posted_or_new(bound, forms.ConditionOutcomeForm.for_condition(condition))
        rows.append((condition, form))
    return rows


def render_licence(request, licence, *, bound=None, status=200):
    """The licence page; `bound` is a form the user posted, shown again in its place with what
    they typed."""
    user = request.user
    pending = selectors.pending_revocation(licence)
    shown, _waiting = actions.offered(licence, actions.LICENCE_STEPS, user, bound)
    # The service refuses a second revocation while one is pending, so it is not offered.
    if pending is not None:
        shown = [(step, form) for step, form in shown if step is not actions.REVOKE]
    context = {
        "office_section": "licences",
        "licence": licence,
        "provider": licence.provider,
        "people": named_individuals(licence.provider),
        "person_matches": registry_selectors.open_person_matches(licence.provider),
        "role_accounts": services.role_accounts(licence.provider),
        "actions": shown,
        "pending_revocation": pending,
        "conditions": _condition_rows(licence, user, bound),
        "decisions": decision_rows(
            user, AdverseDecision.objects.filter(licence=licence, application__isnull=True), bound
        ),
        "applications": licence.applications.order_by("-created_at"),
        "certificates": licence.certificates.all()[:5],
        "bound": bound,
        "kept_input": actions.kept_input(bound, shown, actions.LICENCE_STEPS),
        "audit": selectors.audit_trail(licence=licence)
        if user.has_perm("licensing.view_auditentry")
        else None,
        "certificate_url": reverse("office:certificate_pdf", args=[licence.urn]),
    }
    return render(request, "office/licence.html", context, status=status)


def answer_on_licence(request, licence, build, *, call, success):
    """Answer a form posted from the licence page: back to the licence, or the licence again
    with the input and the reason."""
    urn = licence.urn
    return actions.answer(
        request,
        build,
        call=call,
        success=success,
        then=reverse("office:licence", args=[urn]),
        show=lambda form, status: render_licence(
            request, licence_or_404(urn), bound=form, status=status
        ),
        current_version=lambda: licence_or_404(urn).version,
    )


@require_GET
@staff_required(VIEW_LICENCE)
def licence_detail(request, urn):
    return render_licence(request, licence_or_404(urn))


# The steps on a licence (office.actions.LICENCE_STEPS).


@require_POST
@staff_required(actions.ADD_CONDITIONS.perm)
def add_conditions(request, urn):
    licence = licence_or_404(urn)
    return answer_on_licence(
        request,
        licence,
        actions.ADD_CONDITIONS.form,
        call=lambda form: services.licence_impose_conditions(
            licence=licence,
            actor=request.user,
            conditions=form.condition_specs(),
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=lambda created: _("%(count)d condition(s) added.") % {"count": len(created)},
    )


@require_POST
@staff_required(actions.SUSPEND.perm)
def suspend(request, urn):
    licence = licence_or_404(urn)
    return answer_on_licence(
        request,
        licence,
        actions.SUSPEND.form,
        call=lambda form: services.licence_suspend(
            licence=licence,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The licence is suspended."),
    )


@require_POST
@staff_required(actions.LIFT_SUSPENSION.perm)
def lift_suspension(request, urn):
    licence = licence_or_404(urn)
    return answer_on_licence(
        request,
        licence,
        actions.LIFT_SUSPENSION.form,
        call=lambda form: services.licence_lift_suspension(
            licence=licence,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The suspension is lifted."),
    )


def _revoked_message(decision):
    deadline = decision.appeal_deadline.strftime("%d %B %Y")
    if decision.immediate_effect:
        return _("The licence is revoked with immediate effect. Appeal deadline: %(date)s.") % {
            "date": deadline
        }
    return _(
        "Notice of revocation given. The licence stays in force until %(date)s unless an "
        "appeal is lodged."
    ) % {"date": deadline}


@require_POST
@staff_required(actions.REVOKE.perm)
def revoke(request, urn):
    licence = licence_or_404(urn)
    return answer_on_licence(
        request,
        licence,
        actions.REVOKE.form,
        call=lambda form: services.licence_revoke(
            licence=licence,
            actor=request.user,
            reasons=form.cleaned_data["reasons"],
            immediate=form.immediate,
            expected_version=form.cleaned_data["version"],
        ),
        success=_revoked_message,
    )


@require_POST
@staff_required(actions.EXPIRE.perm)
def expire(request, urn):
    licence = licence_or_404(urn)
    return answer_on_licence(
        request,
        licence,
        actions.EXPIRE.form,
        call=lambda form: services.licence_expire(
            licence=licence,
            actor=request.user,
            reason=form.reason(),
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The licence has expired."),
    )


# Additional licence conditions.


@require_POST
@staff_required(actions.MANAGE_CONDITIONS)
def condition_outcome(request, urn, pk):
    licence = licence_or_404(urn)
    condition = get_object_or_404(licence.conditions, pk=pk)

    def record(form):
        service = (
            services.condition_mark_met
            if form.cleaned_data["outcome"] == form.MET
            else services.condition_mark_breached
        )
        return service(condition=condition, actor=request.user, reason=form.cleaned_data["reason"])

    return answer_on_licence(
        request,
        licence,
        lambda data: forms.ConditionOutcomeForm.for_condition(condition, data),
        call=record,
        success=_("The condition's outcome is recorded."),
    )
