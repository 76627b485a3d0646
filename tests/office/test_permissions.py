"""Every back-office URL, page or step, refuses whoever lacks its permission (403) and sends
anonymous visitors to the staff sign-in; nothing is written either way."""

import pytest
from django.urls import get_resolver, reverse

from licensing.models import AuditEntry

pytestmark = pytest.mark.django_db

# (URL name, the kind of record it names (see conftest), method, a persona without the
# permission).
URLS = [
    ("workbench", "none", "get", "applicant_a"),
    ("application", "case", "get", "applicant_a"),
    ("application_validate", "case", "post", "inspector"),
    ("application_start_assessment", "case", "post", "inspector"),
    ("application_fast_track", "case", "post", "inspector"),
    ("application_require_inspection", "case", "post", "inspector"),
    ("application_return", "case", "post", "inspector"),
    ("application_grant", "case", "post", "inspector"),
    ("application_grant_with_conditions", "case", "post", "inspector"),
    ("application_refuse", "case", "post", "inspector"),
    ("application_waive_inspection", "case", "post", "inspector"),
    ("application_withdraw", "case", "post", "inspector"),
    ("application_assign", "case", "post", "inspector"),
    ("application_message", "case", "post", "inspector"),
    ("payment_request", "case", "post", "inspector"),
    ("payment_received", "payment", "post", "inspector"),
    ("decision_letter_pdf", "case", "get", "applicant_a"),
    ("document", "document", "get", "applicant_a"),
    ("appeal_lodge", "decision", "post", "inspector"),
    ("exclusion_links", "decision", "get", "inspector"),
    ("identity_review", "identity_review", "get", "inspector"),
    ("revocation_notice_pdf", "decision", "get", "applicant_a"),
    ("appeal_decide", "appeal", "post", "inspector"),
    ("licences", "none", "get", "applicant_a"),
    ("licence", "licence", "get", "applicant_a"),
    ("licence_add_conditions", "licence", "post", "inspector"),
    ("licence_suspend", "licence", "post", "licensing_officer"),
    ("licence_lift_suspension", "licence", "post", "licensing_officer"),
    ("licence_revoke", "licence", "post", "licensing_officer"),
    ("licence_expire", "licence", "post", "licensing_officer"),
    ("condition_outcome", "condition", "post", "inspector"),
    ("certificate_pdf", "licence", "get", "applicant_a"),
    ("providers", "none", "get", "applicant_a"),
    ("provider", "provider", "get", "applicant_a"),
    ("role_authorise", "role", "post", "inspector"),
    ("role_refuse", "role", "post", "inspector"),
    ("role_end", "role", "post", "inspector"),
    ("person_match", "match", "post", "inspector"),
    ("inspections", "none", "get", "applicant_a"),
    ("inspection_schedule", "none", "post", "licensing_officer"),
    ("risk_queue", "none", "get", "applicant_a"),
    ("standards", "none", "get", "applicant_a"),
    ("edition_copy", "none", "post", "decision_maker"),
    ("edition_publish", "draft", "post", "decision_maker"),
    ("concerns", "none", "get", "applicant_a"),
    ("concern", "concern", "get", "applicant_a"),
    ("concern_review", "concern", "post", "inspector"),
    ("concern_assess", "concern", "post", "inspector"),
    ("concern_close", "concern", "post", "inspector"),
    ("concern_open_inspection", "concern", "post", "inspector"),
    ("concern_violation_new", "concern", "post", "licensing_officer"),
    ("violations", "none", "get", "applicant_a"),
    ("violation", "violation", "get", "applicant_a"),
    ("violation_order", "violation", "post", "inspector"),
    ("violation_repayment", "violation", "post", "licensing_officer"),
    ("repayment_confirm", "repayment", "post", "licensing_officer"),
    ("order_letter", "violation", "get", "applicant_a"),
    ("worker_slips", "violation", "post", "licensing_officer"),
    ("repayment_evidence", "repayment", "get", "applicant_a"),
    ("repayment_accept", "repayment", "post", "licensing_officer"),
    ("repayment_query", "repayment", "post", "licensing_officer"),
    ("concern_ask", "concern", "post", "inspector"),
    ("concern_photo", "concern_message", "get", "applicant_a"),
    ("inspection", "inspection", "get", "applicant_a"),
    ("inspection_start", "inspection", "post", "licensing_officer"),
    ("inspection_visit", "inspection", "post", "licensing_officer"),
    ("inspection_section", "section", "post", "licensing_officer"),
    ("inspection_attachment", "attachment", "get", "applicant_a"),
    ("inspection_submit", "inspection", "post", "licensing_officer"),
    ("inspection_review", "inspection", "post", "inspector"),
    ("inspection_cancel", "inspection", "post", "licensing_officer"),
    ("inspection_reassign", "inspection", "post", "licensing_officer"),
    # The service decides who may: here a decision maker or whoever manages conditions.
    ("inspection_apply_conditions", "inspection", "post", "inspector"),
    ("inspection_pdf", "inspection", "get", "applicant_a"),
    ("inspection_violation_new", "inspection", "post", "licensing_officer"),
]
PUBLIC = {"sign_in", "sign_out"}


def visit(client, method, name, args):
    return getattr(client, method)(reverse(f"office:{name}", args=args))


def test_every_office_url_is_checked_here():
    office_names = {
        name
        for name in get_resolver().namespace_dict["office"][1].reverse_dict
        if isinstance(name, str)
    }
    assert office_names == {name for name, *_rest in URLS} | PUBLIC


@pytest.mark.parametrize(("name", "args", "method", "persona"), URLS, ids=[u[0] for u in URLS])
def test_a_user_without_the_permission_gets_403(
    request, client_for, office_args, name, args, method, persona
):
    client = client_for(request.getfixturevalue(persona))
    url_args = office_args(args)
    written = AuditEntry.objects.count()
    response = visit(client, method, name, url_args)
    assert response.status_code == 403
    assert AuditEntry.objects.count() == written


@pytest.mark.parametrize(("name", "args", "method", "persona"), URLS, ids=[u[0] for u in URLS])
def test_anonymous_visitors_are_sent_to_the_sign_in(
    anonymous, office_args, name, args, method, persona
):
    url_args = office_args(args)
    written = AuditEntry.objects.count()
    response = visit(anonymous, method, name, url_args)
    assert response.status_code == 302
    assert response["Location"].startswith("/office/sign-in/?next=/office/")
    assert AuditEntry.objects.count() == written
