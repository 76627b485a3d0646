"""Offline-verifiable certificates: the QR carries an Ed25519-signed payload."""

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import override_settings

from licensing import services
from licensing.models import Certificate
from licensing.pdfs import qr_text
from licensing.signing import BadPayload, public_keys, sign_certificate, verify_payload
from tests.public_site.factories import licensed_provider, staff

pytestmark = pytest.mark.django_db


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_key() -> tuple[str, str]:
    """A private seed and its public key, base64url."""
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes_raw()
    return b64(seed), b64(key.public_key().public_bytes_raw())


@pytest.fixture
def certificate():
    licence = licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")
    return Certificate.objects.create(licence=licence, valid_until=licence.expires_on)


def test_the_qr_carries_the_address_and_a_payload_that_verifies(certificate):
    text = qr_text(certificate)

    signed = verify_payload(text)

    assert text.startswith(f"http://testserver/verify/{certificate.code}/#LC1.")
    assert signed.urn == "FENL0001"
    assert signed.holder_name == "Fenland Harvest Staffing Ltd"
    assert signed.valid_until == certificate.valid_until
    assert signed.certificate_code == certificate.code
    assert signed.key_id in public_keys()


def test_a_tampered_payload_fails(certificate):
    prefix, payload, signature = sign_certificate(certificate).split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body["u"] = "2099-12-31"
    forged = b64(json.dumps(body, separators=(",", ":")).encode())

    with pytest.raises(BadPayload, match="altered or forged"):
        verify_payload(f"{prefix}.{forged}.{signature}")
    with pytest.raises(BadPayload):
        verify_payload("LC1.not-base64!.x")


def test_the_offline_page_checks_on_the_server_without_javascript(anonymous, certificate):
    good = anonymous.get("/verify/offline/", {"payload": qr_text(certificate)})
    bad = anonymous.get("/verify/offline/", {"payload": qr_text(certificate)[:-3] + "AAA"})

    assert good.status_code == 200
    assert "VALID SIGNATURE" in good.content.decode()
    assert bad.status_code == 400
    assert "NOT VALID" in bad.content.decode()


def test_a_revoked_licences_signature_is_explained(anonymous, certificate):
    services.licence_revoke(
        licence=certificate.licence, actor=staff(), reasons="Fees charged.", immediate=True
    )

    text = anonymous.get("/verify/offline/", {"payload": qr_text(certificate)}).content.decode()

    assert "VALID SIGNATURE" in text
    assert "Signed by the regulator on" in text
    assert "check online for today&#x27;s status" in text
    assert "Revoked: no longer licensed" in text


def test_old_certificates_verify_after_a_key_rotation(certificate):
    old_seed, old_public = new_key()
    new_seed, _new_public = new_key()
    with override_settings(CERTIFICATE_SIGNING_KEY=old_seed, CERTIFICATE_SIGNING_KEY_ID="2026a"):
        signed_before = sign_certificate(certificate)

    with override_settings(
        CERTIFICATE_SIGNING_KEY=new_seed,
        CERTIFICATE_SIGNING_KEY_ID="2026b",
        CERTIFICATE_RETIRED_KEYS={"2026a": old_public},
    ):
        assert verify_payload(signed_before).key_id == "2026a"
        assert verify_payload(sign_certificate(certificate)).key_id == "2026b"
        assert list(public_keys()) == ["2026b", "2026a"]
    with override_settings(CERTIFICATE_SIGNING_KEY=new_seed, CERTIFICATE_SIGNING_KEY_ID="2026b"):
        with pytest.raises(BadPayload, match="does not publish"):
            verify_payload(signed_before)


def test_public_keys_are_published(anonymous):
    keys = anonymous.get("/.well-known/licence-keys.json").json()
    verify_page = anonymous.get("/verify/").content.decode()

    assert keys["algorithm"] == "Ed25519"
    [current] = keys["keys"]
    assert current["current"] is True
    assert current["public_key"] in verify_page
    assert "/.well-known/licence-keys.json" in verify_page
