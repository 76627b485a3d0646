"""Licence applications, licences, conditions, appeals, the audit trail and the register entry.

States change only through django-fsm transitions, run by ``licensing.workflow.transition``
from the service functions in ``licensing.services``; each transition's docstring states the
business rule it enforces. State fields are protected: assigning one raises.
"""

from licensing.models.applications import Application
from licensing.models.audit import TRANSITION_ACTIONS, AuditAction, AuditEntry
from licensing.models.audit_chain import AuditChainHead
from licensing.models.base import (
    CROCKFORD,
    private_storage,
    private_upload_path,
    random_code,
    refusal_message,
)
from licensing.models.case_files import CaseMessage, Certificate, Document, FeePayment
from licensing.models.decisions import AdverseDecision, Appeal
from licensing.models.licences import Licence, LicenceCondition, LicenceQuerySet
from licensing.models.policy import FeeBand, Holiday, LicensingPolicy
from licensing.models.register import RegisterEntry
from licensing.models.reviews import IdentityReview

__all__ = [
    "CROCKFORD",
    "TRANSITION_ACTIONS",
    "AdverseDecision",
    "Appeal",
    "Application",
    "AuditAction",
    "AuditChainHead",
    "AuditEntry",
    "CaseMessage",
    "Certificate",
    "Document",
    "FeeBand",
    "FeePayment",
    "Holiday",
    "IdentityReview",
    "Licence",
    "LicenceCondition",
    "LicenceQuerySet",
    "LicensingPolicy",
    "RegisterEntry",
    "private_storage",
    "private_upload_path",
    "random_code",
    "refusal_message",
]
