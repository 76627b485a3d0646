"""Recruitment-fee violations: recorded from an inspection or a concern, repayments ordered,
recorded and confirmed by the workers."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspections import selectors, services
from inspections.models import FeeViolation
from office.access import staff_required
from office.actions import answer
from office.forms import inspections as forms
from office.views.concerns import concern_or_404
from office.views.inspections import PAGE_SIZE, RECORD, inspection_or_404
from office.views.parts import paginate

VIEW = "inspections.view_feeviolation"
ORDER = "inspections.order_repayment"


def violation_url(violation):
    return reverse("office:violation", args=[violation.pk])


def _violation_form(request, *, inspection=None, concern=None):
    def show(form, status=200):
        return render(
            request,
            "office/inspections/violation_form.html",
            {
                "office_section": "violations",
                "inspection": inspection,
                "concern": concern,
                "form": form,
            },
            status=status,
        )

    if request.method != "POST":
        return show(forms.FeeViolationForm())
    return answer(
        request,
        forms.FeeViolationForm,
        call=lambda form: services.fee_violation_record(
            actor=request.user, inspection=inspection, concern=concern, **form.cleaned_data
        ),
        success=_("Recruitment-fee violation recorded."),
        then=violation_url,
        show=show,
        refusal_in_form=True,
    )


@staff_required(RECORD)
def inspection_violation_new(request, reference):
    return _violation_form(request, inspection=inspection_or_404(reference))


@staff_required(RECORD)
def concern_violation_new(request, reference):
    return _violation_form(request, concern=concern_or_404(reference))


@require_GET
@staff_required(VIEW)
def violation_list(request):
    state = request.GET.get("state", "")
    page, query = paginate(request, selectors.fee_violations(state=state or None), PAGE_SIZE)
    return render(
        request,
        "office/inspections/violation_list.html",
        {
            "office_section": "violations",
            "page": page,
            "query": query,
            "totals": selectors.fee_violation_totals(),
            "states": FeeViolation.State.choices,
            "state": state,
        },
    )


def violation_or_404(pk):
    return get_object_or_404(
        FeeViolation.objects.select_related("provider", "inspection", "concern"), pk=pk
    )


def render_violation(request, violation, *, status=200, **forms_in_use):
    """The violation page; `forms_in_use` are posted forms shown again in their place."""
    user = request.user
    return render(
        request,
        "office/inspections/violation_detail.html",
        {
            "office_section": "violations",
            "violation": violation,
            "repayments": violation.repayments.all(),
            "provider_totals": selectors.fee_violation_totals(provider=violation.provider),
            "order_form": forms_in_use.get("order_form")
            or (
                forms.OrderRepaymentForm(initial={"amount": violation.amount})
                if violation.state == FeeViolation.State.RECORDED and user.has_perm(ORDER)
                else None
            ),
            "repayment_form": forms_in_use.get("repayment_form")
            or (
                forms.RepaymentForm()
                if violation.state in FeeViolation.UNPAID_STATES and user.has_perm(RECORD)
                else None
            ),
            "can_confirm": user.has_perm(RECORD),
            "slips": violation.worker_codes.select_related("concern"),
        },
        status=status,
    )


def answer_on_violation(request, violation, build, *, call, success, form_name=None):
    """Answer a form posted from the violation page; `form_name` is the context name under
    which the page shows the posted form again."""
    pk = violation.pk
    return answer(
        request,
        build,
        call=call,
        success=success,
        then=violation_url(violation),
        show=lambda form, status: render_violation(
            request, violation_or_404(pk), status=status, **({form_name: form} if form_name else {})
        ),
        refusal_in_form=True,
    )


@require_GET
@staff_required(VIEW)
def violation_detail(request, pk):
    return render_violation(request, violation_or_404(pk))


@require_POST
@staff_required(ORDER)
def violation_order(request, pk):
    violation = violation_or_404(pk)
    return answer_on_violation(
        request,
        violation,
        forms.OrderRepaymentForm,
        call=lambda form: services.fee_violation_order_repayment(
            violation=violation, actor=request.user, **form.cleaned_data
        ),
        success=_("Repayment ordered."),
        form_name="order_form",
    )


@require_POST
@staff_required(RECORD)
def violation_repayment(request, pk):
    violation = violation_or_404(pk)
    return answer_on_violation(
        request,
        violation,
        forms.RepaymentForm,
        call=lambda form: services.repayment_record(
            violation=violation, actor=request.user, **form.cleaned_data
        ),
        success=_("Repayment recorded."),
        form_name="repayment_form",
    )


@require_POST
@staff_required(RECORD)
def repayment_confirm(request, pk, repayment_pk):
    violation = violation_or_404(pk)
    repayment = get_object_or_404(violation.repayments, pk=repayment_pk)
    return answer_on_violation(
        request,
        violation,
        None,
        call=lambda _form: services.repayment_confirm(repayment=repayment, actor=request.user),
        success=_("Workers' confirmation recorded."),
    )
