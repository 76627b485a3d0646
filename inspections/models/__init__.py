"""Licensing standards, inspections and their findings, recruitment-fee violations, concerns
reported by the public and stored risk scores.

States change only through django-fsm transitions, run by ``licensing.workflow.transition``
from ``inspections.services``; each transition's docstring states the business rule.
"""

from inspections.models.concerns import (
    Concern,
    ConcernUpdate,
    concern_reference,
    normalise_concern_reference,
)
from inspections.models.fee_violations import (
    FEE_SUBCATEGORIES,
    FeeCategory,
    FeeSubcategory,
    FeeViolation,
    Repayment,
    category_of,
)
from inspections.models.inspections import (
    Finding,
    FindingAttachment,
    Inspection,
    InspectionSettings,
    evidence_upload_path,
)
from inspections.models.investigations import UnlicensedInvestigation
from inspections.models.remedy import (
    ConcernMessage,
    OrderReminder,
    WorkerCode,
    new_phrase,
    new_worker_code,
    secret_hash,
)
from inspections.models.risk import LicenceRisk
from inspections.models.standards import (
    Standard,
    StandardSection,
    StandardsEdition,
    StandardsEditionQuerySet,
)

__all__ = [
    "FEE_SUBCATEGORIES",
    "Concern",
    "ConcernMessage",
    "ConcernUpdate",
    "FeeCategory",
    "FeeSubcategory",
    "FeeViolation",
    "Finding",
    "FindingAttachment",
    "Inspection",
    "InspectionSettings",
    "LicenceRisk",
    "OrderReminder",
    "Repayment",
    "Standard",
    "StandardSection",
    "StandardsEdition",
    "StandardsEditionQuerySet",
    "WorkerCode",
    "category_of",
    "concern_reference",
    "evidence_upload_path",
    "new_phrase",
    "new_worker_code",
    "normalise_concern_reference",
    "secret_hash",
    "UnlicensedInvestigation",
]
