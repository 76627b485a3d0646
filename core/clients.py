"""Who is asking: the client's address, as far as our own proxies vouch for it.

Every rate limit counts clients by this one helper. Behind a reverse proxy the TCP peer
(``REMOTE_ADDR``) is the proxy, and the client is in ``X-Forwarded-For``; but anybody can send
that header, so it is believed only as far back as it was written by a proxy listed in the
``TRUSTED_PROXIES`` setting. Each trusted proxy appends the address it received the request
from, so the list is read from the right: the first address that is not a trusted proxy is
the client. Without trusted proxies, the header is ignored altogether.
"""

import ipaddress
from functools import cache

from django.conf import settings


@cache
def _networks(entries: tuple[str, ...]):
    networks = []
    for entry in entries:
        networks.append(ipaddress.ip_network(entry.strip(), strict=False))
    return tuple(networks)


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _is_trusted(address) -> bool:
    if address is None:
        return False
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request) -> str:
    """The address of the client that sent `request` (a string; "unknown" if there is none)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return "unknown"
    if not _is_trusted(peer):
        return str(peer)
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    for part in reversed(forwarded):
        address = _parse(part)
        if address is None:
            # Garbage where an address should be: nothing further left can be trusted.
            return str(peer)
        if not _is_trusted(address):
            return str(address)
        peer = address
    return str(peer)
