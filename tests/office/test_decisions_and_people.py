"""The office under the licensing policy's defaults (issue 11, problems 1, 3, 4 and 10):
decisions need a reason and a confirmation, a new licence an inspection or a waiver, the
assessor does not decide; staff authorise, refuse or end named individuals' roles and decide
possible person matches, each with an audit row."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Inspection
from licensing import services
from licensing.models import Application, AuditEntry
from registry import selectors as registry_selectors
from registry import services as registry_services
from registry.models import PersonMatch, ProviderRole
from tests.factories import (
    ApplicationFactory,
    LicenceFactory,
    OrganisationMemberFactory,
    PersonFactory,
    ProviderRoleFactory,
    UserFactory,
)
from tests.inspections.factories import make_edition, record_all

pytestmark = [pytest.mark.django_db, pytest.mark.policy_defaults]


@pytest.fixture
def assessing(agency_a, applicant_a, licensing_officer):
    application = services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )
    payment = services.fee_payment_request(
        application=application, actor=licensing_officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    application.refresh_from_db()
    application = services.application_validate(application=application, actor=licensing_officer)
    return services.application_start_assessment(application=application, actor=licensing_officer)


def case_url(application, action=""):
    if not action:
        return reverse("office:application", args=[application.reference])
    return reverse(f"office:application_{action}", args=[application.reference])


def grant_post(application, **fields):
    return {"grant-version": application.version, **{f"grant-{k}": v for k, v in fields.items()}}


def test_the_case_page_offers_the_waiver_and_records_it(client_for, decision_maker, assessing):
    client = client_for(decision_maker)
    page = client.get(case_url(assessing)).content.decode()
    assert "needs an approved application inspection" in page
    assert "Waive the application inspection" in page

    response = client.post(
        case_url(assessing, "waive_inspection"),
        {"waive-version": assessing.version, "waive-reason": "Inspected as a labour user in May."},
    )

    assert response.status_code == 302
    entry = AuditEntry.objects.get(application=assessing, action="inspection_waived")
    assert entry.actor == decision_maker and entry.reason == "Inspected as a labour user in May."
    assert "Inspected as a labour user in May." in client.get(case_url(assessing)).content.decode()


def test_a_grant_needs_a_reason_and_a_confirmation(client_for, decision_maker, assessing):
    assessing = services.inspection_waive(
        application=assessing, actor=decision_maker, reason="Low risk"
    )
    client = client_for(decision_maker)

    unconfirmed = client.post(case_url(assessing, "grant"), grant_post(assessing, reason="Fine"))
    assert unconfirmed.status_code == 400
    assert "Tick the box to confirm the decision." in unconfirmed.content.decode()
    assert "Fine</textarea>" in unconfirmed.content.decode()
    no_reason = client.post(case_url(assessing, "grant"), grant_post(assessing, confirm="on"))
    assert no_reason.status_code == 400
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT

    granted = client.post(
        case_url(assessing, "grant"), grant_post(assessing, confirm="on", reason="Meets all")
    )
    assert granted.status_code == 302
    assessing.refresh_from_db()
    assert assessing.state == Application.State.GRANTED


def test_the_assessor_is_told_to_ask_another_decision_maker(
    client_for, licensing_officer, decision_maker, assessing
):
    assessing = services.inspection_waive(
        application=assessing, actor=decision_maker, reason="Low risk"
    )
    response = client_for(licensing_officer).post(
        case_url(assessing, "grant"), grant_post(assessing, confirm="on", reason="My own call")
    )
    assert response.status_code == 400
    assert "Four eyes" in response.content.decode()
    assert "My own call" in response.content.decode()
    assessing.refresh_from_db()
    assert assessing.state == Application.State.UNDER_ASSESSMENT


def test_granting_without_the_conditions_a_report_proposed_needs_a_reason(
    client_for, licensing_officer, inspector, decision_maker, assessing
):
    application = services.application_require_inspection(
        application=assessing, actor=licensing_officer, reason="New applicant"
    )
    make_edition({"2.3": (8, False)})
    inspection = inspection_services.inspection_schedule(
        actor=decision_maker,
        kind=Inspection.Kind.APPLICATION,
        application=application,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    inspection = inspection_services.inspection_start(inspection=inspection, actor=inspector)
    record_all(inspection, inspector, failed_codes=("2.3",))
    inspection_services.inspection_submit(inspection=inspection, actor=inspector)
    inspection_services.inspection_approve(inspection=inspection, actor=decision_maker)
    application.refresh_from_db()
    client = client_for(decision_maker)

    response = client.post(case_url(application, "grant"), grant_post(application, confirm="on"))
    assert response.status_code == 400
    assert "say why the licence is granted without them" in response.content.decode()
    application.refresh_from_db()
    assert application.state == Application.State.UNDER_ASSESSMENT

    response = client.post(
        case_url(application, "grant"),
        grant_post(application, confirm="on", reason="Payslips fixed since the visit."),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == Application.State.GRANTED
    assert application.decision_reasons == "Payslips fixed since the visit."


def test_suspension_and_revocation_need_a_confirmation(client_for, decision_maker):
    licence = LicenceFactory()
    client = client_for(decision_maker)
    for action, data in (
        ("suspend", {"suspend-reason": "Concerns"}),
        ("revoke", {"revoke-reasons": "Debt bondage", "revoke-effect": "immediate"}),
    ):
        response = client.post(
            reverse(f"office:licence_{action}", args=[licence.urn]),
            {f"{action}-version": licence.version, **data},
        )
        assert response.status_code == 400
        assert "Tick the box to confirm the decision." in response.content.decode()
    licence.refresh_from_db()
    assert licence.state == "active"


def test_the_office_authorises_an_abr_and_the_public_page_shows_them(
    client_for, decision_maker, agency_a
):
    # Problem 4: an ABR declared in the portal can be authorised, and then shows publicly.
    licence = LicenceFactory(provider=agency_a)
    abr_user = UserFactory(username="bea", email="bea@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=abr_user, role="abr")
    role = ProviderRoleFactory(
        provider=agency_a,
        person__full_name="Bea Deputy",
        role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        authorised_by_regulator=False,
    )
    public_url = reverse("public_site:licence", args=[licence.urn])
    assert "Bea Deputy" not in client_for(decision_maker).get(public_url).content.decode()
    client = client_for(decision_maker)
    page = client.get(reverse("office:provider", args=[agency_a.pk])).content.decode()
    assert reverse("office:role_authorise", args=[role.pk]) in page

    response = client.post(
        reverse("office:role_authorise", args=[role.pk]), {"account": abr_user.pk}
    )

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.authorised_by_regulator and role.user == abr_user
    assert registry_selectors.can_act(abr_user, agency_a)
    entry = AuditEntry.objects.get(action="role_authorised", provider=agency_a)
    assert entry.actor == decision_maker and entry.data["person"] == "Bea Deputy"
    assert "Bea Deputy" in client.get(public_url).content.decode()


def test_the_office_refuses_a_declared_abr_and_ends_a_role(client_for, decision_maker, agency_a):
    declared = ProviderRoleFactory(
        provider=agency_a,
        role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        authorised_by_regulator=False,
    )
    pa_user = UserFactory(username="pa2", email="pa2@anglia.example")
    OrganisationMemberFactory(provider=agency_a, user=pa_user)
    pa = ProviderRoleFactory(provider=agency_a, user=pa_user)
    assert registry_selectors.can_act(pa_user, agency_a)
    client = client_for(decision_maker)

    client.post(reverse("office:role_refuse", args=[declared.pk]), {"reason": "Not employed"})
    client.post(reverse("office:role_end", args=[pa.pk]), {"reason": "Left the business"})

    declared.refresh_from_db()
    pa.refresh_from_db()
    assert declared.ended_on == timezone.localdate() and not declared.authorised_by_regulator
    assert pa.ended_on == timezone.localdate()
    assert list(
        AuditEntry.objects.filter(provider=agency_a, action__in=["role_refused", "role_ended"])
        .order_by("pk")
        .values_list("action", "reason", "actor")
    ) == [
        ("role_refused", "Not employed", decision_maker.pk),
        ("role_ended", "Left the business", decision_maker.pk),
    ]
    assert not registry_selectors.can_act(pa_user, agency_a)


def test_staff_confirm_a_possible_match_and_see_the_history(
    client_for, licensing_officer, agency_a, agency_b
):
    on_record = PersonFactory(full_name="Sergei Ivanov", date_of_birth=date(1975, 2, 3))
    ProviderRoleFactory(provider=agency_b, person=on_record)
    services.licence_revoke(
        licence=LicenceFactory(provider=agency_b),
        actor=UserFactory(username="dm2", groups=["Decision maker"]),
        reasons="Debt bondage",
        immediate=True,
    )
    declared = registry_services.person_declare(
        full_name="Сергей Иванов", date_of_birth=date(1975, 2, 3)
    )
    ProviderRoleFactory(provider=agency_a, person=declared)
    client = client_for(licensing_officer)
    provider_url = reverse("office:provider", args=[agency_a.pk])
    page = client.get(provider_url).content.decode()
    assert "may be “Sergei Ivanov”" in page
    assert "similar name (spelling or transliteration)" in page

    match = PersonMatch.objects.get(person=declared)
    response = client.post(
        reverse("office:person_match", args=[match.pk]),
        {"verdict": "same", "provider": agency_a.pk, "next": provider_url},
    )

    assert response.status_code == 302 and response["Location"] == provider_url
    match.refresh_from_db()
    assert match.state == PersonMatch.State.CONFIRMED and match.decided_by == licensing_officer
    entry = AuditEntry.objects.get(action="person_match_confirmed")
    assert entry.actor == licensing_officer and entry.provider_id == agency_a.pk
    page = client.get(provider_url).content.decode()
    assert "linked to refused or revoked providers" in page
    assert agency_b.legal_name in page
