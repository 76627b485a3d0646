"""The case page and the steps an officer takes on an application, one view each.

Each step's form is small; when the step cannot be carried out the page is shown again with
the user's input and the reason, never an error page (see ``office.actions.answer``).
"""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from licensing import selectors, services
from licensing.models import AdverseDecision, Application, FeePayment, LicensingPolicy
from office import actions
from office.access import staff_required
from office.forms import licensing as forms
from office.views.parts import CaseAge, decision_rows, named_individuals, posted_or_new
from registry import selectors as registry_selectors


def application_or_404(reference):
    return get_object_or_404(
        Application.objects.select_related("provider", "licence", "assigned_to", "fee_band"),
        reference=reference,
    )


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


def render_case(request, application, *, bound=None, status=200):
    """The case page; `bound` is a form the user posted, shown again in its place with what
    they typed."""
    user = request.user
    shown, waiting = actions.offered(application, actions.CASE_STEPS, user, bound)
    people = named_individuals(application.provider)
    can_process = user.has_perm(actions.PROCESS)
    can_record_fee = user.has_perm(actions.RECORD_FEE)
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
        "can_record_fee": can_record_fee,
        "can_request_payment": (
            can_record_fee
            and application.fee_outstanding
            and not application.payments.filter(state=FeePayment.State.PENDING).exists()
        ),
        "documents": application.documents.all(),
        "case_messages": application.messages.all(),
        "message_form": posted_or_new(bound, forms.MessageForm(prefix="message"))
        if can_process
        else None,
        "assign_form": posted_or_new(
            bound,
            forms.AssignForm(
                prefix="assign",
                case_workers=selectors.case_workers(),
                initial={"version": application.version, "assignee": application.assigned_to_id},
            ),
        )
        if can_process
        else None,
        "conditions": application.conditions.all(),
        "decisions": decision_rows(
            user, AdverseDecision.objects.filter(application=application), bound
        ),
        "actions": shown,
        "waiting": waiting,
        "bound": bound,
        "kept_input": actions.kept_input(bound, shown, actions.CASE_STEPS),
        "audit": selectors.audit_trail(application=application)
        if user.has_perm("licensing.view_auditentry")
        else None,
        "inspection_refusal": services.inspection_refusal(application)
        if application.state in Application.OPEN_STATES
        else "",
        "waiver_form": posted_or_new(
            bound,
            forms.WaiveInspectionForm(prefix="waive", initial={"version": application.version}),
        )
        if user.has_perm(actions.DECIDE)
        and services.inspection_refusal(application)
        and application.state in Application.OPEN_STATES
        else None,
        "person_matches": registry_selectors.open_person_matches(application.provider),
        "role_accounts": services.role_accounts(application.provider),
        "decision_letter_url": reverse("office:decision_letter_pdf", args=[application.reference])
        if application.state in Application.DECIDED_STATES
        else "",
    }
    return render(request, "office/application.html", context, status=status)


def answer_on_case(request, application, build, *, call, success):
    """Answer a form posted from the case page: back to the case, or the case again with the
    input and the reason."""
    reference = application.reference
    return actions.answer(
        request,
        build,
        call=call,
        success=success,
        then=reverse("office:application", args=[reference]),
        show=lambda form, status: render_case(
            request, application_or_404(reference), bound=form, status=status
        ),
        current_version=lambda: application_or_404(reference).version,
    )


@require_GET
@staff_required()
def application_detail(request, reference):
    return render_case(request, application_or_404(reference))


# The steps of the case's workflow (office.actions.CASE_STEPS).


@require_POST
@staff_required(actions.VALIDATE.perm)
def validate(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.VALIDATE.form,
        call=lambda form: services.application_validate(
            application=application,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application is validated."),
    )


@require_POST
@staff_required(actions.START_ASSESSMENT.perm)
def start_assessment(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.START_ASSESSMENT.form,
        call=lambda form: services.application_start_assessment(
            application=application,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        ),
        success=_("Assessment has started."),
    )


@require_POST
@staff_required(actions.FAST_TRACK.perm)
def fast_track(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.FAST_TRACK.form,
        call=lambda form: services.application_fast_track(
            application=application,
            actor=request.user,
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The renewal is granted on the fast track."),
    )


@require_POST
@staff_required(actions.REQUIRE_INSPECTION.perm)
def require_inspection(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.REQUIRE_INSPECTION.form,
        call=lambda form: services.application_require_inspection(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("An inspection is now required."),
    )


@require_POST
@staff_required(actions.RETURN.perm)
def return_for_information(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.RETURN.form,
        call=lambda form: services.application_return(
            application=application,
            actor=request.user,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application was returned to the applicant for more information."),
    )


@require_POST
@staff_required(actions.GRANT.perm)
def grant(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.GRANT.form,
        call=lambda form: services.application_grant(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application is granted."),
    )


@require_POST
@staff_required(actions.GRANT_WITH_CONDITIONS.perm)
def grant_with_conditions(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.GRANT_WITH_CONDITIONS.form,
        call=lambda form: services.application_grant(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            conditions=form.condition_specs(),
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application is granted with additional licence conditions."),
    )


@require_POST
@staff_required(actions.DECIDE)
def waive_inspection(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        lambda data: forms.WaiveInspectionForm(data, prefix="waive"),
        call=lambda form: services.inspection_waive(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application inspection is waived; the reason is recorded."),
    )


@require_POST
@staff_required(actions.REFUSE.perm)
def refuse(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.REFUSE.form,
        call=lambda form: services.application_refuse(
            application=application,
            actor=request.user,
            reasons=form.cleaned_data["reasons"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application is refused. The appeal windows are open."),
    )


@require_POST
@staff_required(actions.WITHDRAW.perm)
def withdraw(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        actions.WITHDRAW.form,
        call=lambda form: services.application_withdraw(
            application=application,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        success=_("The application is withdrawn."),
    )


# Working the case: assignment and messages.


def _assigned_message(assignee):
    if assignee is None:
        return _("The case is now unassigned.")
    return _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.username}


@require_POST
@staff_required(actions.PROCESS)
def assign(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        lambda data: forms.AssignForm(data, prefix="assign", case_workers=selectors.case_workers()),
        call=lambda form: services.application_assign(
            application=application,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
        ),
        success=lambda application: _assigned_message(application.assigned_to),
    )


@require_POST
@staff_required(actions.PROCESS)
def message(request, reference):
    application = application_or_404(reference)
    return answer_on_case(
        request,
        application,
        lambda data: forms.MessageForm(data, prefix="message"),
        call=lambda form: services.case_message_send(
            application=application, actor=request.user, body=form.cleaned_data["body"]
        ),
        success=_("Your message was sent to the applicant."),
    )
