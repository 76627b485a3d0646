"""Records for the back office's access tests: `office_args(kind)` makes one record of that
kind and returns the URL arguments that name it."""

from datetime import timedelta
from decimal import Decimal

import pytest
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

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def office_args(agency_a, applicant_a, licensing_officer, inspector, decision_maker, administrator):
    def case():
        return services.application_submit(
            application=ApplicationFactory(provider=agency_a), actor=applicant_a
        )

    def payment():
        application = case()
        payment = services.fee_payment_request(
            application=application, actor=licensing_officer, method="bank_transfer"
        )
        return [application.reference, payment.reference]

    def document():
        document = Document(
            provider=agency_a,
            application=case(),
            kind=Document.Kind.COMPANY,
            original_name="certificate.pdf",
            content_type="application/pdf",
            size=9,
            uploaded_by=applicant_a,
        )
        document.file.save("ignored.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        return [document.pk]

    def licence():
        licence = LicenceFactory(provider=agency_a)
        services.issue_certificate(licence=licence)
        return licence

    def revocation():
        return services.licence_revoke(
            licence=licence(), actor=decision_maker, reasons="Debt bondage.", immediate=True
        )

    def appeal():
        appeal = services.appeal_lodge(
            decision=revocation(),
            actor=decision_maker,
            kind=Appeal.Kind.TRIBUNAL,
            lodged_on=timezone.localdate(),
        )
        return [appeal.pk]

    def condition():
        condition = LicenceConditionFactory(licence=licence())
        return [condition.licence.urn, condition.pk]

    def inspection():
        make_edition({"2.3": (8, False)})
        return started_inspection(scheduler=decision_maker, inspector=inspector, licence=licence())

    def attachment():
        started = inspection()
        finding = inspection_services.finding_record(
            inspection=started,
            actor=inspector,
            standard=started.edition.standards.get(),
            result=Finding.Result.COMPLIANT,
        )
        attachment = inspection_services.finding_attach(
            finding=finding, actor=inspector, file=SimpleUploadedFile("photo.png", PNG)
        )
        return [started.reference, attachment.pk]

    def concern():
        return inspection_services.concern_report(
            provider=agency_a, description="Paid for a job.", language="en"
        )

    def violation():
        return inspection_services.fee_violation_record(
            actor=inspector,
            inspection=inspection(),
            subcategory="medical",
            amount=Decimal("80"),
            currency="GBP",
            workers_affected=2,
            collected_by="provider",
            country="GB",
            charged_on=timezone.localdate() - timedelta(days=30),
        )

    def repayment():
        recorded = violation()
        inspection_services.fee_violation_order_repayment(
            violation=recorded,
            actor=decision_maker,
            amount=Decimal("80"),
            deadline=timezone.localdate() + timedelta(days=30),
        )
        repayment = inspection_services.repayment_record(
            violation=recorded, actor=inspector, amount=Decimal("40"), paid_on=timezone.localdate()
        )
        return [recorded.pk, repayment.pk]

    def draft_edition():
        draft = inspection_services.standards_edition_copy(
            edition=make_edition({"2.3": (8, False)}), name="Next standards", actor=administrator
        )
        return [draft.pk]

    def role():
        return [ProviderRoleFactory(provider=agency_a, authorised_by_regulator=False).pk]

    def match():
        on_record = PersonFactory(full_name="Ion Popescu")
        declared = PersonFactory(full_name="Ion Popescu")
        ProviderRoleFactory(provider=agency_a, person=declared)
        return [PersonMatch.objects.create(person=declared, candidate=on_record).pk]

    makers = {
        "none": list,
        "case": lambda: [case().reference],
        "payment": payment,
        "document": document,
        "licence": lambda: [licence().urn],
        "condition": condition,
        "decision": lambda: [revocation().pk],
        "appeal": appeal,
        "provider": lambda: [agency_a.pk],
        "inspection": lambda: [inspection().reference],
        "section": lambda: [inspection().reference, 1],
        "attachment": attachment,
        "concern": lambda: [concern().reference],
        # Refused before the message is looked up: any number names one.
        "concern_message": lambda: [concern().reference, 1],
        "violation": lambda: [violation().pk],
        "repayment": repayment,
        "draft": draft_edition,
        "role": role,
        "match": match,
        # Refused before the review is looked up: any number names one.
        "identity_review": lambda: [1],
    }
    return lambda kind: makers[kind]()
