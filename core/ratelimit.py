"""Fixed-window rate limits in the shared cache (Redis in production, local memory in the
quick start): enough to stop floods without asking real people to solve puzzles.

A burst at a window's edge may reach twice the limit, which is acceptable for what these
limits protect (CPU and email), and costs one cache round trip per request.
"""

import hashlib
import logging
import math
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from core.clients import client_address

logger = logging.getLogger(__name__)


def hit(key: str, *, window: int) -> int:
    """Count one more request for `key` in the current window; return the count so far."""
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{key}:{bucket}"
    # add() only sets a missing key, so concurrent first requests do not reset the count.
    cache.add(cache_key, 0, timeout=window + 5)
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The key expired between add() and incr().
        cache.set(cache_key, 1, timeout=window + 5)
        return 1


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one more request for `key`; True once more than `limit` arrived in the window."""
    return hit(key, window=window) > limit


def seconds_left(window: int) -> float:
    """How long until the current window ends (for a Retry-After header)."""
    return window - time.time() % window


def subject_key(text: str) -> str:
    """A stable key for a person's address (an email recipient) that does not store it."""
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()[:32]


def refused(request, message: str, *, window: int, as_json: bool = False) -> HttpResponse:
    """The 429 answer: a page (or a JSON body) saying why, with Retry-After."""
    retry_after = math.ceil(seconds_left(window))
    if as_json:
        response = JsonResponse({"detail": message, "retry_after": retry_after}, status=429)
    else:
        response = render(
            request,
            "429.html",
            {"message": message, "minutes": max(1, math.ceil(retry_after / 60))},
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    patch_cache_control(response, private=True, no_store=True)
    return response


def limit_reached(
    request,
    scope: str,
    *,
    limit: int,
    window: int,
    message: str,
    subject: str | None = None,
    as_json: bool = False,
) -> HttpResponse | None:
    """Count this request for the client (or for `subject`, such as an email recipient's
    key) in `scope`; return the 429 answer once more than `limit` arrived in the window."""
    # RATE_LIMITS (scope → count) lets an operator, or a test, change a limit.
    limit = getattr(settings, "RATE_LIMITS", {}).get(scope, limit)
    who = subject if subject is not None else f"addr:{client_address(request)}"
    if not over_limit(f"{scope}:{who}", limit=limit, window=window):
        return None
    logger.warning("Rate limit %s reached (%s a %s s) for %s", scope, limit, window, who)
    return refused(request, message, window=window, as_json=as_json)


def rate_limited(
    scope: str,
    *,
    limit: int,
    window: int,
    message,
    methods: tuple[str, ...] = ("GET", "HEAD", "POST"),
    as_json: bool = False,
):
    """Decorate a view: each client may call it `limit` times a `window` (for `methods`)."""

    def decorate(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if request.method in methods:
                refusal = limit_reached(
                    request,
                    scope,
                    limit=limit,
                    window=window,
                    message=str(message),
                    as_json=as_json,
                )
                if refusal is not None:
                    return refusal
            return view(request, *args, **kwargs)

        return limited

    return decorate
