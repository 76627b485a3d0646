"""Open data downloads and the bulk check page on the public site."""

import secrets

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from api import bulk, exports, opendata
from api.receipts import receipt_ref
from core.ratelimit import rate_limited
from public_register.receipts import bulk_check_receipt

RESULTS_KEPT_SECONDS = 60 * 60
RESULTS_SHOWN = 500
# Per client address an hour: a bulk check of 10,000 names costs seconds of CPU, and the
# full register export is large; people checking their suppliers need a few of each.
BULK_CHECKS_PER_HOUR = 20
EXPORTS_PER_HOUR = 30
EXPORT_LIMIT_MESSAGE = gettext_lazy(
    "You have downloaded the register many times in the last hour. The file changes at most "
    "a few times a day: please use the copy you have."
)


def api_not_found(request):
    return JsonResponse({"detail": "Not found: see /api/v1/docs for the endpoints."}, status=404)


@require_GET
def open_data(request):
    return render(
        request,
        "api/open_data.html",
        {
            "fields": opendata.FIELDS,
            "reuse_licence": opendata.REUSE_LICENCE,
            "reuse_licence_url": opendata.REUSE_LICENCE_URL,
        },
    )


@require_GET
@rate_limited("open-data", limit=EXPORTS_PER_HOUR, window=3600, message=EXPORT_LIMIT_MESSAGE)
def open_data_csv(request):
    response = FileResponse(
        default_storage.open(exports.current("csv")), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="register.csv"'
    return response


@require_GET
@rate_limited(
    "open-data", limit=EXPORTS_PER_HOUR, window=3600, message=EXPORT_LIMIT_MESSAGE, as_json=True
)
def open_data_json(request):
    return FileResponse(
        default_storage.open(exports.current("json")),
        content_type="application/json; charset=utf-8",
    )


@require_http_methods(["GET", "POST"])
@rate_limited(
    "bulk-check",
    limit=BULK_CHECKS_PER_HOUR,
    window=3600,
    methods=("POST",),
    message=gettext_lazy(
        "You have run many bulk checks in the last hour. For regular checks of many "
        "suppliers, ask us for an API key."
    ),
)
def bulk_check(request):
    """Upload a CSV (or paste names) and see every supplier's licence status; works
    without JavaScript. Results are kept for an hour for the CSV and PDF downloads."""
    pasted = request.POST.get("names", "") if request.method == "POST" else ""
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is not None:
                if upload.size > bulk.MAX_UPLOAD_BYTES:
                    raise bulk.BulkInputError(_("The file is larger than 5 MB."))
                suppliers = bulk.suppliers_from_csv(upload.read())
            elif pasted.strip():
                suppliers = bulk.suppliers_from_lines(pasted)
            else:
                raise bulk.BulkInputError(_("Choose a CSV file or paste supplier names."))
        except bulk.BulkInputError as exc:
            error = str(exc)
        else:
            check = bulk.run_check(suppliers)
            check["receipt"] = receipt_ref(bulk_check_receipt(check))
            token = secrets.token_urlsafe(16)
            cache.set(f"bulk-check:{token}", check, RESULTS_KEPT_SECONDS)
            return render(
                request,
                "api/bulk_check_results.html",
                {
                    "check": check,
                    "token": token,
                    "rows": check["results"][:RESULTS_SHOWN],
                    "shown": RESULTS_SHOWN,
                    "stamp": bulk.check_stamp(check),
                    "outcome_words": bulk.OUTCOME_WORDS,
                },
            )
    return render(
        request,
        "api/bulk_check.html",
        {"error": error, "pasted": pasted, "max_suppliers": bulk.MAX_SUPPLIERS},
        status=400 if error else 200,
    )


@require_GET
def bulk_check_download(request, token, kind):
    check = cache.get(f"bulk-check:{token}")
    if check is None or kind not in ("csv", "pdf"):
        raise Http404(_("These results have expired: run the check again."))
    if kind == "csv":
        response = HttpResponse(bulk.results_csv(check), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(bulk.results_pdf(check), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="bulk-check.{kind}"'
    return response
