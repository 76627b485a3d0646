"""Due-diligence receipts in the API: ``?receipt=1`` on a lookup adds one to the answer,
bulk checks always carry one, and ``GET /receipts/{code}`` shows a receipt with what the
register says today (``public_register.receipts``)."""

from datetime import datetime
from typing import Any

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from public_register.models import Receipt
from public_register.receipts import NOT_ISSUED, display_code, receipt_lookup, receipt_url


class ReceiptRefOut(Schema):
    code: str = Field(description="Quote it to an auditor; anyone can look it up.")
    display_code: str
    url: str


def receipt_ref(receipt: Receipt) -> dict:
    return {
        "code": receipt.code,
        "display_code": display_code(receipt.code),
        "url": receipt_url(receipt.code),
    }


class ReceiptQuery(Schema):
    receipt: bool = Field(
        False, description="Set to 1 to get a due-diligence receipt code with the answer."
    )


class SubjectOut(Schema):
    urn: str
    holder_name: str
    status_then: str
    status_then_words: str
    status_now: str
    status_now_words: str
    changed: bool
    sentence: str
    url: str


class ReceiptOut(Schema):
    code: str
    display_code: str
    kind: str
    kind_words: str
    issued_at: datetime
    asked: dict[str, Any]
    answer: Any = Field(description="Exactly the answer given then, never changed.")
    subjects: list[SubjectOut]


class ErrorOut(Schema):
    detail: str


router = Router(tags=["receipts"])


@router.get(
    "/{code}",
    response={200: ReceiptOut, 404: ErrorOut},
    summary="Look up a due-diligence receipt",
)
def receipt_detail(request, code: str):
    """What was asked, the answer as given and when, and for each licence in it its status
    then and today. A code the register never issued is 404."""
    receipt = receipt_lookup(code)
    if receipt is None:
        raise HttpError(404, str(NOT_ISSUED))
    return receipt
