"""Conditional GETs of a licence: its register page and the API's lookup send the same
validators, and Django's own ``get_conditional_response`` decides whether the client's copy
is still current (If-None-Match first, If-Modified-Since only without it, weak comparison,
``*``, and If-Match / If-Unmodified-Since answered with 412)."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from licensing.models import Licence
from public_register.licences import licence_freshness

# Public register pages and answers may be cached briefly by browsers and proxies: a change
# shows within this many seconds, and at once for anybody who revalidates.
PUBLIC_MAX_AGE = 60


@dataclass(frozen=True)
class Validators:
    """What a client revalidates its copy of a licence with."""

    # Changes whenever anything public about the licence changes (see licence_freshness).
    version: str
    etag: str
    last_modified: datetime

    @property
    def headers(self) -> dict[str, str]:
        return {"ETag": self.etag, "Last-Modified": http_date(self.last_modified.timestamp())}

    def not_modified(self, request) -> HttpResponse | None:
        """The short answer (304, or 412 for a failed If-Match) carrying the validators, or
        None when the client needs the whole licence."""
        response = get_conditional_response(
            request, etag=self.etag, last_modified=int(self.last_modified.timestamp())
        )
        if response is not None:
            for name, value in self.headers.items():
                response[name] = value
        return response


def licence_validators(licence: Licence) -> Validators:
    """Validators of the licence as the current language shows it: status words and history
    are translated, so a copy in one language must not pass for another."""
    version, last_modified = licence_freshness(licence)
    tagged = f"{version}:{translation.get_language()}"
    return Validators(
        version=version,
        etag=quote_etag(hashlib.sha256(tagged.encode()).hexdigest()[:32]),
        last_modified=last_modified,
    )
