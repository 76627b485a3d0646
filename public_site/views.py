"""The public register, certificate checks, watches and concerns: plain Django views that use
the site's templates, mounted before Wagtail's catch-all."""

import json

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.clients import client_address
from core.ratelimit import limit_reached, over_limit, rate_limited, subject_key
from inspections import services as concern_services
from inspections.selectors import concern_status_for_reporter
from licensing.models import Certificate, Licence
from licensing.signing import BadPayload, public_keys
from licensing.workflow import ServiceError
from public_register import receipts, services
from public_register.certificates import check_certificate, check_signature
from public_register.conditional import PUBLIC_MAX_AGE, licence_validators
from public_register.exclusions import decode_key, encode_key, exclusions
from public_register.licences import licence_for_public, public_licence
from public_register.models import Watcher
from public_register.search import (
    MAX_NAME_MATCHES,
    RankedEntries,
    register_suggestions,
    search_register,
    search_rows,
)
from public_register.statistics import cached_enforcement_statistics, shown
from public_register.words import country_names, normalise_urn
from public_site.charts import bar_chart
from public_site.forms import (
    ConcernForm,
    ConcernInformationForm,
    ConcernReferenceForm,
    RegisterSearchForm,
    VerifyForm,
    WatchForm,
)
from public_site.glossary import glossary_entries, glossary_path
from public_site.models import GLOSSARY_LANGUAGES
from public_site.pdf import licence_record_pdf
from registry.models import LabourProvider, normalise_name

RESULTS_PER_PAGE = 20
OUTCOMES_PER_PAGE = 50
ANSWER_SHOWN_CHARS = 100_000
# Per client address an hour, except where it says per recipient: each record.pdf is
# drawn afresh, each watch request and report follow-up may send email.
RECORD_PDFS_PER_HOUR = 60
WATCH_REQUESTS_PER_HOUR = 10
WATCH_EMAILS_PER_RECIPIENT_PER_DAY = 3
FOLLOW_UPS_PER_HOUR = 30


def _public_cache_headers(response, *, max_age=PUBLIC_MAX_AGE):
    patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


# The glossary as data (served at /api/v1/glossary, next to the API it belongs with).


@require_GET
def glossary_json(request):
    """Every glossary term in the language asked for (``?lang=pl``; English by default),
    in a SKOS-like shape. A term not translated yet comes in English with ``language``
    saying so."""
    codes = [code for code, _name in GLOSSARY_LANGUAGES]
    language = (request.GET.get("lang") or "en").strip().lower()
    if language not in codes:
        return JsonResponse(
            {"detail": f"Unknown language. Choose one of: {', '.join(codes)}."}, status=400
        )
    with translation.override(language):
        page = glossary_path()
        entries = glossary_entries(language)
    base = settings.SITE_URL + (page or request.path)

    def uri(term_id: str) -> str:
        return f"{base}#{term_id}"

    concepts = [
        {
            "id": entry.id,
            "uri": uri(entry.id),
            "term": entry.term,
            "definition": entry.definition,
            "language": entry.language,
            "is_translation_missing": entry.language != language,
            "translators_note": entry.note,
            "related": [{"id": i, "uri": uri(i), "term": name} for i, name in related],
        }
        for entry in entries
        for related in [entry.related]
    ]
    response = JsonResponse({"language": language, "terms": concepts})
    return _public_cache_headers(response)


# The register.


def register_search(request):
    form = RegisterSearchForm(request.GET or None)
    context = {"form": form, "searched": False}
    if form.is_bound and form.is_valid() and form.has_criteria():
        data = form.cleaned_data
        results = search_register(
            q=data["q"],
            sector=data["sector"] or None,
            status=data["status"] or None,
            country=data["country"] or None,
            location=data["location"] or None,
        )
        page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        more_than = MAX_NAME_MATCHES if isinstance(results, RankedEntries) and results.more else 0
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            searched=True,
            page=page,
            # Display values worked out once for the page, not looked up by the template.
            rows=search_rows(
                page, close=results.close if isinstance(results, RankedEntries) else ()
            ),
            count=page.paginator.count,
            # Found only by a close spelling: no provider's name is what was searched for.
            close_only=isinstance(results, RankedEntries)
            and bool(results.ids)
            and len(results.close) == len(results.ids),
            more_than=more_than,
            query_string=query.urlencode(),
            suggestions=(
                register_suggestions(data["q"]) if not page.paginator.count and data["q"] else []
            ),
        )
    response = render(request, "public_site/register/search.html", context)
    return _public_cache_headers(response)


def _licence_or_404(urn: str) -> Licence:
    licence = licence_for_public(urn)
    if licence is None:
        raise Http404(_("There is no licence numbered %(urn)s.") % {"urn": urn[:20]})
    return licence


def licence_detail(request, urn):
    canonical = normalise_urn(urn)
    if canonical is not None and canonical != urn:
        return redirect("public_site:licence", urn=canonical, permanent=True)
    licence = _licence_or_404(urn)
    validators = licence_validators(licence)
    not_modified = validators.not_modified(request)
    if not_modified is not None:
        return _public_cache_headers(not_modified)
    # The page body depends only on the licence's public version and the language; repeat
    # views skip the queries and most of the rendering.
    key = f"public-licence-page:{licence.urn}:{validators.version}:{translation.get_language()}"
    page = cache.get(key)
    if page is None:
        public = public_licence(licence)
        page = {
            "title": f"{public.holder_name} ({public.urn})",
            "body": render_to_string(
                "public_site/register/_licence_body.html",
                {
                    "licence": public,
                    "recruits_from": country_names(public.recruits_from),
                    "supplies_to": country_names(public.supplies_to),
                },
            ),
        }
        cache.set(key, page, 24 * 3600)
    response = render(
        request,
        "public_site/register/licence.html",
        # The body was rendered, and escaped, by the template above.
        {"title": page["title"], "body": mark_safe(page["body"])},
    )
    for name, value in validators.headers.items():
        response[name] = value
    return _public_cache_headers(response)


@rate_limited(
    "record-pdf",
    limit=RECORD_PDFS_PER_HOUR,
    window=3600,
    message=gettext_lazy(
        "You have downloaded many licence records in the last hour. The register page shows "
        "the same details; for many providers, use the open data or the API."
    ),
)
def licence_record(request, urn):
    licence = _licence_or_404(urn)
    public = public_licence(licence)
    stamped_at = timezone.localtime()
    receipt = receipts.record_receipt(public)
    pdf = licence_record_pdf(public, stamped_at=stamped_at, receipt_code=receipt.code)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{public.urn}-record-{stamped_at:%Y%m%d-%H%M}.pdf"'
    )
    response["X-Receipt-Code"] = receipt.code
    # Stamped with the time it was produced: never reuse an old copy.
    patch_cache_control(response, no_store=True)
    return response


def refused_and_revoked(request):
    """The exclusion list a page at a time, newest first; ``after`` is the last row seen."""
    after_text = request.GET.get("after", "")
    after = decode_key(after_text) if after_text else None
    if after_text and after is None:
        raise Http404(_("This page of the list does not exist; start from the first page."))
    rows, next_key = exclusions(after=after, limit=OUTCOMES_PER_PAGE)
    response = render(
        request,
        "public_site/register/refused_and_revoked.html",
        {
            "outcomes": rows,
            "next_after": encode_key(next_key) if next_key else "",
            "paged": after is not None,
        },
    )
    return _public_cache_headers(response)


def statistics(request):
    """Enforcement statistics: a chart of each figure by quarter, with its table."""
    stats = cached_enforcement_statistics()
    charts = [
        {
            "key": key,
            "title": words,
            "chart": bar_chart([(q, stats.by_quarter[key][q]) for q in stats.quarters]),
            "rows": [(q, shown(stats.by_quarter[key][q])) for q in stats.quarters],
        }
        for key, words in stats.events
    ]
    dimensions = [
        {
            "title": title,
            "values": sorted(
                {v for counts in stats.totals_by_dimension[dimension].values() for v in counts}
            ),
            "totals": stats.totals_by_dimension[dimension],
        }
        for dimension, title in (("sector", _("By sector")), ("country", _("By country")))
    ]
    for dimension in dimensions:
        dimension["rows"] = [
            (
                value,
                [shown(dimension["totals"].get(key, {}).get(value, 0)) for key, _w in stats.events],
            )
            for value in dimension["values"]
        ]
    response = render(
        request,
        "public_site/register/statistics.html",
        {
            "stats": stats,
            "charts": charts,
            "dimensions": dimensions,
            "sections_chart": bar_chart(
                [(str(number), count) for number, _title, count in stats.failed_by_section]
            ),
            "sections": [
                (number, title, shown(count)) for number, title, count in stats.failed_by_section
            ],
        },
    )
    return _public_cache_headers(response, max_age=3600)


# Certificates.


def licence_keys(request):
    """The public keys that verify certificates' signed QR payloads, for offline checks."""
    response = JsonResponse(
        {
            "algorithm": "Ed25519",
            "format": "raw public key, base64url",
            "payload": "LC1.<base64url JSON>.<base64url signature over the JSON part>",
            "keys": [
                {"kid": kid, "public_key": key, "current": n == 0}
                for n, (kid, key) in enumerate(public_keys().items())
            ],
        }
    )
    patch_cache_control(response, public=True, max_age=3600)
    return response


def verify_offline(request):
    """Check a scanned or pasted signed payload: in the browser with no network (the page's
    script), or here when the form is sent, with today's status beside it."""
    text = request.GET.get("payload", "")[:3000]
    check = error = None
    if text.strip():
        try:
            check = check_signature(text)
        except BadPayload as exc:
            error = str(exc)
    response = render(
        request,
        "public_site/verify/offline.html",
        {"payload": text, "check": check, "error": error, **_keys_context()},
        status=400 if error else 200,
    )
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def _keys_context() -> dict:
    keys = public_keys()
    return {"signing_keys": keys, "signing_keys_json": json.dumps(keys)}


def verify_form(request):
    form = VerifyForm(request.GET or None)
    if form.is_bound and form.is_valid():
        typed = form.cleaned_data["code"]
        if len(receipts.normalise_code(typed)) == receipts.CODE_LENGTH:
            return redirect("public_site:verify", code=receipts.normalise_code(typed))
        code = Certificate.normalise_code(typed)
        if code:
            return redirect("public_site:verify", code=code)
    return render(request, "public_site/verify/form.html", {"form": form, **_keys_context()})


def verify(request, code):
    if len(receipts.normalise_code(code)) == receipts.CODE_LENGTH:
        return _receipt(request, code)
    check = check_certificate(code)
    if check is None:
        response = render(
            request,
            "public_site/verify/not_issued.html",
            {"code": code[:30], "form": VerifyForm(initial={"code": code[:30]})},
            status=404,
        )
        patch_cache_control(response, no_cache=True)
        return response
    response = render(
        request,
        "public_site/verify/result.html",
        {"check": check, "checked_at": timezone.localtime(), **_keys_context()},
    )
    # The live status: a verifier must never see a cached answer.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


def _receipt(request, code):
    receipt = receipts.receipt_lookup(code)
    if receipt is None:
        response = render(
            request,
            "public_site/verify/receipt_not_found.html",
            {"code": code[:30], "message": receipts.NOT_ISSUED},
            status=404,
        )
    else:
        response = render(
            request,
            "public_site/verify/receipt.html",
            {
                "receipt": receipt,
                "checked_at": timezone.localtime(),
                "asked_json": json.dumps(receipt.asked, indent=2, ensure_ascii=False),
                # A 10,000-row bulk check is for the API; the page shows its start.
                "answer_json": json.dumps(receipt.answer, indent=2, ensure_ascii=False)[
                    :ANSWER_SHOWN_CHARS
                ],
            },
        )
    # "Today it is…" is live: never a cached answer.
    patch_cache_control(response, no_cache=True, max_age=0)
    return response


# Watching providers.


@require_http_methods(["GET", "POST"])
def watch(request):
    form = WatchForm(request.POST or None, initial={"providers": request.GET.get("urn", "")})
    if request.method == "POST" and form.is_valid():
        refusal = limit_reached(
            request,
            "watch",
            limit=WATCH_REQUESTS_PER_HOUR,
            window=3600,
            message=_("You have asked to watch providers many times in the last hour."),
        ) or limit_reached(
            request,
            "watch-recipient",
            subject=subject_key(form.cleaned_data["email"]),
            limit=WATCH_EMAILS_PER_RECIPIENT_PER_DAY,
            window=24 * 3600,
            message=_(
                "We have already sent several confirmation emails to this address today. "
                "Please use the link in one of them."
            ),
        )
        if refusal is not None:
            return refusal
        urns = services.parse_urns(form.cleaned_data["providers"])
        try:
            services.watch_request(
                email=form.cleaned_data["email"],
                urns=urns,
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        except ServiceError as exc:
            form.add_error("providers", str(exc))
        else:
            return redirect("public_site:watch_requested")
    return render(request, "public_site/watch/form.html", {"form": form})


def watch_requested(request):
    return render(request, "public_site/watch/requested.html")


@require_http_methods(["GET", "POST"])
def watch_confirm(request, token):
    # Mail scanners follow links: a GET shows a button, only the POST confirms.
    if request.method == "POST":
        try:
            watches = services.watch_confirm(token=token)
        except ServiceError as exc:
            return render(
                request, "public_site/watch/invalid.html", {"message": str(exc)}, status=404
            )
        return render(request, "public_site/watch/confirmed.html", {"watches": watches})
    return render(request, "public_site/watch/confirm.html", {"token": token})


@require_http_methods(["GET", "POST"])
def watch_manage(request, token):
    watcher = Watcher.objects.filter(token=token).first()
    if request.method == "POST" and watcher is not None:
        provider_id = request.POST.get("provider")
        count = services.watch_stop(
            watcher_token=token,
            provider_id=int(provider_id) if provider_id and provider_id.isdigit() else None,
        )
        return render(request, "public_site/watch/stopped.html", {"count": count})
    if watcher is None:
        return render(
            request,
            "public_site/watch/invalid.html",
            {"message": _("This link is not valid, or you already stopped every alert.")},
            status=404,
        )
    watches = watcher.watches.select_related("provider").order_by("provider__legal_name")
    return render(request, "public_site/watch/manage.html", {"watches": watches, "token": token})


# Concerns.

REPORTS_PER_HOUR = 5


def _named_provider(text: str):
    """The provider the reporter named, when the name or licence number is unambiguous."""
    licence = licence_for_public(text)
    if licence is not None:
        return licence.provider
    matches = list(LabourProvider.objects.filter(search_name=normalise_name(text))[:2])
    return matches[0] if len(matches) == 1 else None


@require_http_methods(["GET", "POST"])
def report(request):
    form = ConcernForm(request.POST or None, initial={"provider": request.GET.get("urn", "")[:20]})
    if request.method == "POST" and form.is_valid():
        address = client_address(request)
        if over_limit(f"report:{address}", limit=REPORTS_PER_HOUR, window=3600):
            form.add_error(
                None,
                _(
                    "You have sent several reports in the last hour. Please wait an hour, or "
                    "call us: we want to hear from you."
                ),
            )
        else:
            data = form.cleaned_data
            provider_text = data["provider"].strip()
            provider = _named_provider(provider_text)
            try:
                concern = concern_services.concern_report(
                    provider=provider,
                    provider_name=provider_text,
                    description=data["description"],
                    language=translation.get_language() or settings.LANGUAGE_CODE,
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                )
            except ServiceError as exc:
                form.add_error(None, str(exc))
            else:
                # The reference is shown once, on the next page; it is not put in the URL.
                request.session["concern_reference"] = concern.reference
                request.session["concern_phrase"] = concern.secret_phrase
                return redirect("public_site:report_sent")
    response = render(request, "public_site/report/form.html", {"form": form})
    patch_cache_control(response, private=True, no_cache=True)
    return response


def report_sent(request):
    reference = request.session.pop("concern_reference", None)
    phrase = request.session.pop("concern_phrase", None)
    if reference is None:
        return redirect("public_site:report_follow_up")
    response = render(
        request, "public_site/report/sent.html", {"reference": reference, "phrase": phrase}
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "POST"])
def report_follow_up(request):
    """The reporter gives the reference, sees where their concern is, and can add to it.

    The reference travels in the form, never in the address, so it stays out of browser
    history and server logs.
    """
    reference_form = ConcernReferenceForm(request.POST or None)
    info_form = None
    status = None
    added = False
    if request.method == "POST" and reference_form.is_valid():
        refusal = limit_reached(
            request,
            "report-follow-up",
            limit=FOLLOW_UPS_PER_HOUR,
            window=3600,
            message=_("Too many attempts from your connection. Please try again in an hour."),
        )
        if refusal is not None:
            return refusal
        status = concern_status_for_reporter(reference_form.cleaned_data["reference"])
        if status is None:
            reference_form.add_error(
                "reference",
                _("We have no concern with this reference. Check it and try again."),
            )
        elif "text" in request.POST:
            info_form = ConcernInformationForm(request.POST)
            if info_form.is_valid():
                try:
                    concern_services.concern_add_information(
                        reference=status.reference, text=info_form.cleaned_data["text"]
                    )
                except ServiceError as exc:
                    info_form.add_error("text", str(exc))
                else:
                    added = True
                    info_form = ConcernInformationForm()
        else:
            info_form = ConcernInformationForm()
    response = render(
        request,
        "public_site/report/follow_up.html",
        {
            "reference_form": reference_form,
            "status": status,
            "info_form": info_form,
            "added": added,
        },
    )
    patch_cache_control(response, private=True, no_store=True)
    return response
