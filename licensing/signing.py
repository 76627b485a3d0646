"""Offline-verifiable certificates: a compact payload, signed with Ed25519, that the
certificate's QR code carries next to the verification address.

Anyone holding the regulator's public keys (``/.well-known/licence-keys.json``, the footer of
``/verify/``) can check it without a network connection: it proves what the certificate said
when it was issued, not what the register says today.

Format: ``LC1.<payload>.<signature>``, both base64url without padding; the signature covers
the ASCII bytes of ``<payload>`` (as in JWS), which is compact JSON with short keys:
``v`` version, ``k`` key id, ``n`` licence number, ``h`` holder, ``f`` valid from, ``u`` valid
until, ``i`` issued at (UTC), ``c`` certificate code.

Keys: ``CERTIFICATE_SIGNING_KEY`` (the 32-byte private seed, base64url) with its
``CERTIFICATE_SIGNING_KEY_ID``; retired public keys stay in ``CERTIFICATE_RETIRED_KEYS``
(JSON ``{"key id": "public key base64url"}``) so that certificates signed before a rotation
still verify. Without a configured key a development key is generated into DATA_DIR.
"""

import base64
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings

PREFIX = "LC1"
DEV_KEY_FILE = "certificate-signing-key.json"


class BadPayload(Exception):
    """The text is not a payload we signed (malformed, unknown key, or altered)."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@cache
def _dev_key() -> tuple[str, bytes]:
    """A development key kept in DATA_DIR, made on first use: never for production."""
    path = settings.DATA_DIR / DEV_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        seed = secrets.token_bytes(32)
        path.write_text(
            json.dumps({"kid": "dev-" + secrets.token_hex(4), "seed": _b64encode(seed)})
        )
        path.chmod(0o600)
    data = json.loads(path.read_text())
    return data["kid"], _b64decode(data["seed"])


def signing_key() -> tuple[str, Ed25519PrivateKey]:
    """The current key id and private key."""
    seed = getattr(settings, "CERTIFICATE_SIGNING_KEY", "")
    if seed:
        kid, raw = settings.CERTIFICATE_SIGNING_KEY_ID, _b64decode(seed)
    else:
        kid, raw = _dev_key()
    return kid, Ed25519PrivateKey.from_private_bytes(raw)


def public_keys() -> dict[str, str]:
    """Every key id that may have signed a certificate still in circulation, with its public
    key (base64url, raw 32 bytes): the current key first."""
    kid, key = signing_key()
    keys = {kid: _b64encode(_public_bytes(key.public_key()))}
    for old_kid, public in (getattr(settings, "CERTIFICATE_RETIRED_KEYS", None) or {}).items():
        keys.setdefault(old_kid, public)
    return keys


def sign_certificate(certificate) -> str:
    """The signed payload for a certificate, as its QR code carries it."""
    licence = certificate.licence
    kid, key = signing_key()
    body = {
        "v": 1,
        "k": kid,
        "n": licence.urn,
        "h": licence.provider.legal_name,
        "f": (licence.last_renewed_on or licence.granted_on).isoformat(),
        "u": certificate.valid_until.isoformat(),
        "i": certificate.issued_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "c": certificate.code,
    }
    payload = _b64encode(json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode())
    signature = key.sign(payload.encode("ascii"))
    return f"{PREFIX}.{payload}.{_b64encode(signature)}"


@dataclass(frozen=True)
class SignedCertificate:
    key_id: str
    urn: str
    holder_name: str
    valid_from: date
    valid_until: date
    issued_at: datetime
    certificate_code: str


def find_payload(text: str) -> str:
    """The payload in what was scanned or pasted: the whole QR text (address, then the
    payload after ``#``) or the payload alone."""
    text = (text or "").strip()
    start = text.find(PREFIX + ".")
    return text[start:].split()[0] if start >= 0 else ""


def verify_payload(text: str) -> SignedCertificate:
    """The certificate a payload describes, once its signature checks out with one of our
    keys; raises BadPayload otherwise."""
    parts = find_payload(text)[:2000].split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise BadPayload("This is not a signed certificate payload.")
    try:
        body = json.loads(_b64decode(parts[1]))
        signature = _b64decode(parts[2])
        kid = body["k"]
    except (ValueError, TypeError, KeyError):
        raise BadPayload("The payload cannot be read.") from None
    public = public_keys().get(kid)
    if public is None:
        raise BadPayload("The payload was signed with a key the regulator does not publish.")
    try:
        Ed25519PublicKey.from_public_bytes(_b64decode(public)).verify(
            signature, parts[1].encode("ascii")
        )
    except (InvalidSignature, ValueError):
        raise BadPayload(
            "The signature does not match: the payload was altered or forged."
        ) from None
    try:
        return SignedCertificate(
            key_id=kid,
            urn=body["n"],
            holder_name=body["h"],
            valid_from=date.fromisoformat(body["f"]),
            valid_until=date.fromisoformat(body["u"]),
            issued_at=datetime.fromisoformat(body["i"].replace("Z", "+00:00")),
            certificate_code=body["c"],
        )
    except (ValueError, TypeError, KeyError):
        raise BadPayload("The payload cannot be read.") from None
