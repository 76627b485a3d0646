"""A fixed-window rate limit in the shared cache (Redis in production, local memory
otherwise): enough to stop floods without asking real people to solve puzzles."""

from django.core.cache import cache


def client_address(request) -> str:
    """The client's address as our own reverse proxy saw it.

    The proxy appends the address it received to X-Forwarded-For, so the last entry is the
    one nobody outside can forge; without a proxy, REMOTE_ADDR is the client.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(key: str, *, limit: int, window: int) -> bool:
    """Count one more request for `key`; True once more than `limit` arrived in `window`."""
    cache_key = f"ratelimit:{key}"
    # add() only sets a missing key, so concurrent first requests do not reset the count.
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count > limit
