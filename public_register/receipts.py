"""Due-diligence receipts: a code on every record PDF, bulk check and (on request) API
lookup, so that an auditor can later confirm what was checked, when, and what the register
said then, next to what it says today.

The code is 80 random bits in base32 with a check character: a mistyped code is caught
without a query, and a forged one is simply not found. Receipts keep nothing about who
asked, and the provider is never told.
"""

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from licensing.models import Licence
from public_register.licences import PublicLicence, licence_url
from public_register.models import Receipt
from public_register.words import status_words

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
RANDOM_LENGTH = 16
CODE_LENGTH = RANDOM_LENGTH + 1
# Characters people confuse with the alphabet's own when they type a printed code.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B", "9": "G"})

NOT_ISSUED = gettext_lazy(
    "No receipt has this code: the register never issued it. Check that you typed it as "
    "printed; a receipt that cannot be found here is not evidence of a check."
)


def _check_character(body: str) -> str:
    """Luhn mod 32: catches any single mistyped character and most swaps of neighbours."""
    factor, total = 2, 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return body + _check_character(body)


def normalise_code(text: str) -> str:
    """A receipt code as stored, from one typed with spaces, dashes or lower case."""
    cleaned = "".join(ch for ch in (text or "")[:60] if ch.isalnum()).upper()
    return cleaned.translate(_LOOKALIKES)


def display_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def is_well_formed(code: str) -> bool:
    return (
        len(code) == CODE_LENGTH
        and all(ch in ALPHABET for ch in code)
        and _check_character(code[:-1]) == code[-1]
    )


def receipt_url(code: str) -> str:
    return f"{settings.SITE_URL}/verify/{code}/"


def snapshot(data) -> object:
    """Plain JSON of an answer (dates as ISO text, lazy words as text), as it was sent."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def receipt_issue(*, kind: str, asked: dict, answer, subjects: list[dict]) -> Receipt:
    """Record a receipt for an answer just given. ``subjects`` are the licences the answer
    spoke about: ``{"urn", "holder_name", "status"}``. Takes no actor: nothing about who
    asked is kept."""
    return Receipt.objects.create(
        code=new_code(),
        kind=kind,
        asked=snapshot(asked),
        answer=snapshot(answer),
        subjects=[
            {"urn": s["urn"], "holder_name": s["holder_name"], "status": str(s["status"])}
            for s in subjects
            if s.get("urn")
        ],
    )


@dataclass(frozen=True)
class SubjectThenAndNow:
    urn: str
    holder_name: str
    status_then: str
    status_then_words: str
    status_now: str
    status_now_words: str
    changed: bool
    # "On 30 Nov 2026 14:02 UTC, BRIG0001 was licensed; today it is suspended."
    sentence: str
    url: str


@dataclass(frozen=True)
class ReceiptView:
    code: str
    display_code: str
    kind: str
    kind_words: str
    issued_at: datetime
    asked: dict
    answer: object
    subjects: list[SubjectThenAndNow]


def _plain(words: str) -> str:
    """A status's words as they read inside a sentence."""
    head = words.split(":", 1)[0]
    return head[:1].lower() + head[1:]


def receipt_lookup(code: str) -> ReceiptView | None:
    """The receipt with this code and what the register says about its licences today, or
    None when the register never issued it."""
    normalised = normalise_code(code)
    if not is_well_formed(normalised):
        return None
    receipt = Receipt.objects.filter(code=normalised).first()
    if receipt is None:
        return None
    urns = [s["urn"] for s in receipt.subjects]
    now = dict(Licence.objects.filter(urn__in=urns).values_list("urn", "state"))
    issued_utc = receipt.issued_at.astimezone(UTC)
    when = formats.date_format(issued_utc, "j M Y H:i") + " UTC"
    subjects = []
    for subject in receipt.subjects:
        then, today = subject["status"], now.get(subject["urn"], subject["status"])
        then_words, today_words = status_words(then), status_words(today)
        if then == today:
            sentence = _("On %(when)s, %(urn)s was %(then)s; today it still is.")
        else:
            sentence = _("On %(when)s, %(urn)s was %(then)s; today it is %(today)s.")
        subjects.append(
            SubjectThenAndNow(
                urn=subject["urn"],
                holder_name=subject["holder_name"],
                status_then=then,
                status_then_words=then_words,
                status_now=today,
                status_now_words=today_words,
                changed=then != today,
                sentence=sentence
                % {
                    "when": when,
                    "urn": subject["urn"],
                    "then": _plain(then_words),
                    "today": _plain(today_words),
                },
                url=licence_url(subject["urn"]),
            )
        )
    return ReceiptView(
        code=receipt.code,
        display_code=display_code(receipt.code),
        kind=receipt.kind,
        kind_words=str(Receipt.Kind(receipt.kind).label),
        issued_at=receipt.issued_at,
        asked=receipt.asked,
        answer=receipt.answer,
        subjects=subjects,
    )


# The answers that get receipts.


def _licence_answer(public: PublicLicence) -> dict:
    data = asdict(public)
    data.pop("updated_at", None)
    return data


def record_receipt(public: PublicLicence) -> Receipt:
    """The receipt printed on a licence's register record PDF."""
    return receipt_issue(
        kind=Receipt.Kind.RECORD,
        asked={"urn": public.urn},
        answer=_licence_answer(public),
        subjects=[asdict(public)],
    )


def licence_lookup_receipt(public: PublicLicence) -> Receipt:
    return receipt_issue(
        kind=Receipt.Kind.LICENCE_LOOKUP,
        asked={"urn": public.urn},
        answer=_licence_answer(public),
        subjects=[asdict(public)],
    )


def certificate_check_receipt(code: str, answer: dict) -> Receipt:
    return receipt_issue(
        kind=Receipt.Kind.CERTIFICATE_CHECK,
        asked={"certificate_code": code},
        answer=answer,
        subjects=[answer],
    )


def bulk_check_receipt(check: dict) -> Receipt:
    """A bulk check's receipt: the suppliers asked about, and every row's answer."""
    matched = [row["match"] for row in check["results"] if row.get("match")]
    return receipt_issue(
        kind=Receipt.Kind.BULK_CHECK,
        asked={"suppliers": [row["supplier"] for row in check["results"]]},
        answer=check,
        subjects=matched,
    )
