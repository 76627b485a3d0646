"""Checking a certificate's code against the live register: what ``/verify/<code>/`` and the
API's ``GET /verify/{code}`` both say, so that a buyer gets the same answer from either.

A certificate on paper can be out of date or forged; the code is random and stored, so one
the regulator never issued is simply not found.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from licensing.models import Certificate, Licence
from licensing.signing import SignedCertificate, verify_payload
from public_register.words import STATUS_TONE, status_words

CODE_LENGTH = Certificate._meta.get_field("code").max_length

NOT_ISSUED = gettext_lazy(
    "This code was not issued by the regulator. Do not rely on the certificate; "
    "check the register instead."
)


class Standing:
    """Where a certificate stands, from the worst news for a buyer to the best."""

    REVOKED = "revoked"
    NOT_IN_FORCE = "not_in_force"
    SUSPENDED = "suspended"
    SUPERSEDED = "superseded"
    IN_FORCE = "in_force"


VERDICT_TONE = {Standing.IN_FORCE: "good", Standing.SUPERSEDED: "warn"}


@dataclass(frozen=True)
class CertificateCheck:
    """A genuine certificate and what the register says about its licence now."""

    code: str
    issued_at: datetime
    valid_until: date
    urn: str
    holder_name: str
    status: str
    status_words: str
    # The colour of the status tag, and of the verdict banner.
    tone: str
    verdict_tone: str
    is_in_force: bool
    is_latest_certificate: bool
    standing: str
    # The verdict in a few capitalised words, for the banner on the page.
    headline: str
    # The verdict in a sentence or two: the page shows it under the banner, the API sends it.
    detail: str
    issued_by_regulator: bool = True


def _standing(licence: Licence, is_latest: bool) -> str:
    # The licence's state outranks the certificate's age: a suspended licence is news to a
    # buyer whether or not a newer certificate exists.
    if licence.state == Licence.State.REVOKED:
        return Standing.REVOKED
    if not licence.is_in_force:
        return Standing.NOT_IN_FORCE
    if licence.state == Licence.State.SUSPENDED:
        return Standing.SUSPENDED
    if not is_latest:
        return Standing.SUPERSEDED
    return Standing.IN_FORCE


def _words(standing: str, words: str) -> tuple[str, str]:
    """The headline and the detail of a standing."""
    if standing == Standing.REVOKED:
        return (
            _("LICENCE REVOKED: this provider is no longer licensed. Do not use it."),
            _("Issued by the regulator, but the licence has been revoked."),
        )
    if standing == Standing.NOT_IN_FORCE:
        return (
            _("NOT LICENSED: %(status_words)s.") % {"status_words": words},
            _("Issued by the regulator, but the licence is no longer in force."),
        )
    if standing == Standing.SUSPENDED:
        return (
            _("LICENCE SUSPENDED: the provider must not supply workers."),
            _("Issued by the regulator, but the licence is suspended."),
        )
    if standing == Standing.SUPERSEDED:
        return (
            _("GENUINE CERTIFICATE, BUT REPLACED. The licence is in force: %(status_words)s.")
            % {"status_words": words},
            _(
                "Issued by the regulator; the licence is in force, but a newer certificate "
                "has since been issued."
            ),
        )
    return (
        _("GENUINE CERTIFICATE. The licence is in force: %(status_words)s.")
        % {"status_words": words},
        _("Issued by the regulator; the licence is in force."),
    )


def check_certificate(code: str) -> CertificateCheck | None:
    """What the register says about the certificate with this code (as printed, typed or
    read from its QR code), or None when the regulator never issued it."""
    normalised = Certificate.normalise_code(code)
    # Anything but a whole code cannot have been issued: no query for it.
    if len(normalised) != CODE_LENGTH:
        return None
    certificate = (
        Certificate.objects.select_related("licence__provider").filter(code=normalised).first()
    )
    if certificate is None:
        return None
    licence = certificate.licence
    latest = licence.certificates.order_by("-issued_at", "-pk").values_list("pk", flat=True)
    is_latest = certificate.pk == latest.first()
    standing = _standing(licence, is_latest)
    words = status_words(licence.state)
    headline, detail = _words(standing, words)
    if not is_latest and standing != Standing.SUPERSEDED:
        detail = f"{detail} {_('A newer certificate has since been issued.')}"
    return CertificateCheck(
        code=certificate.display_code,
        issued_at=certificate.issued_at,
        valid_until=certificate.valid_until,
        urn=licence.urn,
        holder_name=licence.provider.legal_name,
        status=licence.state,
        status_words=words,
        tone=STATUS_TONE.get(licence.state, "warn"),
        verdict_tone=VERDICT_TONE.get(standing, "bad"),
        is_in_force=licence.is_in_force,
        is_latest_certificate=is_latest,
        standing=standing,
        headline=headline,
        detail=detail,
    )


@dataclass(frozen=True)
class SignatureCheck:
    """A signed certificate payload that checked out, and the live status next to it."""

    signed: SignedCertificate
    # What the signature proves, and that today's status is a separate question.
    explanation: str
    status: str
    status_words: str
    tone: str


def check_signature(text: str) -> SignatureCheck:
    """Check a scanned or pasted payload with the regulator's public keys, and say what the
    register says about the licence today; raises BadPayload when it does not verify."""
    signed = verify_payload(text)
    explanation = _(
        "Signed by the regulator on %(date)s: the certificate said this when it was issued. "
        "A signature stays valid after a licence is suspended or revoked: check online for "
        "today's status."
    ) % {"date": formats.date_format(signed.issued_at, "j F Y")}
    licence = Licence.objects.filter(urn=signed.urn).first()
    status = licence.state if licence else ""
    return SignatureCheck(
        signed=signed,
        explanation=explanation,
        status=status,
        status_words=status_words(status) if status else "",
        tone=STATUS_TONE.get(status, "warn"),
    )
