"""Office pages for inspections, the risk queue, concerns and recruitment-fee violations.

Thin views: forms check the input, services do the work (and check permissions), selectors
read. A ServiceError is shown on the form with what the user typed; PermissionDenied is 403.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspections import forms, selectors, services
from inspections.models import (
    Concern,
    FeeViolation,
    FindingAttachment,
    Inspection,
    InspectionSettings,
    LicenceRisk,
    StandardsEdition,
)
from inspections.pdfs import inspection_report_pdf
from inspections.scoring import score_inspection
from licensing.views import staff_required
from licensing.workflow import ServiceError, refusal_reasons

PAGE_SIZE = 50


def _inspection(reference):
    return get_object_or_404(
        Inspection.objects.select_related(
            "provider", "licence", "application", "concern", "inspector", "edition"
        ),
        reference=reference.upper(),
    )


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Inspections.


@staff_required("inspections.view_inspection")
def inspection_list(request):
    mine = request.GET.get(
        "mine", "1" if request.user.has_perm("inspections.record_findings") else ""
    )
    state = request.GET.get("state", "")
    q = request.GET.get("q", "")
    qs = selectors.inspections_for(
        user=request.user if mine == "1" else None,
        state=state if state in Inspection.State.values else None,
        q=q,
    )
    if not state:
        qs = qs.exclude(state__in=[Inspection.State.APPROVED, Inspection.State.CANCELLED])
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "inspections/inspection_list.html",
        {
            "office_section": "inspections",
            "page": _page(request, qs),
            "query": params.urlencode(),
            "mine": mine,
            "state": state,
            "q": q,
            "states": Inspection.State.choices,
            "review_queue": selectors.review_queue()
            if request.user.has_perm("inspections.review_report")
            else None,
        },
    )


@staff_required("inspections.schedule_inspection")
def inspection_schedule(request):
    initial = {
        "licence": request.GET.get("licence", ""),
        "application": request.GET.get("application", ""),
        "kind": request.GET.get("kind", ""),
    }
    form = forms.ScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_schedule(
                actor=request.user,
                kind=data["kind"],
                licence=data["licence"],
                application=data["application"],
                inspector=data["inspector"],
                scheduled_for=data["scheduled_for"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Inspection %s scheduled.") % inspection.reference)
            return redirect("inspections:detail", inspection.reference)
    return render(
        request,
        "inspections/schedule.html",
        {"office_section": "inspections", "form": form},
        status=400 if form.errors else 200,
    )


def _detail_context(request, inspection, **forms_in_use):
    user = request.user
    is_inspector = user.pk == inspection.inspector_id and user.has_perm(
        "inspections.record_findings"
    )
    editable = is_inspector and inspection.state in Inspection.EDITABLE_STATES
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
            and user.has_perm("inspections.review_report")
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
            if inspection.state in (Inspection.State.SCHEDULED, Inspection.State.IN_PROGRESS)
            and user.has_perm("inspections.schedule_inspection")
            else None
        ),
        "cancel_form": forms_in_use.get("cancel_form")
        or (
            forms.ReasonForm()
            if inspection.state in (Inspection.State.SCHEDULED, Inspection.State.IN_PROGRESS)
            and user.has_perm("inspections.schedule_inspection")
            else None
        ),
        "can_apply_conditions": inspection.state == Inspection.State.APPROVED
        and inspection.conditions_applied_at is None
        and bool(score.proposed_conditions)
        and _may_apply(user, inspection),
        "violations": selectors.fee_violations().filter(inspection=inspection),
        "can_record_violation": user.has_perm("inspections.record_findings")
        and inspection.state != Inspection.State.CANCELLED,
        "submit_blockers": refusal_reasons(inspection, "submit") if editable else [],
    }
    return context


def _may_apply(user, inspection):
    application = inspection.application
    if application is not None and application.state not in application.DECIDED_STATES:
        return user.has_perm("licensing.decide_application")
    return inspection.licence is not None and user.has_perm("licensing.manage_conditions")


@staff_required("inspections.view_inspection")
def inspection_detail(request, reference):
    inspection = _inspection(reference)
    return render(
        request, "inspections/inspection_detail.html", _detail_context(request, inspection)
    )


def _service_or_message(request, inspection, call, success):
    try:
        call()
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("inspections:detail", inspection.reference)


@require_POST
@staff_required("inspections.record_findings")
def inspection_start(request, reference):
    inspection = _inspection(reference)
    return _service_or_message(
        request,
        inspection,
        lambda: services.inspection_start(inspection=inspection, actor=request.user),
        _("Inspection started."),
    )


@require_POST
@staff_required("inspections.record_findings")
def inspection_visit(request, reference):
    inspection = _inspection(reference)
    form = forms.VisitForm(request.POST, instance=Inspection.objects.get(pk=inspection.pk))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.inspection_record_visit(
                inspection=inspection,
                actor=request.user,
                visited_on=data["visited_on"],
                workers_employed=data["workers_employed"],
                workers_interviewed=data["workers_interviewed"],
                sites=data["sites"],
                interpreter_used=data["interpreter_used"],
                labour_users_visited=data["labour_users_visited"],
                summary=data["summary"],
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Visit record saved."))
            return redirect("inspections:detail", inspection.reference)
    return render(
        request,
        "inspections/inspection_detail.html",
        _detail_context(request, inspection, visit_form=form),
        status=400,
    )


@staff_required("inspections.record_findings")
def inspection_section(request, reference, number):
    inspection = _inspection(reference)
    sections = dict(
        (section.number, (section, rows))
        for section, rows in selectors.findings_by_section(inspection)
    )
    if number not in sections:
        raise Http404
    if request.user.pk != inspection.inspector_id:
        raise PermissionDenied
    section, rows = sections[number]
    form = forms.SectionForm(request.POST or None, request.FILES or None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
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
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Findings for section %s saved.") % section.number)
            numbers = sorted(sections)
            later = [n for n in numbers if n > number]
            if later and "next" in request.POST:
                return redirect("inspections:section", inspection.reference, later[0])
            return redirect("inspections:detail", inspection.reference)
    numbers = sorted(sections)
    return render(
        request,
        "inspections/section.html",
        {
            "office_section": "inspections",
            "inspection": inspection,
            "section": section,
            "form": form,
            "has_next": any(n > number for n in numbers),
        },
        status=400 if form.errors else 200,
    )


@staff_required("inspections.view_inspection")
def attachment_download(request, reference, pk):
    attachment = get_object_or_404(
        FindingAttachment, pk=pk, finding__inspection__reference=reference.upper()
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@require_POST
@staff_required("inspections.record_findings")
def inspection_submit(request, reference):
    inspection = _inspection(reference)
    return _service_or_message(
        request,
        inspection,
        lambda: services.inspection_submit(inspection=inspection, actor=request.user),
        _("Report submitted for review."),
    )


@require_POST
@staff_required("inspections.review_report")
def inspection_review(request, reference):
    inspection = _inspection(reference)
    form = forms.ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "approve":
                services.inspection_approve(
                    inspection=inspection, actor=request.user, comments=data["comments"]
                )
                messages.success(request, _("Report approved."))
            else:
                services.inspection_return(
                    inspection=inspection, actor=request.user, comments=data["comments"]
                )
                messages.success(request, _("Report returned to the inspector."))
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("inspections:detail", inspection.reference)
    return render(
        request,
        "inspections/inspection_detail.html",
        _detail_context(request, inspection, review_form=form),
        status=400,
    )


@require_POST
@staff_required("inspections.schedule_inspection")
def inspection_reassign(request, reference):
    inspection = _inspection(reference)
    form = forms.AssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_reassign(
                inspection=inspection, actor=request.user, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Inspection reassigned."))
            return redirect("inspections:detail", inspection.reference)
    return render(
        request,
        "inspections/inspection_detail.html",
        _detail_context(request, inspection, reassign_form=form),
        status=400,
    )


@require_POST
@staff_required("inspections.schedule_inspection")
def inspection_cancel(request, reference):
    inspection = _inspection(reference)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_cancel(
                inspection=inspection, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Inspection cancelled."))
            return redirect("inspections:detail", inspection.reference)
    return render(
        request,
        "inspections/inspection_detail.html",
        _detail_context(request, inspection, cancel_form=form),
        status=400,
    )


@require_POST
@staff_required("inspections.view_inspection")
def inspection_apply_conditions(request, reference):
    inspection = _inspection(reference)
    return _service_or_message(
        request,
        inspection,
        lambda: services.inspection_apply_conditions(inspection=inspection, actor=request.user),
        _("The proposed conditions were applied."),
    )


@staff_required("inspections.view_inspection")
def inspection_pdf(request, reference):
    inspection = _inspection(reference)
    response = HttpResponse(inspection_report_pdf(inspection), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="inspection-{inspection.reference}.pdf"'
    return response


# Recruitment-fee violations.


def _violation_form(request, *, inspection=None, concern=None):
    form = forms.FeeViolationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            violation = services.fee_violation_record(
                actor=request.user, inspection=inspection, concern=concern, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Recruitment-fee violation recorded."))
            return redirect("inspections:violation", violation.pk)
    return render(
        request,
        "inspections/violation_form.html",
        {
            "office_section": "violations",
            "inspection": inspection,
            "concern": concern,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@staff_required("inspections.record_findings")
def violation_new(request, reference):
    return _violation_form(request, inspection=_inspection(reference))


@staff_required("inspections.record_findings")
def concern_violation_new(request, reference):
    return _violation_form(request, concern=_concern(reference))


@staff_required("inspections.view_feeviolation")
def violation_list(request):
    qs = selectors.fee_violations(state=request.GET.get("state") or None)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "inspections/violation_list.html",
        {
            "office_section": "violations",
            "page": _page(request, qs),
            "query": params.urlencode(),
            "totals": selectors.fee_violation_totals(),
            "states": FeeViolation.State.choices,
            "state": request.GET.get("state", ""),
        },
    )


@staff_required("inspections.view_feeviolation")
def violation_detail(request, pk, order_form=None, repayment_form=None, status=200):
    violation = get_object_or_404(
        FeeViolation.objects.select_related("provider", "inspection", "concern"), pk=pk
    )
    user = request.user
    return render(
        request,
        "inspections/violation_detail.html",
        {
            "office_section": "violations",
            "violation": violation,
            "repayments": violation.repayments.all(),
            "provider_totals": selectors.fee_violation_totals(provider=violation.provider),
            "order_form": order_form
            or (
                forms.OrderRepaymentForm(initial={"amount": violation.amount})
                if violation.state == FeeViolation.State.RECORDED
                and user.has_perm("inspections.order_repayment")
                else None
            ),
            "repayment_form": repayment_form
            or (
                forms.RepaymentForm()
                if violation.state in FeeViolation.UNPAID_STATES
                and user.has_perm("inspections.record_findings")
                else None
            ),
            "can_confirm": user.has_perm("inspections.record_findings"),
        },
        status=status,
    )


@require_POST
@staff_required("inspections.order_repayment")
def violation_order(request, pk):
    violation = get_object_or_404(FeeViolation, pk=pk)
    form = forms.OrderRepaymentForm(request.POST)
    if form.is_valid():
        try:
            services.fee_violation_order_repayment(
                violation=violation, actor=request.user, **form.cleaned_data
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Repayment ordered."))
            return redirect("inspections:violation", pk)
    return violation_detail(request, pk, order_form=form, status=400)


@require_POST
@staff_required("inspections.record_findings")
def violation_repayment(request, pk):
    violation = get_object_or_404(FeeViolation, pk=pk)
    form = forms.RepaymentForm(request.POST)
    if form.is_valid():
        try:
            services.repayment_record(violation=violation, actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Repayment recorded."))
            return redirect("inspections:violation", pk)
    return violation_detail(request, pk, repayment_form=form, status=400)


@require_POST
@staff_required("inspections.record_findings")
def repayment_confirm(request, pk, repayment_pk):
    violation = get_object_or_404(FeeViolation, pk=pk)
    repayment = get_object_or_404(violation.repayments, pk=repayment_pk)
    services.repayment_confirm(repayment=repayment, actor=request.user)
    messages.success(request, _("Workers' confirmation recorded."))
    return redirect("inspections:violation", pk)


# The risk-based queue.


@staff_required("inspections.view_inspection")
def risk_queue(request):
    paginator = Paginator(selectors.stored_risk_ranking(), PAGE_SIZE)
    # Counting without the join to licences: the hourly refresh drops licences no longer in
    # force, so the count is off by at most the licences that left force within the hour.
    paginator.count = LicenceRisk.objects.count()
    page = paginator.get_page(request.GET.get("page"))
    weights = InspectionSettings.load()
    rows = [(risk, selectors.risk_reasons(risk.parts, weights)) for risk in page.object_list]
    oldest, newest = selectors.risk_scores_computed()
    return render(
        request,
        "inspections/risk_queue.html",
        {
            "office_section": "risk",
            "page": page,
            "rows": rows,
            "query": "",
            "oldest": oldest,
            "newest": newest,
            "can_schedule": request.user.has_perm("inspections.schedule_inspection"),
        },
    )


# Concerns.


@staff_required("inspections.view_concern")
def concern_list(request):
    state = request.GET.get("state", "")
    q = request.GET.get("q", "")
    qs = selectors.concern_queue(state=state if state in Concern.State.values else None, q=q)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "inspections/concern_list.html",
        {
            "office_section": "concerns",
            "page": _page(request, qs),
            "query": params.urlencode(),
            "states": Concern.State.choices,
            "state": state,
            "q": q,
        },
    )


def _concern(reference):
    return get_object_or_404(
        Concern.objects.select_related("provider", "assigned_to"), reference=reference.upper()
    )


@staff_required("inspections.view_concern")
def concern_detail(request, reference, status=200, **bound):
    concern = _concern(reference)
    user = request.user
    triage = user.has_perm("inspections.triage_concern") and concern.state != Concern.State.CLOSED
    return render(
        request,
        "inspections/concern_detail.html",
        {
            "office_section": "concerns",
            "concern": concern,
            "updates": concern.updates.all(),
            "inspections": concern.inspections.all(),
            "violations": concern.fee_violations.all(),
            "show_identity": user.has_perm("inspections.view_reporter_identity"),
            "triage": triage,
            "assess_form": bound.get("assess_form")
            or (
                forms.ConcernAssessForm(initial={"assessment": concern.assessment})
                if triage
                else None
            ),
            "close_form": bound.get("close_form") or (forms.ConcernCloseForm() if triage else None),
            "inspection_form": bound.get("inspection_form")
            or (
                forms.AssignmentForm()
                if triage
                and concern.provider_id
                and concern.state != Concern.State.INSPECTION_OPENED
                and user.has_perm("inspections.schedule_inspection")
                else None
            ),
        },
        status=status,
    )


@require_POST
@staff_required("inspections.triage_concern")
def concern_action(request, reference, action):
    concern = _concern(reference)
    form_classes = {
        "assess": ("assess_form", forms.ConcernAssessForm),
        "close": ("close_form", forms.ConcernCloseForm),
        "inspect": ("inspection_form", forms.AssignmentForm),
        "review": (None, None),
    }
    if action not in form_classes:
        raise Http404
    name, form_class = form_classes[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return concern_detail(request, reference, status=400, **{name: form})
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "review":
            services.concern_start_review(concern=concern, actor=request.user)
        elif action == "assess":
            if concern.state == Concern.State.RECEIVED:
                concern = services.concern_start_review(concern=concern, actor=request.user)
            services.concern_assess(concern=concern, actor=request.user, **data)
        elif action == "close":
            services.concern_close(concern=concern, actor=request.user, **data)
        else:
            inspection = services.concern_open_inspection(
                concern=concern, actor=request.user, **data
            )
            messages.success(request, _("Inspection %s scheduled.") % inspection.reference)
            return redirect("inspections:detail", inspection.reference)
    except ServiceError as exc:
        if form is None:
            messages.error(request, str(exc))
            return redirect("inspections:concern", concern.reference)
        form.add_error(None, str(exc))
        return concern_detail(request, reference, status=400, **{name: form})
    messages.success(request, _("Concern updated."))
    return redirect("inspections:concern", concern.reference)


# Standards.


@staff_required("inspections.view_inspection")
def standards(request, copy_form=None, status=200):
    edition = StandardsEdition.objects.current()
    return render(
        request,
        "inspections/standards.html",
        {
            "office_section": "inspections",
            "edition": edition,
            "sections": edition.sections.prefetch_related("standards") if edition else [],
            "drafts": StandardsEdition.objects.filter(published_on__isnull=True),
            "copy_form": copy_form
            or (
                forms.EditionCopyForm()
                if edition and request.user.has_perm("inspections.add_standardsedition")
                else None
            ),
        },
        status=status,
    )


@require_POST
@staff_required("inspections.add_standardsedition")
def edition_copy(request):
    form = forms.EditionCopyForm(request.POST)
    edition = StandardsEdition.objects.current()
    if form.is_valid() and edition is not None:
        try:
            copy = services.standards_edition_copy(
                edition=edition, name=form.cleaned_data["name"], actor=request.user
            )
        except ServiceError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Draft edition “%s” created: correct its standards, then publish it.") % copy,
            )
            return redirect("inspections:standards")
    return standards(request, copy_form=form, status=400)


@require_POST
@staff_required("inspections.change_standardsedition")
def edition_publish(request, pk):
    edition = get_object_or_404(StandardsEdition, pk=pk)
    try:
        services.standards_edition_publish(edition=edition, actor=request.user)
    except ServiceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("“%s” is published: new inspections use it.") % edition)
    return redirect("inspections:standards")
