"""Posting to subscribers' addresses without letting them point us at our own network.

A webhook address is chosen by an outside organisation, so it could name the metadata
service, Redis on localhost or an internal admin page. The rules, checked when the address
is saved and again on every post (DNS can change in between):

- https only; the host must resolve, and every address it resolves to must be public (not
  private, loopback, link-local, multicast, reserved, shared, or a cloud metadata address);
- the post connects to the address that was vetted (never a second lookup), checks the
  socket's peer is that address, and sends the real host name in ``Host`` and TLS SNI so the
  certificate is verified against it;
- no redirects are followed and no proxy from the environment is used (``http.client``
  does neither); only the status code of the answer is read.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 10
# Also covered by the ranges below; named so that a change to those never lets them through.
METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),
}


class RefusedAddress(Exception):
    """The address is not one we post to (not https, not public, not found)."""


def is_public(address) -> bool:
    address = ipaddress.ip_address(address)
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not (
        address in METADATA_ADDRESSES
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def vetted_address(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) for an https URL whose host is public only."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise RefusedAddress(_("The address must start with https://."))
    try:
        port = parts.port or 443
    except ValueError as exc:
        raise RefusedAddress(_("The address has an invalid port.")) from exc
    host = parts.hostname
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise RefusedAddress(_("The host %(host)s cannot be found.") % {"host": host}) from exc
    addresses = [info[4][0] for info in found]
    # One private answer is enough to refuse: a name that resolves both ways is a trick.
    if not addresses or not all(is_public(address) for address in addresses):
        raise RefusedAddress(
            _("The host %(host)s is not a public internet address.") % {"host": host}
        )
    return host, port, addresses[0]


def validate_webhook_url(url: str) -> None:
    """Model validator: the same rules as when posting."""
    try:
        vetted_address(url)
    except RefusedAddress as exc:
        raise ValidationError(str(exc), code="refused_address") from exc


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to `address`, with `host` in the Host header, SNI and certificate check."""

    def __init__(self, host: str, port: int, address: str):
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        try:
            peer = sock.getpeername()[0]
            if ipaddress.ip_address(peer) != ipaddress.ip_address(self.address) or not is_public(
                peer
            ):
                raise RefusedAddress(_("The connection reached an address that is not public."))
            self.sock = self._context.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


def post_json(url: str, body: bytes, headers: dict) -> int:
    """POST `body` and return the status code (the answer's body is never read); raises on a
    refused address or a network failure."""
    host, port, address = vetted_address(url)
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection = PinnedHTTPSConnection(host, port, address)
    try:
        connection.request("POST", target, body=body, headers=headers)
        return connection.getresponse().status
    finally:
        connection.close()
