"""Inspections: the list, scheduling, the inspection page and each step of an inspection.

Forms check the input, services do the work (and check permissions), selectors read. A
refusal is shown in the form's own error summary with what the user typed; PermissionDenied
is 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.downloads import stored_file_response
from inspections import selectors, services
from inspections.models import FindingAttachment, Inspection, InspectionSettings
from inspections.pdfs import inspection_report_pdf
from inspections.scoring import score_inspection
from licensing.calendar import working_days_between
from licensing.models import LicensingPolicy
from licensing.uploads import download_name
from licensing.workflow import refusal_reasons
from office.access import staff_required
from office.actions import DECIDE, MANAGE_CONDITIONS, answer, may_apply_conditions
from office.forms import inspections as forms
from office.views.parts import CaseAge, paginate

PAGE_SIZE = 50
VIEW = "inspections.view_inspection"
SCHEDULE = "inspections.schedule_inspection"
RECORD = "inspections.record_findings"
REVIEW = "inspections.review_report"


def inspection_or_404(reference):
    return get_object_or_404(
        Inspection.objects.select_related(
            "provider", "licence", "application", "concern", "inspector", "edition"
        ),
        reference=reference.upper(),
    )


COMPLIANCE_KINDS = (
    Inspection.Kind.COMPLIANCE_RANDOM,
    Inspection.Kind.COMPLIANCE_RISK,
    Inspection.Kind.COMPLAINT,
)


def compliance_age(inspection):
    """A compliance case's age in working days against the policy target, while it is open."""
    if inspection.kind not in COMPLIANCE_KINDS or inspection.state in (
        Inspection.State.APPROVED,
        Inspection.State.CANCELLED,
    ):
        return None
    target = LicensingPolicy.load().compliance_target_working_days
    days = working_days_between(
        timezone.localtime(inspection.created_at).date(), timezone.localdate()
    )
    return CaseAge(days, target)


def detail_url(inspection):
    return reverse("office:inspection", args=[inspection.reference])


@require_GET
@staff_required(VIEW)
def inspection_list(request):
    mine = request.GET.get("mine", "1" if request.user.has_perm(RECORD) else "")
    state = request.GET.get("state", "")
    q = request.GET.get("q", "")
    qs = selectors.inspections_for(
        user=request.user if mine == "1" else None,
        state=state if state in Inspection.State.values else None,
        q=q,
    )
    if not state:
        qs = qs.exclude(state__in=[Inspection.State.APPROVED, Inspection.State.CANCELLED])
    page, query = paginate(request, qs, PAGE_SIZE)
    return render(
        request,
        "office/inspections/inspection_list.html",
        {
            "office_section": "inspections",
            "page": page,
            "rows": [(inspection, compliance_age(inspection)) for inspection in page],
            "query": query,
            "mine": mine,
            "state": state,
            "q": q,
            "states": Inspection.State.choices,
            "review_queue": selectors.review_queue() if request.user.has_perm(REVIEW) else None,
        },
    )


@staff_required(SCHEDULE)
def inspection_schedule(request):
    initial = {
        "licence": request.GET.get("licence", ""),
        "application": request.GET.get("application", ""),
        "kind": request.GET.get("kind", ""),
    }

    def show(form, status=200):
        return render(
            request,
            "office/inspections/schedule.html",
            {"office_section": "inspections", "form": form},
            status=status,
        )

    if request.method != "POST":
        return show(forms.ScheduleForm(initial=initial))
    return answer(
        request,
        lambda data: forms.ScheduleForm(data, initial=initial),
        call=lambda form: services.inspection_schedule(
            actor=request.user,
            kind=form.cleaned_data["kind"],
            licence=form.cleaned_data["licence"],
            application=form.cleaned_data["application"],
            inspector=form.cleaned_data["inspector"],
            scheduled_for=form.cleaned_data["scheduled_for"],
        ),
        success=lambda inspection: _("Inspection %s scheduled.") % inspection.reference,
        then=detail_url,
        show=show,
        refusal_in_form=True,
    )


def render_inspection(request, inspection, *, status=200, **forms_in_use):
    """The inspection page; `forms_in_use` are posted forms shown again in their place."""
    user = request.user
    is_inspector = user.pk == inspection.inspector_id and user.has_perm(RECORD)
    editable = is_inspector and inspection.state in Inspection.EDITABLE_STATES
    open_for_scheduler = inspection.state in (
        Inspection.State.SCHEDULED,
        Inspection.State.IN_PROGRESS,
    ) and user.has_perm(SCHEDULE)
    score = score_inspection(inspection)
    settings = InspectionSettings.load()
    share = inspection.interview_share
    context = {
        "office_section": "inspections",
        "inspection": inspection,
        "score": score,
        "sections": selectors.findings_by_section(inspection),
        "is_inspector": is_inspector,
        "editable": editable,
        "interview_target": settings.interview_target_percent,
        "interview_below_target": share is not None and share < settings.interview_target_percent,
        "visit_form": forms_in_use.get("visit_form")
        or (forms.VisitForm(instance=inspection) if editable else None),
        "review_form": forms_in_use.get("review_form")
        or (
            forms.ReviewForm()
            if inspection.state == Inspection.State.SUBMITTED
            and user.has_perm(REVIEW)
            and not is_inspector
            else None
        ),
        "reassign_form": forms_in_use.get("reassign_form")
        or (
            forms.AssignmentForm(
                initial={
                    "inspector": inspection.inspector_id,
                    "scheduled_for": inspection.scheduled_for,
                }
            )
            if open_for_scheduler
            else None
        ),
        "cancel_form": forms_in_use.get("cancel_form")
        or (forms.ReasonForm() if open_for_scheduler else None),
        "can_apply_conditions": may_apply_conditions(user, inspection, score),
        "apply_form": forms_in_use.get("apply_form"),
        "violations": selectors.fee_violations().filter(inspection=inspection),
        "can_record_violation": user.has_perm(RECORD)
        and inspection.state != Inspection.State.CANCELLED,
        "submit_blockers": refusal_reasons(inspection, "submit") if editable else [],
    }
    return render(request, "office/inspections/inspection_detail.html", context, status=status)


def decided_on(inspection):
    """Where applying a report's conditions lands: the licence they were applied to."""
    inspection = Inspection.objects.select_related("application__licence", "licence").get(
        pk=inspection.pk
    )
    licence = inspection.application.licence if inspection.application else inspection.licence
    if licence is None:
        return detail_url(inspection)
    return reverse("office:licence", args=[licence.urn])


def answer_on_inspection(request, inspection, build, *, call, success, form_name=None, then=None):
    """Answer a form posted from the inspection page; `form_name` is the context name under
    which the page shows the posted form again; `then` is where the next step is, when it is
    not on this page."""
    reference = inspection.reference
    return answer(
        request,
        build,
        call=call,
        success=success,
        then=then or detail_url(inspection),
        show=lambda form, status: render_inspection(
            request,
            inspection_or_404(reference),
            status=status,
            **({form_name: form} if form_name else {}),
        ),
        refusal_in_form=True,
    )


@require_GET
@staff_required(VIEW)
def inspection_detail(request, reference):
    return render_inspection(request, inspection_or_404(reference))


@require_POST
@staff_required(RECORD)
def inspection_start(request, reference):
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        None,
        call=lambda _form: services.inspection_start(inspection=inspection, actor=request.user),
        success=_("Inspection started."),
    )


@require_POST
@staff_required(RECORD)
def inspection_visit(request, reference):
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        # Its own instance: validating a model form writes the input onto it.
        lambda data: forms.VisitForm(data, instance=Inspection.objects.get(pk=inspection.pk)),
        call=lambda form: services.inspection_record_visit(
            inspection=inspection,
            actor=request.user,
            visited_on=form.cleaned_data["visited_on"],
            workers_employed=form.cleaned_data["workers_employed"],
            workers_interviewed=form.cleaned_data["workers_interviewed"],
            sites=form.cleaned_data["sites"],
            interpreter_used=form.cleaned_data["interpreter_used"],
            labour_users_visited=form.cleaned_data["labour_users_visited"],
            summary=form.cleaned_data["summary"],
        ),
        success=_("Visit record saved."),
        form_name="visit_form",
    )


@staff_required(RECORD)
def inspection_section(request, reference, number):
    inspection = inspection_or_404(reference)
    sections = {
        section.number: (section, rows)
        for section, rows in selectors.findings_by_section(inspection)
    }
    if number not in sections:
        raise Http404
    if request.user.pk != inspection.inspector_id:
        raise PermissionDenied
    section, rows = sections[number]
    later = sorted(n for n in sections if n > number)

    def show(form, status=200):
        return render(
            request,
            "office/inspections/section.html",
            {
                "office_section": "inspections",
                "inspection": inspection,
                "section": section,
                "form": form,
                "has_next": bool(later),
            },
            status=status,
        )

    def record(form):
        for standard, result, evidence, upload in form.entries():
            finding = services.finding_record(
                inspection=inspection,
                actor=request.user,
                standard=standard,
                result=result,
                evidence=evidence,
            )
            if upload:
                services.finding_attach(finding=finding, actor=request.user, file=upload)

    if request.method != "POST":
        return show(forms.SectionForm(rows=rows))
    if later and "next" in request.POST:
        then = reverse("office:inspection_section", args=[inspection.reference, later[0]])
    else:
        then = detail_url(inspection)
    return answer(
        request,
        lambda data: forms.SectionForm(data, request.FILES, rows=rows),
        call=record,
        success=_("Findings for section %s saved.") % section.number,
        then=then,
        show=show,
        refusal_in_form=True,
    )


@require_GET
@staff_required(VIEW)
def attachment_download(request, reference, pk):
    attachment = get_object_or_404(
        FindingAttachment, pk=pk, finding__inspection__reference=reference.upper()
    )
    return stored_file_response(
        request,
        attachment.file,
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )


@require_POST
@staff_required(RECORD)
def inspection_submit(request, reference):
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        None,
        call=lambda _form: services.inspection_submit(inspection=inspection, actor=request.user),
        success=_("Report submitted for review."),
    )


@require_POST
@staff_required(REVIEW)
def inspection_review(request, reference):
    inspection = inspection_or_404(reference)

    def review(form):
        comments = form.cleaned_data["comments"]
        if form.cleaned_data["decision"] == forms.ReviewForm.APPROVE:
            services.inspection_approve(
                inspection=inspection, actor=request.user, comments=comments
            )
            return _("Report approved.")
        services.inspection_return(inspection=inspection, actor=request.user, comments=comments)
        return _("Report returned to the inspector.")

    return answer_on_inspection(
        request,
        inspection,
        forms.ReviewForm,
        call=review,
        success=lambda done: done,
        form_name="review_form",
        # An approved application report hands the case back to its decision; a returned
        # report stays here for the inspector.
        then=lambda _done: (
            reverse("office:application", args=[inspection.application.reference])
            if inspection.application_id
            and request.POST.get("decision") == forms.ReviewForm.APPROVE
            else detail_url(inspection)
        ),
    )


@require_POST
@staff_required(SCHEDULE)
def inspection_reassign(request, reference):
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        forms.AssignmentForm,
        call=lambda form: services.inspection_reassign(
            inspection=inspection, actor=request.user, **form.cleaned_data
        ),
        success=_("Inspection reassigned."),
        form_name="reassign_form",
    )


@require_POST
@staff_required(SCHEDULE)
def inspection_cancel(request, reference):
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        forms.ReasonForm,
        call=lambda form: services.inspection_cancel(
            inspection=inspection, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        success=_("Inspection cancelled."),
        form_name="cancel_form",
    )


@require_POST
@staff_required(VIEW)
def inspection_apply_conditions(request, reference):
    # The service checks who may: a decision maker for an open application, otherwise
    # whoever manages the licence's conditions. Nobody else gets as far as the form.
    if not (request.user.has_perm(DECIDE) or request.user.has_perm(MANAGE_CONDITIONS)):
        raise PermissionDenied
    inspection = inspection_or_404(reference)
    return answer_on_inspection(
        request,
        inspection,
        forms.ApplyConditionsForm,
        call=lambda _form: services.inspection_apply_conditions(
            inspection=inspection, actor=request.user
        ),
        success=_("The proposed conditions were applied."),
        form_name="apply_form",
        then=lambda _result: decided_on(inspection),
    )


@require_GET
@staff_required(VIEW)
def inspection_pdf(request, reference):
    inspection = inspection_or_404(reference)
    response = HttpResponse(inspection_report_pdf(inspection), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="inspection-{inspection.reference}.pdf"'
    return response
