"""Concerns reported by the public: the triage queue, and each triage step, one view each."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspections import selectors, services
from inspections.models import Concern
from office.access import staff_required
from office.actions import answer
from office.forms import inspections as forms
from office.views.inspections import PAGE_SIZE, SCHEDULE, detail_url
from office.views.parts import paginate

VIEW = "inspections.view_concern"
TRIAGE = "inspections.triage_concern"


def concern_or_404(reference):
    return get_object_or_404(
        Concern.objects.select_related("provider", "assigned_to"), reference=reference.upper()
    )


@require_GET
@staff_required(VIEW)
def concern_list(request):
    state = request.GET.get("state", "")
    q = request.GET.get("q", "")
    qs = selectors.concern_queue(state=state if state in Concern.State.values else None, q=q)
    page, query = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "office/inspections/concern_list.html",
        {
            "office_section": "concerns",
            "page": page,
            "query": query,
            "states": Concern.State.choices,
            "state": state,
            "q": q,
        },
    )


def render_concern(request, concern, *, status=200, **forms_in_use):
    """The concern page; `forms_in_use` are posted forms shown again in their place."""
    user = request.user
    triage = user.has_perm(TRIAGE) and concern.state != Concern.State.CLOSED
    can_open_inspection = (
        triage
        and concern.provider_id
        and concern.state != Concern.State.INSPECTION_OPENED
        and user.has_perm(SCHEDULE)
    )
    return render(
        request,
        "office/inspections/concern_detail.html",
        {
            "office_section": "concerns",
            "concern": concern,
            "updates": concern.updates.all(),
            "mailbox": concern.messages.select_related("author"),
            "inspections": concern.inspections.all(),
            "violations": concern.fee_violations.all(),
            "show_identity": user.has_perm("inspections.view_reporter_identity"),
            "triage": triage,
            "assess_form": forms_in_use.get("assess_form")
            or (
                forms.ConcernAssessForm(initial={"assessment": concern.assessment})
                if triage
                else None
            ),
            "close_form": forms_in_use.get("close_form")
            or (forms.ConcernCloseForm() if triage else None),
            "inspection_form": forms_in_use.get("inspection_form")
            or (forms.AssignmentForm() if can_open_inspection else None),
        },
        status=status,
    )


def answer_on_concern(request, concern, build, *, call, success, form_name=None, then=None):
    """Answer a form posted from the concern page; `form_name` is the context name under which
    the page shows the posted form again."""
    reference = concern.reference
    return answer(
        request,
        build,
        call=call,
        success=success,
        then=then or reverse("office:concern", args=[reference]),
        show=lambda form, status: render_concern(
            request,
            concern_or_404(reference),
            status=status,
            **({form_name: form} if form_name else {}),
        ),
        refusal_in_form=True,
    )


@require_GET
@staff_required(VIEW)
def concern_detail(request, reference):
    return render_concern(request, concern_or_404(reference))


@require_POST
@staff_required(TRIAGE)
def concern_review(request, reference):
    concern = concern_or_404(reference)
    return answer_on_concern(
        request,
        concern,
        None,
        call=lambda _form: services.concern_start_review(concern=concern, actor=request.user),
        success=_("Concern updated."),
    )


@require_POST
@staff_required(TRIAGE)
def concern_assess(request, reference):
    concern = concern_or_404(reference)

    def assess(form):
        # Assessing a concern nobody has looked at yet takes it into review first.
        current = concern
        if current.state == Concern.State.RECEIVED:
            current = services.concern_start_review(concern=current, actor=request.user)
        return services.concern_assess(concern=current, actor=request.user, **form.cleaned_data)

    return answer_on_concern(
        request,
        concern,
        forms.ConcernAssessForm,
        call=assess,
        success=_("Concern updated."),
        form_name="assess_form",
    )


@require_POST
@staff_required(TRIAGE)
def concern_close(request, reference):
    concern = concern_or_404(reference)
    return answer_on_concern(
        request,
        concern,
        forms.ConcernCloseForm,
        call=lambda form: services.concern_close(
            concern=concern, actor=request.user, **form.cleaned_data
        ),
        success=_("Concern updated."),
        form_name="close_form",
    )


@require_POST
@staff_required(TRIAGE)
def concern_open_inspection(request, reference):
    concern = concern_or_404(reference)
    return answer_on_concern(
        request,
        concern,
        forms.AssignmentForm,
        call=lambda form: services.concern_open_inspection(
            concern=concern, actor=request.user, **form.cleaned_data
        ),
        success=lambda inspection: _("Inspection %s scheduled.") % inspection.reference,
        form_name="inspection_form",
        then=detail_url,
    )
