"""Public reads from a read replica, everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add a ``replica`` database, this router and
``ReplicaReadsMiddleware``. The middleware marks an anonymous GET to a public path
(``settings.REPLICA_READ_PATHS``: register pages, API reads, open data) as replica-safe for
the length of the request; the router then sends that request's reads to the replica. Every
other request reads from the primary, and so does a marked one from its first write on, so a
read right after a write sees it. Visitors with a session (staff, agencies, anyone who has
just posted a form) always read from the primary: what they just did is there at once, where
the replica may be a moment behind.
"""

import re
from contextvars import ContextVar
from functools import cache

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"

# "replica" while a request may read from the replica; "default" once it has written.
_reads_from: ContextVar[str] = ContextVar("reads_from", default=PRIMARY)


@cache
def _public_paths() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in settings.REPLICA_READ_PATHS))


def replica_safe(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and _public_paths().match(request.path_info) is not None
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _reads_from.set(REPLICA if replica_safe(request) else PRIMARY)
        try:
            return self.get_response(request)
        finally:
            _reads_from.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return _reads_from.get()

    def db_for_write(self, model, **hints):
        # From the first write on, this request reads its own writes from the primary.
        _reads_from.set(PRIMARY)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY
