"""Whole public responses in the shared cache, served before sessions, CSRF and the views.

A public page or API answer (the paths in ``settings.PUBLIC_PAGE_CACHE_PATHS``) is the same
for every anonymous visitor in a language, and changes only when the register does. So the
first anonymous GET stores the finished response under its path and language, tagged with
the register's version, and later ones get it back in one cache round trip (the version and
the page are read together). Anything public that changes bumps the version when it
commits (``register_changed``), which retires every stored page on every app server sharing
the cache at once; pages are not deleted, they just stop matching and expire.

A licence's own page and API answer depend on that licence's provider only, so they are
tagged with a version of their own instead (``LICENCE_PATH``): a change that names its provider
retires that provider's licence pages and the search and list pages, and leaves the other
99,999 licence pages in the cache. A change that names no provider (a bulk refresh) retires
every licence page too, through the licence pages' epoch.

Requests with a session cookie or an API key, other methods, and responses that set a
cookie or are not plainly public are never stored nor served from here. Anonymous API
requests served from here still count against the per-address limit; once over it they go
through to the API, which answers 429.
"""

import hashlib
import re
from functools import cache

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.db import transaction
from django.dispatch import Signal
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag
from django.utils.translation import get_language_from_request

from core.clients import client_address
from core.ratelimit import hit

VERSION_KEY = "public-pages:version"
# Bumped by a change that names no provider: retires every licence page at once.
LICENCE_EPOCH_KEY = "public-pages:licence-epoch"
# The licence page and the API's licence lookup; group 1 or 2 is the licence number.
LICENCE_PATH = re.compile(r"/register/([A-Za-z]{4}[0-9]{4})/|/api/v1/licences/([^/]+)")
# Long enough for a quiet register; memory is bounded by Redis's eviction policy anyway.
PAGE_TIMEOUT = 24 * 3600
API_PREFIX = "/api/"
API_WINDOW_SECONDS = 60
# Set in the WSGI environ of the requests that render pages ahead of visitors
# (public_register.warming). Headers from outside arrive as HTTP_* keys, so no visitor can
# set it; such requests are not counted against the anonymous API limit.
PRERENDER = "pagecache.prerender"
# Headers recomputed per request by the middleware outside this one, or meaningless on a copy.
_NOT_STORED = {"set-cookie", "date", "content-length"}


def register_version() -> int:
    return shared_cache.get(VERSION_KEY) or 0


def _licence_key(urn: str) -> str:
    return f"public-pages:licence:{urn.upper()}"


def _incr(key: str) -> None:
    try:
        shared_cache.incr(key)
    except ValueError:
        # No version yet (a fresh or flushed cache): any value retires pages stored under 0.
        shared_cache.add(key, 1, timeout=None)
        shared_cache.incr(key)


def _bump(urns=None) -> None:
    _incr(VERSION_KEY)
    if urns is None:
        _incr(LICENCE_EPOCH_KEY)
    else:
        for urn in urns:
            _incr(_licence_key(urn))


# Sent once a change to public data has committed (for work derived from the whole
# register, such as the open-data files).
register_committed = Signal()


def _committed(urns) -> None:
    _bump(urns)
    register_committed.send(sender=None, urns=urns)


def register_changed(*, urns=None) -> None:
    """Call inside the transaction of any change to public data, with the licence numbers of
    the provider it concerns (``urns``, possibly empty) when it concerns one provider: only
    those licences' pages are retired with the search and list pages; without ``urns``,
    every page is. Pages are retired now, so that a read later in the same transaction sees
    the change, and again once it commits, retiring any page that another request rendered
    from the old data in between."""
    urns = None if urns is None else sorted({urn.upper() for urn in urns if urn})
    _bump(urns)
    transaction.on_commit(lambda: _committed(urns))


def _page_version(found: dict, urn: str | None):
    """What a stored page must carry to be current: the register's version, or for a licence
    page the licence pages' epoch and that licence's own version."""
    if urn is None:
        return found.get(VERSION_KEY) or 0
    return [found.get(LICENCE_EPOCH_KEY) or 0, found.get(_licence_key(urn)) or 0]


def _version_keys(urn: str | None) -> list[str]:
    return [VERSION_KEY] if urn is None else [LICENCE_EPOCH_KEY, _licence_key(urn)]


def _licence_urn(path: str) -> str | None:
    match = LICENCE_PATH.fullmatch(path)
    return (match.group(1) or match.group(2)).upper() if match else None


@cache
def _patterns() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in settings.PUBLIC_PAGE_CACHE_PATHS))


def _page_key(request, language: str) -> str:
    path = request.get_full_path()
    return f"public-pages:{language}:{hashlib.sha256(path.encode()).hexdigest()[:40]}"


def _cacheable_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_X_API_KEY" not in request.META
        and "HTTP_AUTHORIZATION" not in request.META
        and _patterns().fullmatch(request.path_info) is not None
    )


def _storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.COOKIES.keys() - {settings.LANGUAGE_COOKIE_NAME}
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


def is_prerender(request) -> bool:
    return request.META.get(PRERENDER) is True


def _within_api_limit(request) -> bool:
    if not request.path_info.startswith(API_PREFIX) or is_prerender(request):
        return True
    count = hit(f"api:addr:{client_address(request)}", window=API_WINDOW_SECONDS)
    return count <= settings.API_ANONYMOUS_REQUESTS_PER_MINUTE


def _rebuild(request, stored: dict) -> HttpResponse:
    etag = stored["headers"].get("ETag")
    conditional = get_conditional_response(request, etag=etag) if etag else None
    response = conditional or HttpResponse(stored["content"], status=stored["status"])
    for name, value in stored["headers"].items():
        if conditional is None or name in ("ETag", "Last-Modified", "Cache-Control", "Vary"):
            response[name] = value
    return response


class PublicPageCacheMiddleware:
    """Serve stored public responses; store new ones (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        language = get_language_from_request(request)
        key = _page_key(request, language)
        urn = _licence_urn(request.path_info)
        found = shared_cache.get_many([*_version_keys(urn), key])
        version = _page_version(found, urn)
        stored = found.get(key)
        if stored is not None and stored["version"] == version and _within_api_limit(request):
            return _rebuild(request, stored)
        response = self.get_response(request)
        if _storable(request, response):
            if not response.has_header("ETag"):
                response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
            patch_cache_control(
                response,
                public=True,
                max_age=settings.PUBLIC_PAGE_MAX_AGE,
                s_maxage=settings.PUBLIC_PAGE_SHARED_MAX_AGE,
            )
            headers = {
                name: value for name, value in response.items() if name.lower() not in _NOT_STORED
            }
            shared_cache.set(
                key,
                {
                    "version": version,
                    "status": response.status_code,
                    "headers": headers,
                    "content": response.content,
                },
                PAGE_TIMEOUT,
            )
        return response
