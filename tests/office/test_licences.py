"""Licence pages in the back office: conditions, suspension, revocation, appeals."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import services
from licensing.models import AdverseDecision, Appeal, AuditEntry, Licence, LicenceCondition
from tests.factories import LicenceConditionFactory, LicenceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(agency_a):
    return LicenceFactory(provider=agency_a, urn="ANGL0001")


def licence_url(licence):
    return reverse("office:licence", args=[licence.urn])


def action_url(licence, action):
    return reverse(f"office:licence_{action.replace('-', '_')}", args=[licence.urn])


def last_audit(licence):
    return AuditEntry.objects.filter(licence=licence).order_by("pk").last()


def test_the_licence_page_lists_actions_for_a_decision_maker(client_for, decision_maker, licence):
    page = client_for(decision_maker).get(licence_url(licence)).content.decode()
    for action in ("suspend", "revoke", "expire", "add-conditions"):
        assert action_url(licence, action) in page
    assert action_url(licence, "lift-suspension") not in page
    assert "the licence is revoked now; the holder may appeal within 10 working days" in page
    assert "stays in force until the 20-working-day appeal window closes" in page


def test_a_licensing_officer_cannot_suspend(client_for, licensing_officer, licence):
    client = client_for(licensing_officer)
    page = client.get(licence_url(licence)).content.decode()
    assert action_url(licence, "suspend") not in page
    assert action_url(licence, "add-conditions") in page
    response = client.post(
        action_url(licence, "suspend"),
        {
            "suspend-confirm": "on",
            "suspend-version": licence.version,
            "suspend-reason": "Concerns.",
        },
    )
    assert response.status_code == 403
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


def test_an_unknown_urn_is_404(client_for, decision_maker):
    client = client_for(decision_maker)
    assert client.get("/office/licences/NONE0000/").status_code == 404
    assert client.post("/office/licences/NONE0000/suspend/").status_code == 404


def test_suspend_and_lift(client_for, decision_maker, licence):
    client = client_for(decision_maker)
    response = client.post(
        action_url(licence, "suspend"),
        {
            "suspend-confirm": "on",
            "suspend-version": licence.version,
            "suspend-reason": "Workers' passports retained.",
        },
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.state == Licence.State.SUSPENDED
    entry = last_audit(licence)
    assert (entry.action, entry.reason, entry.is_public) == (
        "suspend",
        "Workers' passports retained.",
        True,
    )
    page = client.get(licence_url(licence)).content.decode()
    assert action_url(licence, "lift-suspension") in page
    assert action_url(licence, "suspend") not in page
    response = client.post(
        action_url(licence, "lift-suspension"),
        {"lift-suspension-version": licence.version, "lift-suspension-reason": ""},
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert last_audit(licence).action == "lift_suspension"


def test_suspension_needs_reasons(client_for, decision_maker, licence):
    response = client_for(decision_maker).post(
        action_url(licence, "suspend"),
        {"suspend-confirm": "on", "suspend-version": licence.version, "suspend-reason": ""},
    )
    assert response.status_code == 400
    assert 'href="#id_suspend-reason"' in response.content.decode()
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


def test_revocation_with_immediate_effect(client_for, decision_maker, licence):
    response = client_for(decision_maker).post(
        action_url(licence, "revoke"),
        {
            "revoke-confirm": "on",
            "revoke-version": licence.version,
            "revoke-effect": "immediate",
            "revoke-reasons": "Debt bondage found on inspection.",
        },
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.state == Licence.State.REVOKED
    decision = AdverseDecision.objects.get(licence=licence)
    assert decision.immediate_effect
    assert last_audit(licence).action == "revoke_with_immediate_effect"
    page = client_for(decision_maker).get(licence_url(licence)).content.decode()
    assert reverse("office:revocation_notice_pdf", args=[decision.pk]) in page


def test_revocation_without_immediate_effect_keeps_the_licence_in_force(
    client_for, decision_maker, licence
):
    client = client_for(decision_maker)
    response = client.post(
        action_url(licence, "revoke"),
        {
            "revoke-confirm": "on",
            "revoke-version": licence.version,
            "revoke-effect": "notice",
            "revoke-reasons": "Breached condition 5.1.",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "stays in force until" in page
    assert "Revocation pending" in page
    assert action_url(licence, "revoke") not in page
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert AdverseDecision.objects.get(licence=licence).state == AdverseDecision.State.APPEALABLE
    assert last_audit(licence).action == "revocation_notice"


def test_revocation_needs_its_effect_chosen_and_keeps_the_reasons(
    client_for, decision_maker, licence
):
    response = client_for(decision_maker).post(
        action_url(licence, "revoke"),
        {
            "revoke-confirm": "on",
            "revoke-version": licence.version,
            "revoke-reasons": "Debt bondage.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_revoke-effect_0"' in page
    assert "Debt bondage." in page
    assert not AdverseDecision.objects.exists()


def test_a_stale_licence_version_changes_nothing(client_for, decision_maker, licence):
    seen = licence.version
    services.licence_suspend(licence=licence, actor=decision_maker, reason="First officer.")
    services.licence_lift_suspension(licence=licence, actor=decision_maker)
    response = client_for(decision_maker).post(
        action_url(licence, "suspend"),
        {
            "suspend-confirm": "on",
            "suspend-version": seen,
            "suspend-reason": "Second officer's reasons.",
        },
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "This case changed while you were working on it" in page
    assert "Second officer&#x27;s reasons." in page
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE


def test_expire_early_when_the_company_is_dissolved(client_for, decision_maker, licence):
    response = client_for(decision_maker).post(
        action_url(licence, "expire"),
        {"expire-version": licence.version, "expire-ground": "dissolved", "expire-details": ""},
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.state == Licence.State.EXPIRED
    assert licence.ended_reason == "The company was dissolved."
    assert last_audit(licence).action == "expire"


def test_add_conditions_to_a_licence(client_for, licensing_officer, licence):
    due = (timezone.localdate() + timedelta(days=30)).isoformat()
    data = {
        "add-conditions-version": licence.version,
        "add-conditions-reason": "Compliance inspection findings.",
        "add-conditions-conditions-TOTAL_FORMS": "3",
        "add-conditions-conditions-INITIAL_FORMS": "0",
        "add-conditions-conditions-0-text": "Stop charging workers for transport.",
        "add-conditions-conditions-0-standard_code": "7.1",
        "add-conditions-conditions-0-due_date": due,
    }
    response = client_for(licensing_officer).post(action_url(licence, "add-conditions"), data)
    assert response.status_code == 302
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
    condition = licence.conditions.get()
    assert condition.standard_code == "7.1"
    assert last_audit(licence).action == "conditions_added"


def test_a_condition_is_marked_met(client_for, licensing_officer, licence):
    condition = LicenceConditionFactory(licence=licence)
    services.licence_impose_conditions(
        licence=licence,
        actor=licensing_officer,
        conditions=[services.ConditionSpec(text="Payslips.", due_date=condition.due_date)],
    )
    first = licence.conditions.order_by("pk").first()
    client = client_for(licensing_officer)
    url = reverse("office:condition_outcome", args=[licence.urn, first.pk])
    response = client.post(
        url, {f"condition-{first.pk}-outcome": "met", f"condition-{first.pk}-reason": "Seen."}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.state == LicenceCondition.State.MET
    assert AuditEntry.objects.filter(action="condition_mark_met").count() == 1


def test_a_breach_needs_a_reason(client_for, licensing_officer, licence):
    condition = LicenceConditionFactory(licence=licence)
    url = reverse("office:condition_outcome", args=[licence.urn, condition.pk])
    prefix = f"condition-{condition.pk}"
    response = client_for(licensing_officer).post(
        url, {f"{prefix}-outcome": "breached", f"{prefix}-reason": ""}
    )
    assert response.status_code == 400
    assert "Say how the condition was breached." in response.content.decode()
    condition.refresh_from_db()
    assert condition.state == LicenceCondition.State.OPEN


def test_an_inspector_cannot_resolve_conditions(client_for, inspector, licence):
    condition = LicenceConditionFactory(licence=licence)
    url = reverse("office:condition_outcome", args=[licence.urn, condition.pk])
    response = client_for(inspector).post(url, {f"condition-{condition.pk}-outcome": "met"})
    assert response.status_code == 403


@pytest.fixture
def revocation(licence, decision_maker):
    return services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Debt bondage.", immediate=True
    )


def test_an_appeal_is_lodged_and_allowed(client_for, decision_maker, licence, revocation):
    client = client_for(decision_maker)
    prefix = f"appeal-{revocation.pk}"
    response = client.post(
        reverse("office:appeal_lodge", args=[revocation.pk]),
        {
            f"{prefix}-kind": Appeal.Kind.TRIBUNAL,
            f"{prefix}-lodged_on": timezone.localdate().isoformat(),
            f"{prefix}-grounds": "Workers were not in debt.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == licence_url(licence)
    appeal = Appeal.objects.get()
    revocation.refresh_from_db()
    assert revocation.state == AdverseDecision.State.UNDER_APPEAL
    page = client.get(licence_url(licence)).content.decode()
    assert reverse("office:appeal_decide", args=[appeal.pk]) in page
    response = client.post(
        reverse("office:appeal_decide", args=[appeal.pk]),
        {f"outcome-{appeal.pk}-outcome": "allowed", f"outcome-{appeal.pk}-reason": ""},
    )
    assert response.status_code == 302
    licence.refresh_from_db()
    appeal.refresh_from_db()
    assert appeal.state == Appeal.State.ALLOWED
    assert licence.state == Licence.State.ACTIVE
    assert AuditEntry.objects.filter(licence=licence, action="reinstate").exists()


def test_a_late_appeal_needs_the_tribunals_admission(
    client_for, decision_maker, licence, revocation
):
    prefix = f"appeal-{revocation.pk}"
    AdverseDecision.objects.filter(pk=revocation.pk).update(
        appeal_deadline=timezone.localdate() - timedelta(days=5)
    )
    data = {
        f"{prefix}-kind": Appeal.Kind.TRIBUNAL,
        f"{prefix}-lodged_on": timezone.localdate().isoformat(),
        f"{prefix}-grounds": "Late but important.",
    }
    client = client_for(decision_maker)
    response = client.post(reverse("office:appeal_lodge", args=[revocation.pk]), data)
    assert response.status_code == 400
    assert "Record a late appeal only once the tribunal has admitted it." in (
        response.content.decode()
    )
    assert not Appeal.objects.exists()
    data[f"{prefix}-late_admitted"] = "on"
    response = client.post(reverse("office:appeal_lodge", args=[revocation.pk]), data)
    assert response.status_code == 302
    assert Appeal.objects.get().is_late


def test_an_inspector_cannot_lodge_an_appeal(client_for, inspector, revocation):
    response = client_for(inspector).post(reverse("office:appeal_lodge", args=[revocation.pk]))
    assert response.status_code == 403


def test_licence_search(client_for, inspector, licence):
    LicenceFactory(urn="BALT0001")
    client = client_for(inspector)
    page = client.get(reverse("office:licences"), {"q": "anglia"}).content.decode()
    assert "ANGL0001" in page and "BALT0001" not in page
    page = client.get(reverse("office:licences"), {"q": "balt0001"}).content.decode()
    assert "BALT0001" in page and "ANGL0001" not in page
    services.licence_suspend(
        licence=licence, actor=UserFactory(groups=["Decision maker"]), reason="Concerns."
    )
    page = client.get(reverse("office:licences"), {"state": "suspended"}).content.decode()
    assert "ANGL0001" in page and "BALT0001" not in page


def test_an_applicant_cannot_see_office_licences(client_for, applicant_a, licence):
    assert client_for(applicant_a).get(licence_url(licence)).status_code == 403
