"""The fixture world of the permission matrix: one record of every kind, all owned by agency A,
and the URL arguments that name each kind (the `args` column of matrix.py)."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Finding
from licensing import services
from licensing.models import Appeal, Document
from registry.models import PersonMatch
from tests.factories import (
    ApplicationFactory,
    LicenceConditionFactory,
    LicenceFactory,
    PersonFactory,
    ProviderRoleFactory,
)
from tests.inspections.factories import make_edition, started_inspection
from tests.public_site.factories import _decide_ready, staff

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
# Secret-link tokens nobody was sent: the pages must neither fail nor reveal anything.
UNKNOWN_TOKEN = "not-a-token-anybody-was-sent"


def build_world(*, agency_a, applicant_a, officer, inspector, decider, administrator) -> dict:
    """Returns {kind: [URL arguments]} for every kind the matrix names."""
    draft = ApplicationFactory(provider=agency_a)
    case = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    payment = services.fee_payment_request(application=case, actor=officer, method="bank_transfer")
    document = Document(
        provider=agency_a,
        application=case,
        kind=Document.Kind.COMPANY,
        original_name="certificate.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=applicant_a,
    )
    document.file.save("ignored.pdf", ContentFile(b"%PDF-1.4\n"), save=True)

    registrar = staff("matrix_registrar")
    decided = _decide_ready(ApplicationFactory(provider=agency_a), registrar)
    services.application_refuse(application=decided, actor=registrar, reasons="Not fit.")

    licence = LicenceFactory(provider=agency_a)
    certificate = services.issue_certificate(licence=licence)
    condition = LicenceConditionFactory(licence=licence)

    revoked = LicenceFactory(provider=agency_a)
    services.issue_certificate(licence=revoked)
    revocation = services.licence_revoke(
        licence=revoked, actor=decider, reasons="Debt bondage.", immediate=True
    )
    appeal = services.appeal_lodge(
        decision=revocation,
        actor=decider,
        kind=Appeal.Kind.TRIBUNAL,
        lodged_on=timezone.localdate(),
    )

    edition = make_edition({"2.3": (8, False)})
    inspection = started_inspection(scheduler=decider, inspector=inspector, licence=licence)
    finding = inspection_services.finding_record(
        inspection=inspection,
        actor=inspector,
        standard=inspection.edition.standards.get(),
        result=Finding.Result.COMPLIANT,
    )
    attachment = inspection_services.finding_attach(
        finding=finding, actor=inspector, file=SimpleUploadedFile("photo.png", PNG)
    )
    concern = inspection_services.concern_report(
        provider=agency_a, description="Paid for a job.", language="en"
    )
    violation = inspection_services.fee_violation_record(
        actor=inspector,
        inspection=inspection,
        subcategory="medical",
        amount=Decimal("80"),
        currency="GBP",
        workers_affected=2,
        collected_by="provider",
        country="GB",
        charged_on=timezone.localdate() - timedelta(days=30),
    )
    inspection_services.fee_violation_order_repayment(
        violation=violation,
        actor=decider,
        amount=Decimal("80"),
        deadline=timezone.localdate() + timedelta(days=30),
    )
    repayment = inspection_services.repayment_record(
        violation=violation, actor=inspector, amount=Decimal("40"), paid_on=timezone.localdate()
    )
    draft_edition = inspection_services.standards_edition_copy(
        edition=edition, name="Next standards", actor=administrator
    )
    role = ProviderRoleFactory(provider=agency_a, authorised_by_regulator=False)
    on_record = PersonFactory(full_name="Ion Popescu")
    declared = PersonFactory(full_name="Ion Popescu")
    ProviderRoleFactory(provider=agency_a, person=declared)
    match = PersonMatch.objects.create(person=declared, candidate=on_record)

    return {
        "none": [],
        "draft": [draft.reference],
        "step": [draft.reference, "business"],
        "case": [case.reference],
        "decided": [decided.reference],
        "payment": [case.reference, payment.reference],
        "document": [document.pk],
        "licence": [licence.urn],
        "condition": [condition.licence.urn, condition.pk],
        "condition_pk": [condition.pk],
        "decision": [revocation.pk],
        "notice": [revoked.urn, revocation.pk],
        "appeal": [appeal.pk],
        "provider": [agency_a.pk],
        "inspection": [inspection.reference],
        "section": [inspection.reference, 1],
        "attachment": [inspection.reference, attachment.pk],
        "concern": [concern.reference],
        "violation": [violation.pk],
        "repayment": [violation.pk, repayment.pk],
        "edition": [draft_edition.pk],
        "role": [role.pk],
        "match": [match.pk],
        "token": [UNKNOWN_TOKEN],
        "bulk": [UNKNOWN_TOKEN, "csv"],
        "code": ["UNKNOWN-CODE"],
        "certificate": [certificate.code],
        "key": ["unknown-key"],
        "reset": ["1", "unknown-key"],
        "mail": ["unknown-mail"],
        # Records these URLs name that the world does not hold: everybody gets a 404 or less.
        "concern_photo": [concern.reference, 999999],
        "identity_review": [999999],
    }
