"""Who is calling the API, and how often they may.

Anonymous clients are limited per address; a client with an API key (issued by an
administrator) gets the key's own limit. Counts live in the default cache, so with
``REDIS_URL`` set every app server shares them; without it each process counts alone.
Fixed one-minute windows: simple, and a burst at a window's edge is at most twice the
limit, which is acceptable for a public register.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.errors import AuthenticationError, Throttled
from ninja.security import APIKeyHeader
from ninja.throttling import BaseThrottle

from api.models import ApiKey, hash_key
from core.clients import client_address
from core.pagecache import is_prerender
from core.ratelimit import hit, seconds_left

WINDOW_SECONDS = 60


def anonymous_limit() -> int:
    return settings.API_ANONYMOUS_REQUESTS_PER_MINUTE


class Anonymous:
    """A caller without a key: truthy, so that ninja lets the request through."""

    def __bool__(self):
        return True


ANONYMOUS = Anonymous()


class ApiKeyOrAnonymous(APIKeyHeader):
    """An optional ``X-API-Key`` header; a key that is wrong or withdrawn is refused (401)."""

    param_name = "X-API-Key"

    def __call__(self, request):
        raw_key = request.headers.get(self.param_name, "").strip()
        if not raw_key:
            return ANONYMOUS
        return self.authenticate(request, raw_key)

    def authenticate(self, request, key):
        api_key = ApiKey.objects.filter(key_hash=hash_key(key), is_active=True).first()
        if api_key is None:
            # A wrong key counts against the address like any anonymous call, so keys
            # cannot be guessed faster than the anonymous limit.
            if not _anonymous_call_allowed(request):
                raise Throttled(wait=int(seconds_left(WINDOW_SECONDS)))
            raise AuthenticationError(401, "This API key is not valid or has been withdrawn.")
        stale = timezone.now() - timedelta(minutes=5)
        if api_key.last_used_at is None or api_key.last_used_at < stale:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=timezone.now())
        return api_key


def _anonymous_call_allowed(request) -> bool:
    ident = f"api:addr:{client_address(request)}"
    return hit(ident, window=WINDOW_SECONDS) <= anonymous_limit()


class ClientThrottle(BaseThrottle):
    def allow_request(self, request) -> bool:
        caller = getattr(request, "auth", None)
        if isinstance(caller, ApiKey):
            return hit(f"api:key:{caller.pk}", window=WINDOW_SECONDS) <= caller.limit_per_minute
        # The page cache's own renders ahead of visitors are nobody's calls.
        return is_prerender(request) or _anonymous_call_allowed(request)

    def wait(self) -> float:
        return seconds_left(WINDOW_SECONDS)
