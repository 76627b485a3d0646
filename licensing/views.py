"""The regulator's back office: thin views over the licensing selectors and services.

Pages are read with the selectors; every change goes through a service. Each action is a
small POST form; when it cannot be carried out the page is shown again with the user's input
and the reason, never an error page.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from licensing import forms, selectors, services, workflow
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    Document,
    FeePayment,
    Licence,
    LicenceCondition,
    LicensingPolicy,
)
from registry.models import LabourProvider, ProviderRole

SIGN_IN_URL = reverse_lazy("office:sign_in")
PAGE_SIZE = 25


def staff_required(perm="licensing.view_application"):
    """Anonymous visitors go to the staff sign-in; signed-in users without `perm` get 403."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), SIGN_IN_URL)
            if not request.user.has_perm(perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class SignInView(auth_views.LoginView):
    template_name = "licensing/office/sign_in.html"
    next_page = reverse_lazy("office:workbench")


class SignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("office:sign_in")


# Workbench.


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


@require_GET
@staff_required()
def workbench(request):
    filters = forms.WorkbenchFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    assigned = {"me": request.user, "none": "none"}.get(chosen.get("assigned"))
    queue = selectors.office_queue(
        state=chosen.get("state") or None,
        kind=chosen.get("kind") or None,
        assigned_to=assigned,
        q=chosen.get("q", ""),
    )
    page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    target = LicensingPolicy.load().application_target_days
    rows = [(case, CaseAge(selectors.case_age_days(case), target)) for case in page]
    counts = selectors.queue_counts()
    tabs = [
        (state, label, counts.get(state, 0))
        for state, label in Application.State.choices
        if state in Application.OPEN_STATES
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "licensing/office/workbench.html",
        {
            "office_section": "workbench",
            "filters": filters,
            "page": page,
            "rows": rows,
            "tabs": tabs,
            "open_total": sum(counts.values()),
            "current_state": chosen.get("state", ""),
            "query": query.urlencode(),
            "overdue_conditions": selectors.overdue_conditions()[:50],
        },
    )


# Applications.


@dataclass(frozen=True)
class OfficeAction:
    """A step offered on a case or licence page: shown only when its transition is possible
    now and the user has `perm`; `run` calls the service and returns the success message."""

    name: str
    label: str
    transition: str
    perm: str
    form_class: type
    run: object
    style: str = ""
    hint: str = ""
    kinds: tuple = ()


def _run_validate(application, user, form):
    services.application_validate(
        application=application, actor=user, expected_version=form.cleaned_data["version"]
    )
    return _("The application is validated.")


def _run_start_assessment(application, user, form):
    services.application_start_assessment(
        application=application, actor=user, expected_version=form.cleaned_data["version"]
    )
    return _("Assessment has started.")


def _run_return(application, user, form):
    services.application_return(
        application=application,
        actor=user,
        message=form.cleaned_data["message"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The application was returned to the applicant for more information.")


def _run_require_inspection(application, user, form):
    services.application_require_inspection(
        application=application,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("An inspection is now required.")


def _run_grant(application, user, form):
    services.application_grant(
        application=application,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The application is granted.")


def _run_grant_with_conditions(application, user, form):
    services.application_grant(
        application=application,
        actor=user,
        reason=form.cleaned_data["reason"],
        conditions=form.condition_specs(),
        expected_version=form.cleaned_data["version"],
    )
    return _("The application is granted with additional licence conditions.")


def _run_refuse(application, user, form):
    services.application_refuse(
        application=application,
        actor=user,
        reasons=form.cleaned_data["reasons"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The application is refused. The appeal windows are open.")


def _run_withdraw(application, user, form):
    services.application_withdraw(
        application=application,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The application is withdrawn.")


def _run_fast_track(application, user, form):
    services.application_fast_track(
        application=application, actor=user, expected_version=form.cleaned_data["version"]
    )
    return _("The renewal is granted on the fast track.")


PROCESS = "licensing.process_application"
DECIDE = "licensing.decide_application"

CASE_ACTIONS = {
    action.name: action
    for action in [
        OfficeAction(
            "validate",
            gettext_lazy("Validate"),
            "validate",
            PROCESS,
            forms.VersionForm,
            _run_validate,
            hint=gettext_lazy("The application is complete and its fee is received."),
        ),
        OfficeAction(
            "start-assessment",
            gettext_lazy("Start assessment"),
            "start_assessment",
            PROCESS,
            forms.VersionForm,
            _run_start_assessment,
        ),
        OfficeAction(
            "fast-track",
            gettext_lazy("Grant on the fast track"),
            "fast_track_renewal",
            PROCESS,
            forms.VersionForm,
            _run_fast_track,
            kinds=(Application.Kind.RENEWAL,),
            hint=gettext_lazy(
                "The holder had a clean last licence year: the renewal is granted without "
                "assessment."
            ),
        ),
        OfficeAction(
            "require-inspection",
            gettext_lazy("Require an inspection"),
            "require_inspection",
            PROCESS,
            forms.RequireInspectionForm,
            _run_require_inspection,
        ),
        OfficeAction(
            "return",
            gettext_lazy("Return for more information"),
            "return_for_information",
            PROCESS,
            forms.ReturnForm,
            _run_return,
            style="secondary",
        ),
        OfficeAction(
            "grant",
            gettext_lazy("Grant"),
            "grant",
            DECIDE,
            forms.GrantForm,
            _run_grant,
        ),
        OfficeAction(
            "grant-with-conditions",
            gettext_lazy("Grant with conditions"),
            "grant_with_conditions",
            DECIDE,
            forms.GrantWithConditionsForm,
            _run_grant_with_conditions,
            hint=gettext_lazy("One additional licence condition per failed standard."),
        ),
        OfficeAction(
            "refuse",
            gettext_lazy("Refuse"),
            "refuse",
            DECIDE,
            forms.RefuseForm,
            _run_refuse,
            style="danger",
        ),
        OfficeAction(
            "withdraw",
            gettext_lazy("Withdraw"),
            "withdraw",
            PROCESS,
            forms.WithdrawForm,
            _run_withdraw,
            style="secondary",
        ),
    ]
}

# A refusal's only condition is that it states its reasons, which its form asks for.
CONDITIONS_SUPPLIED_BY_FORM = {"refuse"}


def _open_transitions(instance, supplied_by_form=()):
    """Transitions possible now, and those the state allows but a condition still blocks
    (with the reason, so the officer knows what is missing)."""
    available = set(workflow.available_transitions(instance))
    blocked = {}
    for transition in instance.get_all_state_transitions():
        if transition.source not in (instance.state, "*", "+") or transition.name in available:
            continue
        if transition.name in supplied_by_form:
            available.add(transition.name)
        else:
            reasons = workflow.refusal_reasons(instance, transition.name)
            if reasons:
                blocked[transition.name] = " ".join(reasons)
    return available, blocked


def _case_actions(application, user, bound=None):
    """The actions this user may take from the case's current state, each with its form."""
    available, blocked = _open_transitions(application, CONDITIONS_SUPPLIED_BY_FORM)
    shown, waiting = [], []
    for action in CASE_ACTIONS.values():
        if not user.has_perm(action.perm):
            continue
        if action.kinds and application.kind not in action.kinds:
            continue
        if action.transition in available:
            if bound is not None and bound.prefix == action.name:
                form = bound
            else:
                form = action.form_class(
                    prefix=action.name, initial={"version": application.version}
                )
            shown.append((action, form))
        elif action.transition in blocked:
            waiting.append((action, blocked[action.transition]))
    return shown, waiting


def _application_or_404(reference):
    return get_object_or_404(
        Application.objects.select_related("provider", "licence", "assigned_to", "fee_band"),
        reference=reference,
    )


def _named_individuals(provider):
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


# Declarations an officer must not miss when they are answered "yes".
FLAGGED_ANSWERS = {"unspent_convictions", "previous_refusal"}


def _answer_rows(data):
    rows = []
    for key, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        rows.append(
            {
                "label": key.replace("_", " ").capitalize(),
                "value": value,
                "flagged": key in FLAGGED_ANSWERS and str(value).lower() == "yes",
            }
        )
    return rows


def _answers_for_display(answers):
    """The applicant's answers by step, as label/value groups (people give one group each)."""
    sections = []
    for step, data in (answers or {}).items():
        if isinstance(data, dict):
            groups = [_answer_rows(data)]
        elif isinstance(data, list):
            groups = [_answer_rows(item) for item in data if isinstance(item, dict)]
        else:
            groups = [[{"label": step, "value": data, "flagged": False}]]
        sections.append({"title": step.replace("_", " ").capitalize(), "groups": groups})
    return sections


def _render_case(request, application, *, bound=None, status=200):
    user = request.user
    actions, waiting = _case_actions(application, user, bound)
    people = _named_individuals(application.provider)
    can_process = user.has_perm(PROCESS)
    context = {
        "office_section": "workbench",
        "application": application,
        "provider": application.provider,
        "age": CaseAge(
            selectors.case_age_days(application), LicensingPolicy.load().application_target_days
        ),
        "people": people,
        "phoenix": [p for p in people if p["warning"]],
        "answers": _answers_for_display(application.answers),
        "changes": _answer_rows(application.changes) if application.changes else [],
        "payments": application.payments.all(),
        "can_record_fee": user.has_perm("licensing.record_fee"),
        "can_request_payment": (
            user.has_perm("licensing.record_fee")
            and application.fee_outstanding
            and not application.payments.filter(state=FeePayment.State.PENDING).exists()
        ),
        "documents": application.documents.all(),
        "case_messages": application.messages.all(),
        "message_form": (
            bound
            if bound is not None and bound.prefix == "message"
            else forms.MessageForm(prefix="message")
        )
        if can_process
        else None,
        "assign_form": (
            bound
            if bound is not None and bound.prefix == "assign"
            else forms.AssignForm(
                prefix="assign",
                case_workers=selectors.case_workers(),
                initial={"version": application.version, "assignee": application.assigned_to_id},
            )
        )
        if can_process
        else None,
        "conditions": application.conditions.all(),
        "decisions": _decisions_with_forms(
            user, AdverseDecision.objects.filter(application=application), bound
        ),
        "actions": actions,
        "waiting": waiting,
        "bound": bound,
        "kept_input": _unplaced_input(bound, actions, CASE_ACTIONS),
        "audit": selectors.audit_trail(application=application)
        if user.has_perm("licensing.view_auditentry")
        else None,
        "decision_letter_url": reverse("office:decision_letter_pdf", args=[application.reference])
        if application.state in Application.DECIDED_STATES
        else "",
    }
    return render(request, "licensing/office/application.html", context, status=status)


@require_GET
@staff_required()
def application_detail(request, reference):
    return _render_case(request, _application_or_404(reference))


def _unplaced_input(bound, actions, known):
    """What the user typed for an action that the case's current state no longer offers (so
    its form is not on the page): shown so that nothing they wrote is lost."""
    if bound is None or bound.prefix not in known or any(f is bound for _a, f in actions):
        return []
    return [
        (field.label, bound.data.get(bound.add_prefix(name)))
        for name, field in bound.fields.items()
        if not field.widget.is_hidden and bound.data.get(bound.add_prefix(name))
    ]


def _refresh_version(form, version):
    """Keep the user's input but let them resubmit against the version they can now see."""
    data = form.data.copy()
    data[form.add_prefix("version")] = str(version)
    return data


@require_POST
@staff_required()
def application_action(request, reference, action):
    spec = CASE_ACTIONS.get(action)
    if spec is None:
        raise Http404
    if not request.user.has_perm(spec.perm):
        raise PermissionDenied
    application = _application_or_404(reference)
    form = spec.form_class(request.POST, prefix=spec.name)
    if not form.is_valid():
        return _render_case(request, application, bound=form, status=400)
    try:
        done = spec.run(application, request.user, form)
    except workflow.CaseChanged as exc:
        messages.error(request, str(exc))
        application = _application_or_404(reference)
        again = spec.form_class(_refresh_version(form, application.version), prefix=spec.name)
        return _render_case(request, application, bound=again, status=409)
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_case(request, _application_or_404(reference), bound=form, status=400)
    messages.success(request, done)
    return redirect("office:application", reference=reference)


@require_POST
@staff_required(PROCESS)
def application_assign(request, reference):
    application = _application_or_404(reference)
    form = forms.AssignForm(request.POST, prefix="assign", case_workers=selectors.case_workers())
    if not form.is_valid():
        return _render_case(request, application, bound=form, status=400)
    try:
        services.application_assign(
            application=application,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
        )
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_case(request, _application_or_404(reference), status=409)
    assignee = form.cleaned_data["assignee"]
    messages.success(
        request,
        _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.username}
        if assignee
        else _("The case is now unassigned."),
    )
    return redirect("office:application", reference=reference)


@require_POST
@staff_required(PROCESS)
def application_message(request, reference):
    application = _application_or_404(reference)
    form = forms.MessageForm(request.POST, prefix="message")
    if not form.is_valid():
        return _render_case(request, application, bound=form, status=400)
    try:
        services.case_message_send(
            application=application, actor=request.user, body=form.cleaned_data["body"]
        )
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_case(request, application, bound=form, status=400)
    messages.success(request, _("Your message was sent to the applicant."))
    return redirect("office:application", reference=reference)


@require_POST
@staff_required("licensing.record_fee")
def payment_request(request, reference):
    application = _application_or_404(reference)
    try:
        services.fee_payment_request(
            application=application,
            actor=request.user,
            method=FeePayment.Method.BANK_TRANSFER,
        )
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_case(request, application, status=400)
    messages.success(request, _("A bank-transfer payment request was created."))
    return redirect("office:application", reference=reference)


@require_POST
@staff_required("licensing.record_fee")
def payment_received(request, reference, payment_reference):
    application = _application_or_404(reference)
    payment = get_object_or_404(application.payments, reference=payment_reference)
    try:
        services.fee_payment_received(payment=payment, actor=request.user)
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_case(request, application, status=400)
    messages.success(
        request, _("Payment %(reference)s is recorded as received.") % {"reference": payment}
    )
    return redirect("office:application", reference=reference)


@require_GET
@staff_required()
def document_download(request, pk):
    document = get_object_or_404(Document, pk=pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("The file is missing from storage.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# Refusals, revocations and appeals (shown on the case and on the licence).


def _decisions_with_forms(user, decisions, bound):
    can_decide = user.has_perm(DECIDE)
    rows = []
    for decision in decisions.prefetch_related("appeals"):
        lodge_prefix = f"appeal-{decision.pk}"
        lodge = None
        if can_decide and decision.state in (
            AdverseDecision.State.APPEALABLE,
            AdverseDecision.State.DUE,
            AdverseDecision.State.FINAL,
        ):
            lodge = (
                bound
                if bound is not None and bound.prefix == lodge_prefix
                else forms.AppealLodgeForm(prefix=lodge_prefix)
            )
        appeals = []
        for appeal in decision.appeals.all():
            outcome = None
            outcome_prefix = f"outcome-{appeal.pk}"
            if can_decide and appeal.state == Appeal.State.PENDING:
                outcome = (
                    bound
                    if bound is not None and bound.prefix == outcome_prefix
                    else forms.AppealOutcomeForm(prefix=outcome_prefix)
                )
            appeals.append((appeal, outcome))
        rows.append({"decision": decision, "lodge": lodge, "appeals": appeals})
    return rows


def _render_decision_page(request, decision, *, bound, status):
    if decision.application_id:
        return _render_case(request, decision.application, bound=bound, status=status)
    return _render_licence(request, decision.licence, bound=bound, status=status)


def _decision_page_url(decision):
    if decision.application_id:
        return reverse("office:application", args=[decision.application.reference])
    return reverse("office:licence", args=[decision.licence.urn])


@require_POST
@staff_required(DECIDE)
def appeal_lodge(request, pk):
    decision = get_object_or_404(AdverseDecision, pk=pk)
    form = forms.AppealLodgeForm(request.POST, prefix=f"appeal-{decision.pk}")
    if not form.is_valid():
        return _render_decision_page(request, decision, bound=form, status=400)
    try:
        services.appeal_lodge(decision=decision, actor=request.user, **form.cleaned_data)
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_decision_page(request, decision, bound=form, status=400)
    messages.success(request, _("The appeal is recorded."))
    return redirect(_decision_page_url(decision))


@require_POST
@staff_required(DECIDE)
def appeal_decide(request, pk):
    appeal = get_object_or_404(Appeal.objects.select_related("decision"), pk=pk)
    form = forms.AppealOutcomeForm(request.POST, prefix=f"outcome-{appeal.pk}")
    if not form.is_valid():
        return _render_decision_page(request, appeal.decision, bound=form, status=400)
    try:
        services.appeal_decide(
            appeal=appeal,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        )
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_decision_page(request, appeal.decision, bound=form, status=400)
    messages.success(request, _("The appeal outcome is recorded."))
    return redirect(_decision_page_url(appeal.decision))


# Licences.


@require_GET
@staff_required("licensing.view_licence")
def licences(request):
    filters = forms.LicenceFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = Paginator(
        selectors.office_licences(state=chosen.get("state") or None, q=chosen.get("q", "")),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "licensing/office/licences.html",
        {
            "office_section": "licences",
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
        },
    )


def _run_suspend(licence, user, form):
    services.licence_suspend(
        licence=licence,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The licence is suspended.")


def _run_lift_suspension(licence, user, form):
    services.licence_lift_suspension(
        licence=licence,
        actor=user,
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("The suspension is lifted.")


def _run_revoke(licence, user, form):
    decision = services.licence_revoke(
        licence=licence,
        actor=user,
        reasons=form.cleaned_data["reasons"],
        immediate=form.immediate,
        expected_version=form.cleaned_data["version"],
    )
    if decision.immediate_effect:
        return _("The licence is revoked with immediate effect. Appeal deadline: %(date)s.") % {
            "date": decision.appeal_deadline.strftime("%d %B %Y")
        }
    return _(
        "Notice of revocation given. The licence stays in force until %(date)s unless an "
        "appeal is lodged."
    ) % {"date": decision.appeal_deadline.strftime("%d %B %Y")}


def _run_expire(licence, user, form):
    services.licence_expire(
        licence=licence,
        actor=user,
        reason=form.reason(),
        expected_version=form.cleaned_data["version"],
    )
    return _("The licence has expired.")


def _run_add_conditions(licence, user, form):
    created = services.licence_impose_conditions(
        licence=licence,
        actor=user,
        conditions=form.condition_specs(),
        reason=form.cleaned_data["reason"],
        expected_version=form.cleaned_data["version"],
    )
    return _("%(count)d condition(s) added.") % {"count": len(created)}


MANAGE_LICENCE = "licensing.manage_licence"
MANAGE_CONDITIONS = "licensing.manage_conditions"

LICENCE_ACTIONS = {
    action.name: action
    for action in [
        OfficeAction(
            "add-conditions",
            gettext_lazy("Add conditions"),
            "impose_conditions",
            MANAGE_CONDITIONS,
            forms.AddConditionsForm,
            _run_add_conditions,
        ),
        OfficeAction(
            "suspend",
            gettext_lazy("Suspend"),
            "suspend",
            MANAGE_LICENCE,
            forms.SuspendForm,
            _run_suspend,
            style="danger",
            hint=gettext_lazy(
                "The licence is suspended at once; the holder may not supply workers until the "
                "suspension is lifted."
            ),
        ),
        OfficeAction(
            "lift-suspension",
            gettext_lazy("Lift the suspension"),
            "lift_suspension",
            MANAGE_LICENCE,
            forms.LiftSuspensionForm,
            _run_lift_suspension,
        ),
        OfficeAction(
            "revoke",
            gettext_lazy("Revoke"),
            "revoke_with_immediate_effect",
            MANAGE_LICENCE,
            forms.RevokeForm,
            _run_revoke,
            style="danger",
        ),
        OfficeAction(
            "expire",
            gettext_lazy("End the licence early"),
            "expire",
            MANAGE_LICENCE,
            forms.ExpireForm,
            _run_expire,
            style="danger",
        ),
    ]
}


def _licence_or_404(urn):
    return get_object_or_404(Licence.objects.select_related("provider"), urn=urn.upper())


def _licence_actions(licence, user, bound=None):
    available, _blocked = _open_transitions(licence)
    pending = selectors.pending_revocation(licence)
    shown = []
    for action in LICENCE_ACTIONS.values():
        if not user.has_perm(action.perm) or action.transition not in available:
            continue
        if action.name == "revoke" and pending is not None:
            continue
        if bound is not None and bound.prefix == action.name:
            form = bound
        else:
            form = action.form_class(prefix=action.name, initial={"version": licence.version})
        shown.append((action, form))
    return shown


def _condition_forms(licence, user, bound):
    can_manage = user.has_perm(MANAGE_CONDITIONS)
    rows = []
    for condition in licence.conditions.all():
        form = None
        prefix = f"condition-{condition.pk}"
        if can_manage and condition.state == LicenceCondition.State.OPEN:
            form = (
                bound
                if bound is not None and bound.prefix == prefix
                else forms.ConditionOutcomeForm(prefix=prefix)
            )
        rows.append((condition, form))
    return rows


def _render_licence(request, licence, *, bound=None, status=200):
    user = request.user
    provider = licence.provider
    actions = _licence_actions(licence, user, bound)
    context = {
        "office_section": "licences",
        "licence": licence,
        "provider": provider,
        "people": _named_individuals(provider),
        "actions": actions,
        "pending_revocation": selectors.pending_revocation(licence),
        "conditions": _condition_forms(licence, user, bound),
        "decisions": _decisions_with_forms(
            user, AdverseDecision.objects.filter(licence=licence, application__isnull=True), bound
        ),
        "applications": licence.applications.order_by("-created_at"),
        "certificates": licence.certificates.all()[:5],
        "bound": bound,
        "kept_input": _unplaced_input(bound, actions, LICENCE_ACTIONS),
        "audit": selectors.audit_trail(licence=licence)
        if user.has_perm("licensing.view_auditentry")
        else None,
        "certificate_url": reverse("office:certificate_pdf", args=[licence.urn]),
    }
    return render(request, "licensing/office/licence.html", context, status=status)


@require_GET
@staff_required("licensing.view_licence")
def licence_detail(request, urn):
    return _render_licence(request, _licence_or_404(urn))


@require_POST
@staff_required("licensing.view_licence")
def licence_action(request, urn, action):
    spec = LICENCE_ACTIONS.get(action)
    if spec is None:
        raise Http404
    if not request.user.has_perm(spec.perm):
        raise PermissionDenied
    licence = _licence_or_404(urn)
    form = spec.form_class(request.POST, prefix=spec.name)
    if not form.is_valid():
        return _render_licence(request, licence, bound=form, status=400)
    try:
        done = spec.run(licence, request.user, form)
    except workflow.CaseChanged as exc:
        messages.error(request, str(exc))
        licence = _licence_or_404(urn)
        again = spec.form_class(_refresh_version(form, licence.version), prefix=spec.name)
        return _render_licence(request, licence, bound=again, status=409)
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_licence(request, _licence_or_404(urn), bound=form, status=400)
    messages.success(request, done)
    return redirect("office:licence", urn=licence.urn)


@require_POST
@staff_required(MANAGE_CONDITIONS)
def condition_outcome(request, urn, pk):
    licence = _licence_or_404(urn)
    condition = get_object_or_404(licence.conditions, pk=pk)
    form = forms.ConditionOutcomeForm(request.POST, prefix=f"condition-{condition.pk}")
    if not form.is_valid():
        return _render_licence(request, licence, bound=form, status=400)
    service = (
        services.condition_mark_met
        if form.cleaned_data["outcome"] == form.MET
        else services.condition_mark_breached
    )
    try:
        service(condition=condition, actor=request.user, reason=form.cleaned_data["reason"])
    except workflow.ServiceError as exc:
        messages.error(request, str(exc))
        return _render_licence(request, _licence_or_404(urn), bound=form, status=400)
    messages.success(request, _("The condition's outcome is recorded."))
    return redirect("office:licence", urn=licence.urn)


# Providers.


@require_GET
@staff_required("registry.view_labourprovider")
def providers(request):
    search = forms.ProviderSearchForm(request.GET or None)
    q = search.cleaned_data.get("q", "") if search.is_valid() else ""
    page = Paginator(selectors.office_providers(q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "licensing/office/providers.html",
        {"office_section": "providers", "search": search, "page": page, "query": query.urlencode()},
    )


@require_GET
@staff_required("registry.view_labourprovider")
def provider_detail(request, pk):
    provider = get_object_or_404(LabourProvider, pk=pk)
    people = _named_individuals(provider)
    return render(
        request,
        "licensing/office/provider.html",
        {
            "office_section": "providers",
            "provider": provider,
            "people": people,
            "phoenix": [p for p in people if p["warning"]],
            "licences": provider.licences.all(),
            "applications": provider.applications.exclude(state=Application.State.DRAFT)
            .select_related("licence", "assigned_to")
            .order_by("-created_at"),
            "decisions": provider.adverse_decisions.all(),
        },
    )
