"""The agency portal: thin views over ``portal.selectors`` and ``portal.services``, one
module per topic.

Every object is looked up through the signed-in user's memberships, so another
organisation's application, licence, document or condition is a 404.
"""

from portal.views.accounts import (
    PasswordResetCompleteView,
    PasswordResetConfirmView,
    PasswordResetDoneView,
    PasswordResetView,
    SignInView,
    SignOutView,
    sign_up,
    sign_up_sent,
    verify,
)
from portal.views.applications import application, withdraw
from portal.views.case_messages import answer, message
from portal.views.conditions import condition
from portal.views.documents import certificate, decision_letter, document, revocation_notice
from portal.views.licences import change, licence, renew, surrender
from portal.views.organisations import home, invitation, organisation, start
from portal.views.payments import pay
from portal.views.steps import step

__all__ = [
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "SignInView",
    "SignOutView",
    "answer",
    "application",
    "certificate",
    "change",
    "condition",
    "decision_letter",
    "document",
    "home",
    "invitation",
    "licence",
    "message",
    "organisation",
    "pay",
    "renew",
    "revocation_notice",
    "sign_up",
    "sign_up_sent",
    "start",
    "step",
    "surrender",
    "verify",
    "withdraw",
]
