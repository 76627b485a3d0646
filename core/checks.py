"""System checks on what production needs around the code."""

from django.conf import settings
from django.core.checks import Error, Tags, register

SHARED_CACHES = {
    "django.core.cache.backends.redis.RedisCache",
    "django_redis.cache.RedisCache",
}


@register(Tags.caches)
def shared_cache_check(app_configs, **kwargs):
    """Without a shared cache every worker counts rate limits alone (a limit of 5 lets 15
    through with three workers), so production must have Redis."""
    if settings.DEBUG:
        return []
    if settings.CACHES.get("default", {}).get("BACKEND") in SHARED_CACHES:
        return []
    return [
        Error(
            "REDIS_URL is not set: with DEBUG off the cache must be Redis, shared by every "
            "worker, or rate limits count per process.",
            hint="Set REDIS_URL, for example redis://127.0.0.1:6379/0.",
            id="core.E001",
        )
    ]
