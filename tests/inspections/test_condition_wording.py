"""A condition's public wording is separate from the inspector's evidence: the evidence never
reaches a public page, the record PDF, the certificate, the API, the changes feed or the
open data; the default wording is the standard's title, not doubled."""

import pypdfium2
import pytest

from inspections import services
from licensing.models import LicenceCondition
from licensing.pdfs import latest_certificate, licence_certificate_pdf
from tests.inspections.test_review_flow import (  # noqa: F401 (fixtures)
    application_at_inspection,
    edition,
    schedule_application_inspection,
)
from tests.inspections.factories import record_all

pytestmark = pytest.mark.django_db
MARKER = "ZZPRIVATEMARKER42"


def pdf_text(content: bytes) -> str:
    document = pypdfium2.PdfDocument(content)
    return "\n".join(page.get_textpage().get_text_range() for page in document)


def test_the_inspectors_evidence_never_reaches_the_public(
    application_at_inspection, decision_maker, inspector, licensing_officer, anonymous
):
    inspection = schedule_application_inspection(
        application_at_inspection, decision_maker, inspector
    )
    record_all(inspection, inspector, failed_codes=("2.3",))
    finding = inspection.findings.get(standard__code="2.3")
    type(finding.standard).objects.filter(pk=finding.standard_id).update(
        title="Itemised payslips"
    )
    finding.standard.refresh_from_db()
    services.finding_record(
        inspection=inspection,
        actor=inspector,
        standard=finding.standard,
        result=finding.result,
        evidence=f"Two of eight workers interviewed had no itemised payslip {MARKER}",
    )
    services.inspection_submit(inspection=inspection, actor=inspector)
    services.inspection_approve(inspection=inspection, actor=decision_maker)
    inspection.refresh_from_db()
    services.inspection_apply_conditions(inspection=inspection, actor=licensing_officer)

    condition = LicenceCondition.objects.get()
    assert MARKER in condition.inspection_evidence  # staff keep it
    title = finding.standard.title
    assert condition.text == title
    licence = condition.licence
    urn = licence.urn

    page = anonymous.get(f"/register/{urn}/").content.decode()
    assert title in page and page.count(title) == 1  # the standard's name, once
    responses = {
        "register page": page,
        "register search": anonymous.get("/register/", {"q": licence.provider.legal_name}),
        "record.pdf": pdf_text(anonymous.get(f"/register/{urn}/record.pdf").content),
        "certificate": pdf_text(licence_certificate_pdf(latest_certificate(licence))),
        "verify page": anonymous.get(f"/verify/{latest_certificate(licence).code}/"),
        "API licence": anonymous.get(f"/api/v1/licences/{urn}"),
        "changes feed": anonymous.get("/api/v1/changes"),
        "open data CSV": anonymous.get("/open-data/register.csv"),
        "open data JSON": anonymous.get("/open-data/register.json"),
    }
    for where, response in responses.items():
        if not isinstance(response, str):
            assert response.status_code == 200, where
            response = (
                b"".join(response.streaming_content).decode()
                if getattr(response, "streaming", False)
                else response.content.decode()
            )
        assert MARKER not in response, f"the evidence leaked into the {where}"
    assert title in pdf_text(anonymous.get(f"/register/{urn}/record.pdf").content)
