"""The agency portal: thin views over ``portal.selectors`` and ``portal.services``, one
module per topic.

Every object is looked up through the signed-in user's memberships, so another
organisation's application, licence, document or condition is a 404.
"""

from portal.views.accounts import SignOutView, password_reset, sign_in, sign_up
from portal.views.applications import application, withdraw
from portal.views.case_messages import answer, message
from portal.views.conditions import condition
from portal.views.documents import (
    certificate,
    decision_letter,
    document,
    document_remove,
    revocation_notice,
)
from portal.views.licences import change, licence, renew, surrender
from portal.views.organisations import home, invitation, organisation, start
from portal.views.payments import pay
from portal.views.steps import step

__all__ = [
    "SignOutView",
    "answer",
    "application",
    "certificate",
    "change",
    "condition",
    "decision_letter",
    "document",
    "document_remove",
    "home",
    "invitation",
    "licence",
    "message",
    "organisation",
    "password_reset",
    "pay",
    "renew",
    "revocation_notice",
    "sign_in",
    "sign_up",
    "start",
    "step",
    "surrender",
    "withdraw",
]
