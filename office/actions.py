"""The steps offered on case and licence pages, and the one way the office answers a form.

A step here is only a description for the page: its label, form, hint and style, the
transition it runs and the permission it needs, so that the page offers it only when it is
possible now. Each step is posted to its own view (``url_name``), which calls one service.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from licensing import workflow
from licensing.models import Application
from office.forms import licensing as forms

PROCESS = "licensing.process_application"
DECIDE = "licensing.decide_application"
MANAGE_LICENCE = "licensing.manage_licence"
MANAGE_CONDITIONS = "licensing.manage_conditions"
RECORD_FEE = "licensing.record_fee"


@dataclass(frozen=True)
class Step:
    """A step on a case or licence page. `name` is its form's prefix; `kinds`, when given,
    limits it to those kinds of application."""

    name: str
    label: str
    url_name: str
    transition: str
    perm: str
    form_class: type
    hint: str = ""
    style: str = ""
    kinds: tuple = ()
    # The transition's only condition is what the form asks for (a refusal must state its
    # reasons), so the step is offered whenever the state allows it.
    form_supplies_condition: bool = False

    def form(self, data=None, *, version=None):
        return self.form_class(data, prefix=self.name, initial={"version": version})


# Steps on a case, in the order the page shows them.
VALIDATE = Step(
    "validate",
    _("Validate"),
    "office:application_validate",
    "validate",
    PROCESS,
    forms.VersionForm,
    hint=_("The application is complete and its fee is received."),
)
START_ASSESSMENT = Step(
    "start-assessment",
    _("Start assessment"),
    "office:application_start_assessment",
    "start_assessment",
    PROCESS,
    forms.VersionForm,
)
FAST_TRACK = Step(
    "fast-track",
    _("Grant on the fast track"),
    "office:application_fast_track",
    "fast_track_renewal",
    PROCESS,
    forms.VersionForm,
    kinds=(Application.Kind.RENEWAL,),
    hint=_("The holder had a clean last licence year: the renewal is granted without assessment."),
)
REQUIRE_INSPECTION = Step(
    "require-inspection",
    _("Require an inspection"),
    "office:application_require_inspection",
    "require_inspection",
    PROCESS,
    forms.RequireInspectionForm,
)
RETURN = Step(
    "return",
    _("Return for more information"),
    "office:application_return",
    "return_for_information",
    PROCESS,
    forms.ReturnForm,
    style="secondary",
)
GRANT = Step("grant", _("Grant"), "office:application_grant", "grant", DECIDE, forms.GrantForm)
GRANT_WITH_CONDITIONS = Step(
    "grant-with-conditions",
    _("Grant with conditions"),
    "office:application_grant_with_conditions",
    "grant_with_conditions",
    DECIDE,
    forms.GrantWithConditionsForm,
    hint=_("One additional licence condition per failed standard."),
)
REFUSE = Step(
    "refuse",
    _("Refuse"),
    "office:application_refuse",
    "refuse",
    DECIDE,
    forms.RefuseForm,
    style="danger",
    form_supplies_condition=True,
)
WITHDRAW = Step(
    "withdraw",
    _("Withdraw"),
    "office:application_withdraw",
    "withdraw",
    PROCESS,
    forms.WithdrawForm,
    style="secondary",
)
CASE_STEPS = (
    VALIDATE,
    START_ASSESSMENT,
    FAST_TRACK,
    REQUIRE_INSPECTION,
    RETURN,
    GRANT,
    GRANT_WITH_CONDITIONS,
    REFUSE,
    WITHDRAW,
)

# Steps on a licence.
ADD_CONDITIONS = Step(
    "add-conditions",
    _("Add conditions"),
    "office:licence_add_conditions",
    "impose_conditions",
    MANAGE_CONDITIONS,
    forms.AddConditionsForm,
)
SUSPEND = Step(
    "suspend",
    _("Suspend"),
    "office:licence_suspend",
    "suspend",
    MANAGE_LICENCE,
    forms.SuspendForm,
    style="danger",
    hint=_(
        "The licence is suspended at once; the holder may not supply workers until the "
        "suspension is lifted."
    ),
)
LIFT_SUSPENSION = Step(
    "lift-suspension",
    _("Lift the suspension"),
    "office:licence_lift_suspension",
    "lift_suspension",
    MANAGE_LICENCE,
    forms.LiftSuspensionForm,
)
REVOKE = Step(
    "revoke",
    _("Revoke"),
    "office:licence_revoke",
    "revoke_with_immediate_effect",
    MANAGE_LICENCE,
    forms.RevokeForm,
    style="danger",
)
EXPIRE = Step(
    "expire",
    _("End the licence early"),
    "office:licence_expire",
    "expire",
    MANAGE_LICENCE,
    forms.ExpireForm,
    style="danger",
)
LICENCE_STEPS = (ADD_CONDITIONS, SUSPEND, LIFT_SUSPENSION, REVOKE, EXPIRE)


def offered(instance, steps, user, bound=None):
    """The steps `user` may take from the record's current state, each with its form (the
    posted one, `bound`, in its place), and the steps the state allows but a condition still
    blocks, each with the reason, so that the officer knows what is missing."""
    available = set(workflow.available_transitions(instance))
    shown, waiting = [], []
    for step in steps:
        if not user.has_perm(step.perm):
            continue
        if step.kinds and instance.kind not in step.kinds:
            continue
        if step.transition in available or (
            step.form_supplies_condition and _state_allows(instance, step.transition)
        ):
            if bound is not None and bound.prefix == step.name:
                shown.append((step, bound))
            else:
                shown.append((step, step.form(version=instance.version)))
        elif _state_allows(instance, step.transition):
            reasons = workflow.refusal_reasons(instance, step.transition)
            if reasons:
                waiting.append((step, " ".join(reasons)))
    return shown, waiting


def _state_allows(instance, name):
    return any(
        transition.name == name and transition.source in (instance.state, "*", "+")
        for transition in instance.get_all_state_transitions()
    )


def kept_input(bound, shown, steps):
    """What the user typed for a step that the record's current state no longer offers (so
    its form is not on the page): shown so that nothing they wrote is lost."""
    if bound is None or bound.prefix not in {step.name for step in steps}:
        return []
    if any(form is bound for _step, form in shown):
        return []
    return [
        (field.label, bound.data.get(bound.add_prefix(name)))
        for name, field in bound.fields.items()
        if not field.widget.is_hidden and bound.data.get(bound.add_prefix(name))
    ]


def may_apply_conditions(user, inspection, score) -> bool:
    """Whether `user` may now apply the conditions an approved inspection report proposes:
    a decision maker grants the open application with them, otherwise they are imposed on the
    licence (the rule ``inspections.services.inspection_apply_conditions`` enforces)."""
    if inspection.state != inspection.State.APPROVED or inspection.conditions_applied_at:
        return False
    if not score.proposed_conditions:
        return False
    application = inspection.application
    if application is not None and application.state not in application.DECIDED_STATES:
        return user.has_perm(DECIDE)
    return inspection.licence is not None and user.has_perm(MANAGE_CONDITIONS)


def answer(
    request,
    build: Callable | None,
    *,
    call: Callable,
    success,
    then,
    show: Callable,
    current_version: Callable[[], int] | None = None,
    refusal_in_form: bool = False,
):
    """Answer a posted form the one way the office does.

    - Input that does not validate: the page again, status 400, with what the user typed.
    - ``CaseChanged``: status 409, nothing saved, the input kept but bound to the version now
      current (`current_version()`), so that the user checks the case and submits again.
    - Any other ``ServiceError``: the page again, status 400, with the message: in the page's
      messages or, where each form carries its own error summary (`refusal_in_form`), there.
    - Success: the `success` message and a redirect to `then`, so that reloading the page
      does not post again. Either may be a function of what the service returned.

    `build(data)` makes the form (None for a step with nothing to fill in); `call(form)` calls
    the service; `show(form, status)` renders the page again, reading its record afresh.
    """
    form = build(request.POST) if build is not None else None
    if form is not None and not form.is_valid():
        return show(form, 400)
    try:
        result = call(form)
    except workflow.ServiceError as exc:
        if isinstance(exc, workflow.CaseChanged) and form is not None and current_version:
            messages.error(request, str(exc))
            data = request.POST.copy()
            data[form.add_prefix("version")] = str(current_version())
            return show(build(data), 409)
        if refusal_in_form and form is not None:
            form.add_error(None, str(exc))
        else:
            messages.error(request, str(exc))
        return show(form, 400)
    messages.success(request, success(result) if callable(success) else success)
    return redirect(then(result) if callable(then) else then)
