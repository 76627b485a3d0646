"""Unlicensed activity: a concern recorded as such opens an investigation with its own states."""

import pytest

from inspections import services as concern_services
from inspections.models import Concern, UnlicensedInvestigation
from inspections.services import investigations as services
from licensing.models import AuditAction, AuditEntry
from licensing.workflow import PermissionDenied, ServiceError, TransitionRefused

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]

State = UnlicensedInvestigation.State


@pytest.fixture
def concern():
    return concern_services.concern_report(
        provider_name="Shadow Gangs Ltd",
        description="Workers brought to the packhouse by a van every night; nobody licensed.",
        language="en",
    )


def fresh(investigation):
    return UnlicensedInvestigation.objects.get(pk=investigation.pk)


def test_a_concern_becomes_an_investigation_that_runs_to_a_closed_outcome(concern, decision_maker):
    investigation = services.investigation_open(
        concern=concern,
        actor=decision_maker,
        business_name="",
        labour_user_name="Fenland Packhouse Ltd",
    )
    assert Concern.objects.get(pk=concern.pk).is_unlicensed_activity
    assert investigation.business_name == "Shadow Gangs Ltd"
    assert investigation.labour_user_name == "Fenland Packhouse Ltd"
    assert investigation.state == State.OPENED

    with pytest.raises(TransitionRefused):
        services.investigation_refer(investigation=investigation, actor=decision_maker, to="Police")

    services.investigation_gather_evidence(
        investigation=investigation, actor=decision_maker, evidence="Site visit, payslips"
    )
    services.investigation_refer(
        investigation=investigation, actor=decision_maker, to="Enforcement team"
    )
    services.investigation_close(
        investigation=investigation,
        actor=decision_maker,
        outcome=UnlicensedInvestigation.Outcome.PROSECUTION,
        reason="Caution accepted",
    )
    closed = fresh(investigation)
    assert closed.state == State.CLOSED
    assert closed.referred_to == "Enforcement team" and closed.outcome == "prosecution"
    actions = list(
        AuditEntry.objects.filter(
            object_id=investigation.pk, object_type__icontains="investigation"
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        AuditAction.INVESTIGATION_OPENED,
        AuditAction.INVESTIGATION_EVIDENCE,
        AuditAction.INVESTIGATION_REFERRED,
        AuditAction.INVESTIGATION_CLOSED,
    ]
    assert not AuditEntry.objects.filter(action__startswith="investigation", is_public=True)


def test_closing_needs_an_outcome_and_a_reason(concern, decision_maker):
    investigation = services.investigation_open(
        concern=concern, actor=decision_maker, business_name="Shadow Gangs Ltd"
    )
    with pytest.raises(ServiceError):
        services.investigation_close(
            investigation=investigation, actor=decision_maker, outcome="", reason="x"
        )
    with pytest.raises(ServiceError):
        services.investigation_close(
            investigation=investigation, actor=decision_maker, outcome="no_evidence", reason=" "
        )
    assert fresh(investigation).state == State.OPENED


def test_only_staff_who_triage_concerns_open_one(concern, applicant_a):
    with pytest.raises(PermissionDenied):
        services.investigation_open(concern=concern, actor=applicant_a, business_name="X")
    assert not UnlicensedInvestigation.objects.exists()
