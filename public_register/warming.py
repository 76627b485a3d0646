"""Licence pages rendered into the shared page cache before anybody asks for them.

A licence page or API answer is stored by ``core.pagecache`` on its first anonymous view; the
first visitor after a change (or after a deploy, a flushed cache or a fresh load of the
register) waits for the render. These requests go through the whole stack, middleware
included, exactly as a visitor's would, so what is stored is what would have been stored.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.utils import translation

from core.pagecache import PRERENDER
from licensing.models import Licence
from public_register.licences import licence_path

API_LICENCE_PATH = "/api/v1/licences/{urn}"


def _client() -> Client:
    site = urlsplit(settings.SITE_URL)
    return Client(HTTP_HOST=site.netloc, secure=site.scheme == "https")


def warm(urns, *, languages=None) -> int:
    """Render each licence's page (in each language) and API answer into the page cache;
    returns how many responses were rendered."""
    client = _client()
    languages = languages or [code for code, _name in settings.LANGUAGES]
    rendered = 0
    # The requests activate their own language; the caller's is put back afterwards (a task
    # run at once, in the request that made the change, must not switch that request's).
    with translation.override(translation.get_language()):
        for urn in urns:
            for language in languages:
                client.get(licence_path(urn), HTTP_ACCEPT_LANGUAGE=language, **{PRERENDER: True})
                rendered += 1
            client.get(API_LICENCE_PATH.format(urn=urn), **{PRERENDER: True})
            rendered += 1
    return rendered


def warm_register(*, languages=None, limit=None, stdout=None) -> int:
    """Warm every licence on the register, newest grants first (``limit`` of them)."""
    urns = Licence.objects.order_by("-granted_on", "-pk").values_list("urn", flat=True)
    if limit:
        urns = urns[:limit]
    started, rendered = time.monotonic(), 0
    batch = []
    for urn in urns.iterator(chunk_size=2000):
        batch.append(urn)
        if len(batch) == 500:
            rendered += warm(batch, languages=languages)
            batch.clear()
            if stdout:
                stdout.write(f"  {rendered:,} responses ({time.monotonic() - started:.0f} s)")
    return rendered + warm(batch, languages=languages)
