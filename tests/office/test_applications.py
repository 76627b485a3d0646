"""The case page and its actions, through the client as each persona."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from licensing import services
from licensing.models import (
    AdverseDecision,
    Application,
    AuditEntry,
    CaseMessage,
    Document,
    FeePayment,
    LicenceCondition,
)
from tests.factories import (
    ApplicationFactory,
    LabourProviderFactory,
    LicenceFactory,
    ProviderRoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(agency_a, applicant_a):
    application = ApplicationFactory(provider=agency_a)
    return services.application_submit(application=application, actor=applicant_a)


def paid(application, officer):
    payment = services.fee_payment_request(
        application=application, actor=officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=officer)
    application.refresh_from_db()
    return application


@pytest.fixture
def validated(submitted, licensing_officer):
    return services.application_validate(
        application=paid(submitted, licensing_officer), actor=licensing_officer
    )


@pytest.fixture
def assessing(validated, licensing_officer):
    return services.application_start_assessment(application=validated, actor=licensing_officer)


def case_url(application):
    return reverse("office:application", args=[application.reference])


def action_url(application, action):
    return reverse(f"office:application_{action.replace('-', '_')}", args=[application.reference])


def audit_actions(application):
    return list(
        AuditEntry.objects.filter(application=application)
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_the_case_page_shows_the_provider_and_only_allowed_actions(
    client_for, licensing_officer, submitted
):
    response = client_for(licensing_officer).get(case_url(submitted))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Anglia Field Labour Ltd" in page
    assert action_url(submitted, "return") in page
    assert action_url(submitted, "withdraw") in page
    assert action_url(submitted, "grant") not in page
    assert action_url(submitted, "refuse") not in page
    # Validation waits for the fee, and the page says why.
    assert action_url(submitted, "validate") not in page
    assert "The fee must be received before assessment starts." in page


def test_decision_actions_appear_under_assessment(client_for, licensing_officer, assessing):
    page = client_for(licensing_officer).get(case_url(assessing)).content.decode()
    for action in ("grant", "grant-with-conditions", "refuse", "require-inspection", "return"):
        assert action_url(assessing, action) in page
    assert action_url(assessing, "validate") not in page


def test_an_inspector_sees_no_actions_and_cannot_post_one(client_for, inspector, assessing):
    client = client_for(inspector)
    page = client.get(case_url(assessing)).content.decode()
    assert action_url(assessing, "grant") not in page
    assert "There is nothing you can do on this case" in page
    response = client.post(
        action_url(assessing, "grant"),
        {"grant-confirm": "on", "grant-version": assessing.version, "grant-reason": ""},
    )
    assert response.status_code == 403
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT


def test_an_unknown_reference_is_404(client_for, licensing_officer):
    client = client_for(licensing_officer)
    assert client.get("/office/applications/ANOTHERE/").status_code == 404
    assert client.post("/office/applications/ANOTHERE/validate/").status_code == 404


def test_an_unknown_action_is_404(client_for, licensing_officer, submitted):
    response = client_for(licensing_officer).post(
        f"/office/applications/{submitted.reference}/approve/"
    )
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(anonymous, submitted):
    response = anonymous.get(case_url(submitted))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("office:sign_in"))


def test_an_officer_validates_and_starts_assessment(client_for, licensing_officer, submitted):
    application = paid(submitted, licensing_officer)
    client = client_for(licensing_officer)
    response = client.post(
        action_url(application, "validate"), {"validate-version": application.version}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.VALIDATED
    response = client.post(
        action_url(application, "start-assessment"),
        {"start-assessment-version": application.version},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.UNDER_ASSESSMENT
    assert audit_actions(application)[-2:] == ["validate", "start_assessment"]
    page = client.get(case_url(application)).content.decode()
    assert "Assessment has started." in page


def test_returning_needs_a_message_and_keeps_the_input(client_for, licensing_officer, submitted):
    client = client_for(licensing_officer)
    response = client.post(
        action_url(submitted, "return"),
        {"return-version": submitted.version, "return-message": " "},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_return-message"' in page
    submitted.refresh_from_db()
    assert submitted.state == Application.State.SUBMITTED


def test_returning_sends_the_message_to_the_applicant(
    client_for, licensing_officer, submitted, django_capture_on_commit_callbacks
):
    client = client_for(licensing_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            action_url(submitted, "return"),
            {"return-version": submitted.version, "return-message": "Send your VAT certificate."},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == Application.State.RETURNED
    message = CaseMessage.objects.get(application=submitted)
    assert message.is_information_request and message.body == "Send your VAT certificate."
    entry = AuditEntry.objects.filter(application=submitted).last()
    assert entry.action == "return_for_information"
    assert entry.reason == "Send your VAT certificate."


def test_require_inspection_records_the_reason(client_for, licensing_officer, assessing):
    response = client_for(licensing_officer).post(
        action_url(assessing, "require-inspection"),
        {
            "require-inspection-version": assessing.version,
            "require-inspection-reason": "Accommodation for workers is provided.",
        },
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.INSPECTION
    assert assessing.inspection_tasked_at is not None
    entry = AuditEntry.objects.filter(application=assessing).last()
    assert (entry.action, entry.reason) == (
        "require_inspection",
        "Accommodation for workers is provided.",
    )


def test_grant_issues_a_licence(client_for, licensing_officer, assessing):
    response = client_for(licensing_officer).post(
        action_url(assessing, "grant"),
        {
            "grant-confirm": "on",
            "grant-version": assessing.version,
            "grant-reason": "Meets every standard.",
        },
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.GRANTED
    assert assessing.licence.urn.startswith("ANGL")
    assert assessing.decision_reasons == "Meets every standard."
    assert "grant" in audit_actions(assessing)
    page = client_for(licensing_officer).get(case_url(assessing)).content.decode()
    assert reverse("office:decision_letter_pdf", args=[assessing.reference]) in page


def conditions_data(application, rows):
    data = {
        "grant-with-conditions-confirm": "on",
        "grant-with-conditions-version": application.version,
        "grant-with-conditions-reason": "Two failed standards.",
        "grant-with-conditions-conditions-TOTAL_FORMS": "3",
        "grant-with-conditions-conditions-INITIAL_FORMS": "0",
        "grant-with-conditions-conditions-MIN_NUM_FORMS": "1",
        "grant-with-conditions-conditions-MAX_NUM_FORMS": "20",
    }
    for i, (text, code, due) in enumerate(rows):
        prefix = f"grant-with-conditions-conditions-{i}"
        data[f"{prefix}-text"] = text
        data[f"{prefix}-standard_code"] = code
        data[f"{prefix}-due_date"] = due
    return data


def test_grant_with_conditions_imposes_each_filled_row(client_for, licensing_officer, assessing):
    due = (timezone.localdate() + timedelta(days=60)).isoformat()
    data = conditions_data(
        assessing,
        [
            ("Give workers itemised payslips.", "5.1", due),
            ("Register with the tax authority.", "2.1", due),
            ("", "", ""),
        ],
    )
    response = client_for(licensing_officer).post(
        action_url(assessing, "grant-with-conditions"), data
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.GRANTED_WITH_CONDITIONS
    conditions = LicenceCondition.objects.filter(licence=assessing.licence).order_by("pk")
    assert [(c.standard_code, c.text) for c in conditions] == [
        ("5.1", "Give workers itemised payslips."),
        ("2.1", "Register with the tax authority."),
    ]
    assert "grant_with_conditions" in audit_actions(assessing)


def test_grant_with_conditions_needs_at_least_one(client_for, licensing_officer, assessing):
    data = conditions_data(assessing, [("", "", ""), ("", "", ""), ("", "", "")])
    response = client_for(licensing_officer).post(
        action_url(assessing, "grant-with-conditions"), data
    )
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT


def test_a_condition_due_in_the_past_is_refused_with_input_kept(
    client_for, licensing_officer, assessing
):
    data = conditions_data(assessing, [("Pay the minimum wage.", "2.2", "2001-01-01")])
    response = client_for(licensing_officer).post(
        action_url(assessing, "grant-with-conditions"), data
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The due date must be in the future." in page
    assert "Pay the minimum wage." in page
    assert not LicenceCondition.objects.exists()


def test_refusal_needs_reasons(client_for, licensing_officer, assessing):
    response = client_for(licensing_officer).post(
        action_url(assessing, "refuse"),
        {"refuse-confirm": "on", "refuse-version": assessing.version, "refuse-reasons": ""},
    )
    assert response.status_code == 400
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT


def test_refusal_opens_the_appeal_windows(client_for, licensing_officer, assessing):
    response = client_for(licensing_officer).post(
        action_url(assessing, "refuse"),
        {
            "refuse-confirm": "on",
            "refuse-version": assessing.version,
            "refuse-reasons": "Failed the fit and proper test.",
        },
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.REFUSED
    decision = AdverseDecision.objects.get(application=assessing)
    assert decision.reasons == "Failed the fit and proper test."
    assert "refuse" in audit_actions(assessing)


def test_staff_withdraw_at_the_applicants_request(client_for, licensing_officer, submitted):
    services.fee_payment_request(
        application=submitted, actor=licensing_officer, method="bank_transfer"
    )
    submitted.refresh_from_db()
    response = client_for(licensing_officer).post(
        action_url(submitted, "withdraw"),
        {"withdraw-version": submitted.version, "withdraw-reason": "Asked by email on 3 March."},
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == Application.State.WITHDRAWN
    assert submitted.payments.get().state == FeePayment.State.CANCELLED
    assert AuditEntry.objects.filter(application=submitted).last().action == "withdraw"


def test_a_stale_version_changes_nothing_and_keeps_the_input(
    client_for, licensing_officer, assessing
):
    seen = assessing.version
    services.application_assign(
        application=assessing, actor=licensing_officer, assignee=licensing_officer
    )
    response = client_for(licensing_officer).post(
        action_url(assessing, "refuse"),
        {
            "refuse-confirm": "on",
            "refuse-version": seen,
            "refuse-reasons": "Failed the fit and proper test.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This case changed while you were working on it" in page
    assert "Failed the fit and proper test." in page
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT
    assert not AdverseDecision.objects.exists()


def test_a_stale_version_on_withdrawal_changes_nothing(client_for, licensing_officer, submitted):
    seen = submitted.version
    services.application_assign(
        application=submitted, actor=licensing_officer, assignee=licensing_officer
    )
    response = client_for(licensing_officer).post(
        action_url(submitted, "withdraw"),
        {"withdraw-version": seen, "withdraw-reason": "Asked by phone."},
    )
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.state == Application.State.SUBMITTED


def test_a_refused_transition_is_explained_not_a_500(client_for, licensing_officer, submitted):
    # The officer's page was out of date only in state, not in version: the service refuses.
    response = client_for(licensing_officer).post(
        action_url(submitted, "start-assessment"),
        {"start-assessment-version": submitted.version},
    )
    assert response.status_code == 400
    assert "This cannot be done while the licence application is" in response.content.decode()


def test_assign_to_me_and_to_a_colleague(client_for, licensing_officer, decision_maker, submitted):
    client = client_for(licensing_officer)
    url = reverse("office:application_assign", args=[submitted.reference])
    response = client.post(
        url, {"assign-version": submitted.version, "assign-assignee": licensing_officer.pk}
    )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.assigned_to == licensing_officer
    response = client.post(
        url, {"assign-version": submitted.version, "assign-assignee": decision_maker.pk}
    )
    submitted.refresh_from_db()
    assert submitted.assigned_to == decision_maker
    assert AuditEntry.objects.filter(application=submitted, action="assign").count() == 2


def test_cases_cannot_be_assigned_to_an_inspector(
    client_for, licensing_officer, inspector, submitted
):
    response = client_for(licensing_officer).post(
        reverse("office:application_assign", args=[submitted.reference]),
        {"assign-version": submitted.version, "assign-assignee": inspector.pk},
    )
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.assigned_to is None


def test_staff_send_a_message(
    client_for, licensing_officer, submitted, django_capture_on_commit_callbacks
):
    from django.core import mail

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(licensing_officer).post(
            reverse("office:application_message", args=[submitted.reference]),
            {"message-body": "Your inspection is on Tuesday."},
        )
    assert response.status_code == 302
    message = CaseMessage.objects.get(application=submitted)
    assert message.from_regulator and message.body == "Your inspection is on Tuesday."
    assert mail.outbox


def test_an_empty_message_is_not_sent(client_for, licensing_officer, submitted):
    response = client_for(licensing_officer).post(
        reverse("office:application_message", args=[submitted.reference]), {"message-body": ""}
    )
    assert response.status_code == 400
    assert not CaseMessage.objects.exists()


def test_an_officer_marks_a_payment_received(client_for, licensing_officer, submitted):
    client = client_for(licensing_officer)
    response = client.post(reverse("office:payment_request", args=[submitted.reference]))
    assert response.status_code == 302
    payment = submitted.payments.get()
    page = client.get(case_url(submitted)).content.decode()
    assert f"Mark payment {payment.reference} received" in page
    response = client.post(
        reverse("office:payment_received", args=[submitted.reference, payment.reference])
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    submitted.refresh_from_db()
    assert payment.state == FeePayment.State.RECEIVED
    assert submitted.fee_received_at is not None
    assert "fee_received" in audit_actions(submitted)


def test_an_inspector_cannot_record_a_payment(client_for, inspector, licensing_officer, submitted):
    payment = services.fee_payment_request(
        application=submitted, actor=licensing_officer, method="bank_transfer"
    )
    response = client_for(inspector).post(
        reverse("office:payment_received", args=[submitted.reference, payment.reference])
    )
    assert response.status_code == 403
    payment.refresh_from_db()
    assert payment.state == FeePayment.State.PENDING


def test_a_person_behind_a_revoked_provider_is_flagged(client_for, licensing_officer, submitted):
    earlier = LabourProviderFactory(legal_name="Phoenix Harvest Ltd")
    LicenceFactory(provider=earlier)
    licence = earlier.licences.get()
    services.licence_revoke(
        licence=licence,
        actor=_manager(),
        reasons="Debt bondage.",
        immediate=True,
    )
    person = ProviderRoleFactory(provider=earlier, person__full_name="Victor Vane").person
    ProviderRoleFactory(provider=submitted.provider, person=person)
    page = client_for(licensing_officer).get(case_url(submitted)).content.decode()
    assert "Named individuals linked to refused or revoked providers" in page
    assert "Victor Vane was named on a provider whose licence was refused or revoked." in page
    assert "Phoenix Harvest Ltd" in page


def test_no_phoenix_warning_for_a_clean_history(client_for, licensing_officer, submitted):
    other = LabourProviderFactory(legal_name="Clean Crops Ltd")
    person = ProviderRoleFactory(provider=other, person__full_name="Clara Clean").person
    ProviderRoleFactory(provider=submitted.provider, person=person)
    page = client_for(licensing_officer).get(case_url(submitted)).content.decode()
    assert "Clean Crops Ltd" in page
    assert "Named individuals linked to refused or revoked providers" not in page


def _manager():
    from tests.factories import UserFactory

    return UserFactory(username="manager", groups=["Administrator"])


@pytest.fixture
def document(submitted, applicant_a):
    document = Document(
        provider=submitted.provider,
        application=submitted,
        kind=Document.Kind.COMPANY,
        original_name="certificate of incorporation.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=applicant_a,
    )
    document.file.save("ignored.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return document


def test_staff_download_a_document_as_an_attachment(client_for, inspector, document, submitted):
    client = client_for(inspector)
    assert (
        reverse("office:document", args=[document.pk])
        in client.get(case_url(submitted)).content.decode()
    )
    response = client.get(reverse("office:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "certificate of incorporation.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4\n"


def test_applicants_and_anonymous_cannot_download_through_the_office(client, applicant_a, document):
    url = reverse("office:document", args=[document.pk])
    response = client.get(url)
    assert response.status_code == 302
    client.force_login(applicant_a)
    assert client.get(url).status_code == 403


def test_the_audit_trail_is_on_the_case_page(client_for, licensing_officer, validated):
    page = client_for(licensing_officer).get(case_url(validated)).content.decode()
    assert "Audit trail" in page
    # In the one wording for people, not the stored action codes.
    assert "<td>Fee received</td>" in page
    # Validation lists the application on the register: a public row.
    assert "<td>Application checked and accepted for assessment <span" in page
    assert "fee_received" not in page


def test_a_clean_renewal_is_granted_on_the_fast_track(
    client_for, licensing_officer, agency_a, applicant_a
):
    licence = LicenceFactory(provider=agency_a, urn="ANGL0003")
    renewal = services.application_submit(
        application=ApplicationFactory(
            provider=agency_a, kind=Application.Kind.RENEWAL, licence=licence
        ),
        actor=applicant_a,
    )
    renewal = services.application_validate(
        application=paid(renewal, licensing_officer), actor=licensing_officer
    )
    client = client_for(licensing_officer)
    assert action_url(renewal, "fast-track") in client.get(case_url(renewal)).content.decode()
    old_expiry = licence.expires_on
    response = client.post(
        action_url(renewal, "fast-track"), {"fast-track-version": renewal.version}
    )
    assert response.status_code == 302
    renewal.refresh_from_db()
    licence.refresh_from_db()
    assert renewal.state == Application.State.GRANTED
    assert licence.expires_on > old_expiry
    assert "fast_track_renewal" in audit_actions(renewal)


def test_a_renewal_with_open_conditions_is_not_fast_tracked(
    client_for, licensing_officer, agency_a, applicant_a
):
    licence = LicenceFactory(provider=agency_a, urn="ANGL0004")
    services.licence_impose_conditions(
        licence=licence,
        actor=licensing_officer,
        conditions=[
            services.ConditionSpec(
                text="Payslips.", due_date=timezone.localdate() + timedelta(days=9)
            )
        ],
    )
    renewal = services.application_submit(
        application=ApplicationFactory(
            provider=agency_a, kind=Application.Kind.RENEWAL, licence=licence
        ),
        actor=applicant_a,
    )
    renewal = services.application_validate(
        application=paid(renewal, licensing_officer), actor=licensing_officer
    )
    page = client_for(licensing_officer).get(case_url(renewal)).content.decode()
    assert action_url(renewal, "fast-track") not in page
    assert "Only a renewal by a holder with a clean record" in page


def test_the_applicants_declarations_are_shown_and_flagged(
    client_for, licensing_officer, submitted
):
    Application.objects.filter(pk=submitted.pk).update(
        answers={
            "business": {"legal_name": "Anglia Field Labour Ltd", "town": "Ely"},
            "people": [
                {
                    "full_name": "Una Declared",
                    "unspent_convictions": "yes",
                    "details": "Fined in 2024.",
                }
            ],
        }
    )
    page = client_for(licensing_officer).get(case_url(submitted)).content.decode()
    assert "The applicant's answers" in page
    assert "Una Declared" in page and "Fined in 2024." in page
    assert '<span class="tag bad">Declared</span> yes' in page


def test_input_for_an_action_no_longer_offered_is_kept(
    client_for, licensing_officer, decision_maker, assessing
):
    seen = assessing.version
    services.application_refuse(
        application=assessing, actor=decision_maker, reasons="Another officer refused it."
    )
    response = client_for(licensing_officer).post(
        action_url(assessing, "return"),
        {"return-version": seen, "return-message": "Please send your payroll records."},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This case changed while you were working on it" in page
    assert "What you entered (not saved)" in page
    assert "Please send your payroll records." in page
    assessing.refresh_from_db()
    assert assessing.state == Application.State.REFUSED


def test_inspectors_do_not_see_the_audit_trail(client_for, inspector, validated):
    page = client_for(inspector).get(case_url(validated)).content.decode()
    assert "Anglia Field Labour Ltd" in page
    assert "Audit trail" not in page


def test_a_pre_appeal_against_a_refusal_is_recorded_on_the_case(
    client_for, decision_maker, assessing
):
    services.application_refuse(
        application=assessing, actor=decision_maker, reasons="Wrong company number on file."
    )
    decision = AdverseDecision.objects.get(application=assessing)
    client = client_for(decision_maker)
    assert (
        reverse("office:appeal_lodge", args=[decision.pk])
        in client.get(case_url(assessing)).content.decode()
    )
    prefix = f"appeal-{decision.pk}"
    response = client.post(
        reverse("office:appeal_lodge", args=[decision.pk]),
        {
            f"{prefix}-kind": "pre_appeal",
            f"{prefix}-lodged_on": timezone.localdate().isoformat(),
            f"{prefix}-grounds": "The number was mistyped by the regulator.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == case_url(assessing)
    appeal = decision.appeals.get()
    response = client.post(
        reverse("office:appeal_decide", args=[appeal.pk]),
        {f"outcome-{appeal.pk}-outcome": "allowed", f"outcome-{appeal.pk}-reason": "Corrected."},
    )
    assert response.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT
    assert "reopen_after_appeal" in audit_actions(assessing)


def test_an_appeal_lodged_in_the_future_is_refused(client_for, decision_maker, assessing):
    services.application_refuse(application=assessing, actor=decision_maker, reasons="Unfit.")
    decision = AdverseDecision.objects.get(application=assessing)
    prefix = f"appeal-{decision.pk}"
    response = client_for(decision_maker).post(
        reverse("office:appeal_lodge", args=[decision.pk]),
        {
            f"{prefix}-kind": "tribunal",
            f"{prefix}-lodged_on": (timezone.localdate() + timedelta(days=3)).isoformat(),
            f"{prefix}-grounds": "Typed ahead.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The date cannot be in the future." in page
    assert "Typed ahead." in page
    assert not decision.appeals.exists()
