"""Whole public responses in the shared cache, served before sessions, CSRF and the views.

A public page or API answer (the paths in ``settings.PUBLIC_PAGE_CACHE_PATHS``) is the same
for every anonymous visitor in a language, and changes only when the register does. So the
first anonymous GET stores the finished response under its path and language, tagged with
the register's version, and later ones get it back in one cache round trip (the version and
the page are read together). Anything public that changes bumps the version when it
commits (``register_changed``), which retires every stored page on every app server sharing
the cache at once; pages are not deleted, they just stop matching and expire.

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
# Long enough for a quiet register; memory is bounded by Redis's eviction policy anyway.
PAGE_TIMEOUT = 24 * 3600
API_PREFIX = "/api/"
API_WINDOW_SECONDS = 60
# Headers recomputed per request by the middleware outside this one, or meaningless on a copy.
_NOT_STORED = {"set-cookie", "date", "content-length"}


def register_version() -> int:
    return shared_cache.get(VERSION_KEY) or 0


def _bump() -> None:
    try:
        shared_cache.incr(VERSION_KEY)
    except ValueError:
        # No version yet (a fresh or flushed cache): any value retires pages stored under 0.
        shared_cache.add(VERSION_KEY, 1, timeout=None)
        shared_cache.incr(VERSION_KEY)


# Sent once a change to public data has committed (for work derived from the whole
# register, such as the open-data files).
register_committed = Signal()


def _committed() -> None:
    _bump()
    register_committed.send(sender=None)


def register_changed() -> None:
    """Call inside the transaction of any change to public data. Pages are retired now, so
    that a read later in the same transaction sees the change, and again once it commits,
    retiring any page that another request rendered from the old data in between."""
    _bump()
    transaction.on_commit(_committed)


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


def _within_api_limit(request) -> bool:
    if not request.path_info.startswith(API_PREFIX):
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
        found = shared_cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or 0
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
