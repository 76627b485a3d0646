"""The licensing standards inspectors score against, and new editions of them."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from inspections import services
from inspections.models import StandardsEdition
from office.access import staff_required
from office.actions import answer
from office.forms import inspections as forms
from office.views.inspections import VIEW

COPY = "inspections.add_standardsedition"
PUBLISH = "inspections.change_standardsedition"


def render_standards(request, *, copy_form=None, status=200):
    edition = StandardsEdition.objects.current()
    return render(
        request,
        "office/inspections/standards.html",
        {
            "office_section": "inspections",
            "edition": edition,
            "sections": edition.sections.prefetch_related("standards") if edition else [],
            "drafts": StandardsEdition.objects.filter(published_on__isnull=True),
            "copy_form": copy_form
            or (forms.EditionCopyForm() if edition and request.user.has_perm(COPY) else None),
        },
        status=status,
    )


@require_GET
@staff_required(VIEW)
def standards(request):
    return render_standards(request)


@require_POST
@staff_required(COPY)
def edition_copy(request):
    return answer(
        request,
        forms.EditionCopyForm,
        call=lambda form: services.standards_edition_copy(
            edition=services.current_edition(), name=form.cleaned_data["name"], actor=request.user
        ),
        success=lambda copy: (
            _("Draft edition “%s” created: correct its standards, then publish it.") % copy
        ),
        then=reverse("office:standards"),
        show=lambda form, status: render_standards(request, copy_form=form, status=status),
        refusal_in_form=True,
    )


@require_POST
@staff_required(PUBLISH)
def edition_publish(request, pk):
    edition = get_object_or_404(StandardsEdition, pk=pk)
    return answer(
        request,
        None,
        call=lambda _form: services.standards_edition_publish(edition=edition, actor=request.user),
        success=_("“%s” is published: new inspections use it.") % edition,
        then=reverse("office:standards"),
        show=lambda _form, status: render_standards(request, status=status),
    )
