"""Separation of duties (issue 11, problems 1 and 10): nobody works on a case of a provider
they belong to, the person who assessed a case does not decide it, and a new licence needs an
approved application inspection or a decision maker's recorded waiver. These tests run with
the licensing policy's defaults."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from inspections import services as inspection_services
from inspections.models import Inspection
from licensing import services
from licensing.models import Application, AuditEntry, Licence, LicensingPolicy
from licensing.workflow import ServiceError
from tests.factories import (
    ApplicationFactory,
    LicenceFactory,
    OrganisationMemberFactory,
    UserFactory,
)
from tests.inspections.factories import make_edition, record_all

pytestmark = [pytest.mark.django_db, pytest.mark.policy_defaults]


@pytest.fixture
def submitted(agency_a, applicant_a):
    return services.application_submit(
        application=ApplicationFactory(provider=agency_a), actor=applicant_a
    )


@pytest.fixture
def second_officer(db):
    return UserFactory(username="officer2", groups=["Licensing officer"])


def paid(application, officer):
    payment = services.fee_payment_request(
        application=application, actor=officer, method="bank_transfer"
    )
    services.fee_payment_received(payment=payment, actor=officer)
    application.refresh_from_db()
    return application


def assessed_by(application, officer):
    application = services.application_validate(
        application=paid(application, officer), actor=officer
    )
    return services.application_start_assessment(application=application, actor=officer)


def test_an_officer_who_belongs_to_the_provider_cannot_work_its_case(
    submitted, agency_a, licensing_officer, second_officer, decision_maker
):
    # Problem 1: the officer's own business (a membership made before the rule, or by an admin).
    OrganisationMemberFactory(provider=agency_a, user=licensing_officer)
    payment = services.fee_payment_request(
        application=submitted, actor=second_officer, method="bank_transfer"
    )
    with pytest.raises(PermissionDenied, match="belong to this labour provider"):
        services.fee_payment_received(payment=payment, actor=licensing_officer)
    submitted = paid(submitted, second_officer)
    for step in (services.application_validate, services.application_start_assessment):
        with pytest.raises(PermissionDenied, match="belong to this labour provider"):
            step(application=submitted, actor=licensing_officer)
    submitted = services.application_validate(application=submitted, actor=second_officer)
    submitted = services.application_start_assessment(application=submitted, actor=second_officer)
    with pytest.raises(PermissionDenied):
        services.application_grant(application=submitted, actor=licensing_officer, reason="OK")
    with pytest.raises(PermissionDenied):
        services.application_refuse(application=submitted, actor=licensing_officer, reasons="No")
    submitted.refresh_from_db()
    assert submitted.state == Application.State.UNDER_ASSESSMENT
    assert not Licence.objects.exists()


def test_a_member_cannot_suspend_revoke_or_inspect_their_own_licence(
    agency_a, applicant_a, decision_maker, inspector
):
    licence = LicenceFactory(provider=agency_a)
    OrganisationMemberFactory(provider=agency_a, user=decision_maker)
    with pytest.raises(PermissionDenied):
        services.licence_suspend(licence=licence, actor=decision_maker, reason="Concerns")
    with pytest.raises(PermissionDenied):
        services.licence_revoke(
            licence=licence, actor=decision_maker, reasons="Debt bondage", immediate=True
        )
    OrganisationMemberFactory(provider=agency_a, user=inspector)
    make_edition({"2.3": (8, False)})
    with pytest.raises(PermissionDenied):
        inspection_services.inspection_schedule(
            actor=decision_maker,
            kind=Inspection.Kind.COMPLIANCE_RISK,
            licence=licence,
            inspector=inspector,
            scheduled_for=timezone.localdate(),
        )
    licence.refresh_from_db()
    assert licence.state == Licence.State.ACTIVE
    assert not Inspection.objects.exists()


def test_four_eyes_the_assessor_cannot_decide_but_another_decision_maker_can(
    submitted, licensing_officer, decision_maker
):
    application = assessed_by(submitted, licensing_officer)
    services.inspection_waive(
        application=application, actor=decision_maker, reason="Low risk, known operator."
    )
    application.refresh_from_db()
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.application_grant(application=application, actor=licensing_officer, reason="OK")
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.application_refuse(application=application, actor=licensing_officer, reasons="No")

    services.application_grant(application=application, actor=decision_maker, reason="Meets all")

    application.refresh_from_db()
    assert application.state == Application.State.GRANTED
    grant = AuditEntry.objects.get(application=application, action="grant")
    assessment = AuditEntry.objects.get(application=application, action="start_assessment")
    assert grant.actor != assessment.actor


def test_four_eyes_covers_whoever_recommended_a_suspension_or_revocation(
    agency_a, decision_maker, inspector, administrator
):
    licence = LicenceFactory(provider=agency_a)
    make_edition({"2.3": (8, False)})
    inspection = inspection_services.inspection_schedule(
        actor=decision_maker,
        kind=Inspection.Kind.COMPLIANCE_RISK,
        licence=licence,
        inspector=administrator,
        scheduled_for=timezone.localdate(),
    )
    inspection = inspection_services.inspection_start(inspection=inspection, actor=administrator)
    inspection = record_all(inspection, administrator, failed_codes=["2.3"])
    inspection_services.inspection_submit(inspection=inspection, actor=administrator)
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.licence_suspend(licence=licence, actor=administrator, reason="Payslips")
    with pytest.raises(PermissionDenied, match="Four eyes"):
        services.licence_revoke(licence=licence, actor=administrator, reasons="X", immediate=True)
    services.licence_suspend(licence=licence, actor=decision_maker, reason="Payslips")
    licence.refresh_from_db()
    assert licence.state == Licence.State.SUSPENDED


def test_four_eyes_is_a_policy_setting_on_by_default(submitted, licensing_officer):
    policy = LicensingPolicy.load()
    assert policy.four_eyes_decisions
    application = assessed_by(submitted, licensing_officer)
    policy.four_eyes_decisions = False
    policy.save()
    services.inspection_waive(application=application, actor=licensing_officer, reason="Low risk")
    application.refresh_from_db()
    services.application_grant(application=application, actor=licensing_officer, reason="OK")
    application.refresh_from_db()
    assert application.state == Application.State.GRANTED


def test_a_new_licence_needs_an_approved_inspection_or_a_waiver(
    submitted, licensing_officer, decision_maker
):
    # Problem 10: no inspection and no waiver, no licence.
    application = assessed_by(submitted, licensing_officer)
    with pytest.raises(ServiceError, match="approved application inspection"):
        services.application_grant(application=application, actor=decision_maker, reason="OK")
    assert not Licence.objects.exists()

    with pytest.raises(ServiceError, match="reason"):
        services.inspection_waive(application=application, actor=decision_maker, reason=" ")
    services.inspection_waive(
        application=application, actor=decision_maker, reason="Inspected last month as a user."
    )
    waiver = AuditEntry.objects.get(application=application, action="inspection_waived")
    assert waiver.actor == decision_maker
    assert waiver.reason == "Inspected last month as a user."

    application.refresh_from_db()
    services.application_grant(application=application, actor=decision_maker, reason="OK")
    assert Licence.objects.filter(provider=application.provider).exists()


def test_an_approved_application_inspection_allows_the_grant(
    submitted, licensing_officer, inspector, decision_maker
):
    application = assessed_by(submitted, licensing_officer)
    application = services.application_require_inspection(
        application=application, actor=licensing_officer, reason="New applicant"
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
    inspection = record_all(inspection, inspector)
    inspection_services.inspection_submit(inspection=inspection, actor=inspector)
    inspection_services.inspection_approve(inspection=inspection, actor=decision_maker)

    application.refresh_from_db()
    services.application_grant(application=application, actor=decision_maker, reason="Clean")
    application.refresh_from_db()
    assert application.state == Application.State.GRANTED
