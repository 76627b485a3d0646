"""Appeals against refusals and revocations, recorded from the case or licence page."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from licensing import services
from licensing.models import AdverseDecision, Appeal
from office.access import staff_required
from office.actions import DECIDE
from office.forms import licensing as forms
from office.views.applications import answer_on_case
from office.views.licences import answer_on_licence


def _answer_on_decision_page(request, decision, build, *, call, success):
    """A refusal's appeals are recorded on its case, a revocation's on its licence."""
    if decision.application_id:
        return answer_on_case(request, decision.application, build, call=call, success=success)
    return answer_on_licence(request, decision.licence, build, call=call, success=success)


@require_POST
@staff_required(DECIDE)
def appeal_lodge(request, pk):
    decision = get_object_or_404(
        AdverseDecision.objects.select_related("application", "licence"), pk=pk
    )
    return _answer_on_decision_page(
        request,
        decision,
        lambda data: forms.AppealLodgeForm.for_decision(decision, data),
        call=lambda form: services.appeal_lodge(
            decision=decision, actor=request.user, **form.cleaned_data
        ),
        success=_("The appeal is recorded."),
    )


@require_POST
@staff_required(DECIDE)
def appeal_decide(request, pk):
    appeal = get_object_or_404(
        Appeal.objects.select_related("decision__application", "decision__licence"), pk=pk
    )
    return _answer_on_decision_page(
        request,
        appeal.decision,
        lambda data: forms.AppealOutcomeForm.for_appeal(appeal, data),
        call=lambda form: services.appeal_decide(
            appeal=appeal,
            actor=request.user,
            outcome=form.cleaned_data["outcome"],
            reason=form.cleaned_data["reason"],
        ),
        success=_("The appeal outcome is recorded."),
    )
