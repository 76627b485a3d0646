"""The one transition helper: every state change of every model goes through it, and it
writes exactly what the audit trail and the register need, or nothing at all."""

import pytest
from django.apps import apps
from django.db import transaction
from django_fsm import FSMField

from licensing import workflow
from licensing.models import TRANSITION_ACTIONS, Application, AuditAction, AuditEntry, RegisterEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


# Webhook deliveries record their own attempts (time, status code, next try): operational
# state of a notification channel, not a regulatory record, and their retries would bury the
# audit trail.
NOT_AUDITED = {"api.webhookdelivery"}


def every_transition():
    for model in apps.get_models():
        if model._meta.label_lower in NOT_AUDITED:
            continue
        for field in model._meta.fields:
            if isinstance(field, FSMField):
                for transition in field.get_all_transitions(model):
                    yield model._meta.label_lower, transition.name


def test_every_transition_of_every_model_has_its_audit_action():
    found = set(every_transition())
    assert found, "no django-fsm transitions found"
    missing = sorted(found - TRANSITION_ACTIONS.keys())
    assert not missing, f"transitions without an audit action: {missing}"
    unused = sorted(TRANSITION_ACTIONS.keys() - found)
    assert not unused, f"audit actions for transitions that do not exist: {unused}"


def test_every_action_has_words_for_people_and_an_unknown_one_never_shows_its_code():
    assert all(str(action.label) for action in AuditAction)
    assert AuditAction.wording("submit") == "Application submitted"
    assert AuditAction.wording("internal_code_from_a_later_version") == "Record updated"


def test_a_transition_saves_bumps_the_version_audits_once_and_refreshes_the_register(
    agency_a, applicant_a
):
    application = ApplicationFactory(provider=agency_a)
    before = application.version

    with transaction.atomic():
        entry = workflow.transition(application, "submit", actor=applicant_a, reason="Ready")

    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert application.version == before + 1
    rows = AuditEntry.objects.filter(application=application, action=AuditAction.SUBMIT)
    assert list(rows) == [entry]
    assert (entry.from_state, entry.to_state, entry.reason) == ("draft", "submitted", "Ready")
    assert entry.actor == applicant_a and entry.actor_name == "Ada Applicant"
    assert entry.words == "Application submitted"
    # The entry was refreshed: a submission alone is not listed (fee and validation first).
    assert RegisterEntry.objects.get(provider=agency_a).status == ""


def test_a_refused_transition_writes_nothing_and_says_why(agency_a, applicant_a):
    application = ApplicationFactory(provider=agency_a, declaration_accepted_at=None)

    with pytest.raises(workflow.TransitionRefused, match="declaration of truth"):
        with transaction.atomic():
            workflow.transition(application, "submit", actor=applicant_a)

    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
    assert not AuditEntry.objects.filter(action=AuditAction.SUBMIT).exists()


def test_a_transition_on_a_version_somebody_changed_is_a_conflict(agency_a, applicant_a):
    application = ApplicationFactory(provider=agency_a)

    with pytest.raises(workflow.CaseChanged):
        with transaction.atomic():
            workflow.transition(
                application, "submit", actor=applicant_a, expected_version=application.version - 1
            )

    application.refresh_from_db()
    assert application.state == Application.State.DRAFT


def test_a_transition_outside_the_services_transaction_is_refused(
    agency_a, applicant_a, monkeypatch
):
    application = ApplicationFactory(provider=agency_a)
    # Each test runs inside a transaction of its own: look as a caller without one would.
    monkeypatch.setattr(transaction.get_connection(), "in_atomic_block", False)

    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        workflow.transition(application, "submit", actor=applicant_a)

    application.refresh_from_db()
    assert application.state == Application.State.DRAFT
