from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from licensing import selectors


@login_required
@permission_required("licensing.view_application", raise_exception=True)
def workbench(request):
    return render(request, "licensing/office/workbench.html", {"counts": selectors.queue_counts()})
