"""Fixed-window rate limits in the shared cache (Redis in production, local memory in the
quick start): enough to stop floods without asking real people to solve puzzles.

A burst at a window's edge may reach twice the limit, which is acceptable for what these
limits protect (CPU and email), and costs one cache round trip per request.
"""

import time

from django.core.cache import cache


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
