from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from licensing.models import Application, Licence
from licensing.services import is_member


@login_required
def home(request):
    applications = Application.objects.filter(
        provider__members__user=request.user, provider__members__is_active=True
    )
    return render(request, "portal/home.html", {"applications": applications})


@login_required
def application(request, reference):
    application = get_object_or_404(Application, reference=reference)
    if not is_member(request.user, application.provider):
        raise Http404
    return render(request, "portal/application.html", {"application": application})


@login_required
def renew(request, urn):
    licence = get_object_or_404(Licence, urn=urn)
    if not is_member(request.user, licence.provider):
        raise Http404
    return render(request, "portal/renew.html", {"licence": licence})
