"""Every transition of the licensing state machines, table-driven: allowed from each allowed
source state, refused from others with a clear message, no state change and no audit row.
Transitions are driven through their service wherever one exists."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import transaction
from django.utils import timezone

from licensing import services, workflow
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    AuditEntry,
    FeePayment,
    Licence,
    LicenceCondition,
)
from licensing.workflow import TransitionRefused
from tests.audit_probe import DRIVEN, every_transition
from tests.factories import ApplicationFactory, LicenceConditionFactory, LicenceFactory

# Each transition below writes exactly one audit row (tests/audit_probe.py).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("audited_transitions")]

A = Application.State
L = Licence.State
C = LicenceCondition.State
D = AdverseDecision.State
P = Appeal.State
F = FeePayment.State


def today():
    return timezone.localdate()


def _bare_transition(obj, name):
    """A transition no service offers on its own, run through the one transition helper."""
    with transaction.atomic():
        workflow.transition(obj, name, actor=None)


def state_label(model, state):
    return dict(model._meta.get_field("state").choices)[state]


def generic_refusal(model, state):
    return (
        f"This cannot be done while the {model._meta.verbose_name} is "
        f"“{state_label(model, state)}”."
    )


def assert_refused(call, obj, message):
    """The service refuses with `message`; nothing about `obj` changes and nothing is audited."""
    audit_before = AuditEntry.objects.count()
    state_before = obj.state
    with pytest.raises(TransitionRefused) as refused:
        call()
    assert message in str(refused.value)
    obj.refresh_from_db()
    assert obj.state == state_before
    assert AuditEntry.objects.count() == audit_before


# Applications.


@pytest.fixture
def staff(licensing_officer):
    return licensing_officer


def make_application(provider, state, *, kind=Application.Kind.NEW, licence=None, paid=True):
    return ApplicationFactory(
        provider=provider,
        state=state,
        kind=kind,
        licence=licence,
        fee_received_at=timezone.now() if paid else None,
        application_fee=Decimal("400"),
        submitted_at=None if state == A.DRAFT else timezone.now(),
    )


APPLICATION_ACTIONS = {
    "submit": lambda app, who: services.application_submit(application=app, actor=who.applicant),
    "validate": lambda app, who: services.application_validate(application=app, actor=who.staff),
    "start_assessment": lambda app, who: services.application_start_assessment(
        application=app, actor=who.staff
    ),
    "require_inspection": lambda app, who: services.application_require_inspection(
        application=app, actor=who.staff
    ),
    "complete_inspection": lambda app, who: services.application_complete_inspection(
        application=app, actor=who.staff
    ),
    "return_for_information": lambda app, who: services.application_return(
        application=app, actor=who.staff, message="Send your contracts."
    ),
    "resubmit": lambda app, who: services.application_resubmit(
        application=app, actor=who.applicant
    ),
    "grant": lambda app, who: services.application_grant(application=app, actor=who.staff),
    "grant_with_conditions": lambda app, who: services.application_grant(
        application=app,
        actor=who.staff,
        conditions=[
            services.ConditionSpec(text="Issue payslips", due_date=today() + timedelta(days=30))
        ],
    ),
    "refuse": lambda app, who: services.application_refuse(
        application=app, actor=who.staff, reasons="Failed the fit and proper test"
    ),
    "fast_track_renewal": lambda app, who: services.application_fast_track(
        application=app, actor=who.staff
    ),
    "withdraw": lambda app, who: services.application_withdraw(
        application=app, actor=who.applicant
    ),
}

APPLICATION_ALLOWED = [
    ("submit", A.DRAFT, A.SUBMITTED),
    ("validate", A.SUBMITTED, A.VALIDATED),
    ("start_assessment", A.VALIDATED, A.UNDER_ASSESSMENT),
    ("require_inspection", A.UNDER_ASSESSMENT, A.INSPECTION),
    ("complete_inspection", A.INSPECTION, A.UNDER_ASSESSMENT),
    ("return_for_information", A.SUBMITTED, A.RETURNED),
    ("return_for_information", A.VALIDATED, A.RETURNED),
    ("return_for_information", A.UNDER_ASSESSMENT, A.RETURNED),
    ("resubmit", A.RETURNED, A.VALIDATED),
    ("grant", A.UNDER_ASSESSMENT, A.GRANTED),
    ("grant_with_conditions", A.UNDER_ASSESSMENT, A.GRANTED_WITH_CONDITIONS),
    ("refuse", A.UNDER_ASSESSMENT, A.REFUSED),
    ("fast_track_renewal", A.VALIDATED, A.GRANTED),
    *[("withdraw", source, A.WITHDRAWN) for source in Application.WITHDRAWABLE_STATES],
]

APPLICATION_REFUSED = [
    ("submit", A.SUBMITTED),
    ("validate", A.DRAFT),
    ("validate", A.VALIDATED),
    ("start_assessment", A.SUBMITTED),
    ("start_assessment", A.RETURNED),
    ("require_inspection", A.VALIDATED),
    ("complete_inspection", A.UNDER_ASSESSMENT),
    ("return_for_information", A.DRAFT),
    ("return_for_information", A.INSPECTION),
    ("resubmit", A.SUBMITTED),
    ("grant", A.VALIDATED),
    ("grant", A.REFUSED),
    ("grant_with_conditions", A.INSPECTION),
    ("refuse", A.VALIDATED),
    ("refuse", A.GRANTED),
    ("fast_track_renewal", A.UNDER_ASSESSMENT),
    ("withdraw", A.GRANTED),
    ("withdraw", A.REFUSED),
    ("withdraw", A.WITHDRAWN),
]


@pytest.fixture
def who(applicant_a, licensing_officer):
    class Who:
        applicant = applicant_a
        staff = licensing_officer

    return Who


def application_for(name, source, agency):
    if name == "fast_track_renewal":
        licence = LicenceFactory(provider=agency)
        return make_application(agency, source, kind=Application.Kind.RENEWAL, licence=licence)
    return make_application(agency, source)


@pytest.mark.parametrize("name,source,target", APPLICATION_ALLOWED)
def test_application_transition_allowed(name, source, target, who, agency_a):
    application = application_for(name, source, agency_a)
    APPLICATION_ACTIONS[name](application, who)
    application.refresh_from_db()
    assert application.state == target
    entry = AuditEntry.objects.filter(object_type="application", object_id=application.pk).last()
    assert (entry.from_state, entry.to_state) == (source, target)


@pytest.mark.parametrize("name,source", APPLICATION_REFUSED)
def test_application_transition_refused(name, source, who, agency_a):
    application = application_for(name, source, agency_a)
    licences = Licence.objects.count()
    assert_refused(
        lambda: APPLICATION_ACTIONS[name](application, who),
        application,
        generic_refusal(Application, source),
    )
    assert not application.messages.exists()
    assert not application.decisions.exists()
    assert Licence.objects.count() == licences


def test_resubmitting_an_unpaid_application_goes_back_to_submitted(who, agency_a):
    application = make_application(agency_a, A.RETURNED, paid=False)
    services.application_resubmit(application=application, actor=who.applicant)
    application.refresh_from_db()
    assert application.state == A.SUBMITTED


def test_validation_is_refused_until_the_fee_arrives(who, agency_a):
    application = make_application(agency_a, A.SUBMITTED, paid=False)
    assert_refused(
        lambda: APPLICATION_ACTIONS["validate"](application, who),
        application,
        "The fee must be received before assessment starts.",
    )


def test_fast_track_is_refused_with_open_conditions(who, agency_a):
    licence = LicenceFactory(provider=agency_a, state=L.ACTIVE_WITH_CONDITIONS)
    LicenceConditionFactory(licence=licence)
    application = make_application(
        agency_a, A.VALIDATED, kind=Application.Kind.RENEWAL, licence=licence
    )
    assert_refused(
        lambda: APPLICATION_ACTIONS["fast_track_renewal"](application, who),
        application,
        "Only a renewal by a holder with a clean record",
    )


def test_reopen_after_appeal_is_allowed_only_from_refused(who, agency_a, decision_maker):
    application = make_application(agency_a, A.UNDER_ASSESSMENT)
    application = services.application_refuse(
        application=application, actor=who.staff, reasons="Failed the fit and proper test"
    )
    appeal = services.appeal_lodge(
        decision=application.decisions.get(),
        actor=decision_maker,
        kind=Appeal.Kind.PRE_APPEAL,
        lodged_on=today(),
    )
    services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=P.ALLOWED)
    application.refresh_from_db()
    assert application.state == A.UNDER_ASSESSMENT
    granted = make_application(agency_a, A.GRANTED)
    assert_refused(
        lambda: _bare_transition(granted, "reopen_after_appeal"),
        granted,
        generic_refusal(Application, A.GRANTED),
    )


# Licences.

SPEC = services.ConditionSpec(text="Issue itemised payslips", due_date=today() + timedelta(30))

LICENCE_ACTIONS = {
    "impose_conditions": lambda lic, actor: services.licence_impose_conditions(
        licence=lic, actor=actor, conditions=[SPEC]
    ),
    "suspend": lambda lic, actor: services.licence_suspend(
        licence=lic, actor=actor, reason="Under investigation"
    ),
    "lift_suspension": lambda lic, actor: services.licence_lift_suspension(
        licence=lic, actor=actor
    ),
    "revoke_with_immediate_effect": lambda lic, actor: services.licence_revoke(
        licence=lic, actor=actor, reasons="Passports retained", immediate=True
    ),
    "surrender": lambda lic, actor: services.licence_surrender(licence=lic, actor=actor),
    "expire": lambda lic, actor: services.licence_expire(
        licence=lic, actor=actor, reason="The company was dissolved"
    ),
}

LICENCE_ALLOWED = [
    ("impose_conditions", L.ACTIVE, L.ACTIVE_WITH_CONDITIONS),
    ("impose_conditions", L.ACTIVE_WITH_CONDITIONS, L.ACTIVE_WITH_CONDITIONS),
    ("suspend", L.ACTIVE, L.SUSPENDED),
    ("suspend", L.ACTIVE_WITH_CONDITIONS, L.SUSPENDED),
    ("lift_suspension", L.SUSPENDED, L.ACTIVE),
    *[("revoke_with_immediate_effect", s, L.REVOKED) for s in Licence.IN_FORCE_STATES],
    *[("surrender", s, L.SURRENDERED) for s in Licence.IN_FORCE_STATES],
    *[("expire", s, L.EXPIRED) for s in Licence.IN_FORCE_STATES],
]

LICENCE_REFUSED = [
    ("impose_conditions", L.SUSPENDED),
    ("impose_conditions", L.REVOKED),
    ("suspend", L.SUSPENDED),
    ("suspend", L.EXPIRED),
    ("lift_suspension", L.ACTIVE),
    ("surrender", L.REVOKED),
    ("expire", L.SURRENDERED),
]


@pytest.mark.parametrize("name,source,target", LICENCE_ALLOWED)
def test_licence_transition_allowed(name, source, target, decision_maker):
    licence = LicenceFactory(state=source)
    LICENCE_ACTIONS[name](licence, decision_maker)
    licence.refresh_from_db()
    assert licence.state == target
    entry = AuditEntry.objects.filter(licence=licence).exclude(from_state="").last()
    assert (entry.from_state, entry.to_state, entry.is_public) == (source, target, True)


@pytest.mark.parametrize("name,source", LICENCE_REFUSED)
def test_licence_transition_refused(name, source, decision_maker):
    licence = LicenceFactory(state=source)
    assert_refused(
        lambda: LICENCE_ACTIONS[name](licence, decision_maker),
        licence,
        generic_refusal(Licence, source),
    )
    assert not licence.conditions.exists()


def test_lifting_a_suspension_restores_open_conditions(decision_maker):
    licence = LicenceFactory(state=L.SUSPENDED)
    LicenceConditionFactory(licence=licence)
    services.licence_lift_suspension(licence=licence, actor=decision_maker)
    licence.refresh_from_db()
    assert licence.state == L.ACTIVE_WITH_CONDITIONS


@pytest.mark.parametrize("source", [L.EXPIRED, L.REVOKED, L.SURRENDERED])
def test_revocation_is_refused_for_a_licence_not_in_force(source, decision_maker):
    licence = LicenceFactory(state=source)
    assert_refused(
        lambda: LICENCE_ACTIONS["revoke_with_immediate_effect"](licence, decision_maker),
        licence,
        "Only a licence in force can be revoked",
    )
    assert not AdverseDecision.objects.exists()


@pytest.mark.parametrize("source", Licence.IN_FORCE_STATES)
def test_revocation_takes_effect_from_each_state_in_force(source, decision_maker):
    licence = LicenceFactory(state=source)
    decision = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Wages withheld", immediate=False
    )
    AdverseDecision.objects.filter(pk=decision.pk).update(appeal_deadline=today() - timedelta(1))
    services.decisions_close_windows()
    licence.refresh_from_db()
    assert licence.state == L.REVOKED
    entry = AuditEntry.objects.get(action="revocation_takes_effect")
    assert (entry.from_state, entry.to_state) == (source, L.REVOKED)


def test_revocation_cannot_take_effect_without_a_due_decision():
    licence = LicenceFactory()
    assert_refused(
        lambda: _bare_transition(licence, "revocation_takes_effect"),
        licence,
        "A revocation takes effect only when its appeal window has closed",
    )


def test_reinstate_is_allowed_only_from_revoked(decision_maker):
    licence = LicenceFactory()
    decision = services.licence_revoke(
        licence=licence, actor=decision_maker, reasons="Passports retained", immediate=True
    )
    appeal = services.appeal_lodge(
        decision=decision, actor=decision_maker, kind=Appeal.Kind.TRIBUNAL, lodged_on=today()
    )
    services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=P.ALLOWED)
    licence.refresh_from_db()
    assert licence.state == L.ACTIVE
    assert_refused(
        lambda: _bare_transition(licence, "reinstate"),
        licence,
        generic_refusal(Licence, L.ACTIVE),
    )


def test_conditions_all_met_moves_the_licence_to_active(licensing_officer):
    licence = LicenceFactory(state=L.ACTIVE_WITH_CONDITIONS)
    first, second = (
        LicenceConditionFactory(licence=licence),
        LicenceConditionFactory(licence=licence),
    )
    services.condition_mark_met(condition=first, actor=licensing_officer)
    licence.refresh_from_db()
    assert licence.state == L.ACTIVE_WITH_CONDITIONS
    assert_refused(
        lambda: _bare_transition(licence, "conditions_all_met"),
        licence,
        "Every additional licence condition must be met first.",
    )
    services.condition_mark_met(condition=second, actor=licensing_officer)
    licence.refresh_from_db()
    assert licence.state == L.ACTIVE
    assert AuditEntry.objects.get(action="conditions_all_met").from_state == (
        L.ACTIVE_WITH_CONDITIONS
    )
    assert_refused(
        lambda: _bare_transition(licence, "conditions_all_met"),
        licence,
        generic_refusal(Licence, L.ACTIVE),
    )


@pytest.mark.parametrize("source", Licence.HOLDING_STATES)
def test_renewal_extends_a_licence_held(source, agency_a, licensing_officer):
    licence = LicenceFactory(provider=agency_a, state=source)
    old_expiry = licence.expires_on
    application = make_application(
        agency_a, A.UNDER_ASSESSMENT, kind=Application.Kind.RENEWAL, licence=licence
    )
    services.application_grant(application=application, actor=licensing_officer)
    licence.refresh_from_db()
    assert licence.state == source
    assert licence.expires_on == old_expiry + timedelta(days=365)
    assert AuditEntry.objects.filter(action="renewed", licence=licence).exists()


def test_renewal_is_refused_for_a_suspended_licence(agency_a, licensing_officer):
    licence = LicenceFactory(provider=agency_a, state=L.SUSPENDED)
    application = make_application(
        agency_a, A.UNDER_ASSESSMENT, kind=Application.Kind.RENEWAL, licence=licence
    )
    assert_refused(
        lambda: services.application_grant(application=application, actor=licensing_officer),
        licence,
        generic_refusal(Licence, L.SUSPENDED),
    )
    application.refresh_from_db()
    assert application.state == A.UNDER_ASSESSMENT


# Licence conditions.

CONDITION_SERVICES = {
    "mark_met": services.condition_mark_met,
    "mark_breached": services.condition_mark_breached,
}


@pytest.mark.parametrize("name,target", [("mark_met", C.MET), ("mark_breached", C.BREACHED)])
def test_condition_transition_allowed(name, target, licensing_officer):
    condition = LicenceConditionFactory(licence=LicenceFactory(state=L.ACTIVE_WITH_CONDITIONS))
    CONDITION_SERVICES[name](condition=condition, actor=licensing_officer)
    condition.refresh_from_db()
    assert condition.state == target
    assert condition.resolved_on == today()
    entry = AuditEntry.objects.get(action=f"condition_{name}")
    assert (entry.from_state, entry.to_state, entry.is_public) == (C.OPEN, target, True)


@pytest.mark.parametrize(
    "name,source", [("mark_met", C.MET), ("mark_met", C.BREACHED), ("mark_breached", C.MET)]
)
def test_condition_transition_refused(name, source, licensing_officer):
    condition = LicenceConditionFactory(state=source)
    assert_refused(
        lambda: CONDITION_SERVICES[name](condition=condition, actor=licensing_officer),
        condition,
        generic_refusal(LicenceCondition, source),
    )


# Refusals and revocations, and appeals against them.


def make_decision(state, *, kind=AdverseDecision.Kind.REVOCATION, immediate=False, deadline=None):
    licence = LicenceFactory(state=L.REVOKED if immediate else L.ACTIVE)
    return AdverseDecision.objects.create(
        kind=kind,
        licence=licence,
        provider=licence.provider,
        immediate_effect=immediate,
        reasons="Wages withheld",
        appeal_deadline=deadline or today() + timedelta(days=20),
        pre_appeal_deadline=today() + timedelta(days=10),
        state=state,
    )


def lodge(decision, actor):
    return services.appeal_lodge(
        decision=decision,
        actor=actor,
        kind=Appeal.Kind.TRIBUNAL,
        lodged_on=today(),
        late_admitted=True,
    )


@pytest.mark.parametrize("source", [D.APPEALABLE, D.DUE, D.FINAL])
def test_appeal_lodged_allowed(source, decision_maker):
    decision = make_decision(source)
    lodge(decision, decision_maker)
    decision.refresh_from_db()
    assert decision.state == D.UNDER_APPEAL
    entry = AuditEntry.objects.get(action="appeal_lodged")
    assert (entry.from_state, entry.to_state) == (source, D.UNDER_APPEAL)


@pytest.mark.parametrize("source", [D.UNDER_APPEAL, D.REVERSED])
def test_appeal_lodged_refused(source, decision_maker):
    decision = make_decision(source)
    assert_refused(
        lambda: lodge(decision, decision_maker),
        decision,
        generic_refusal(AdverseDecision, source),
    )
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    "kind,immediate,licence_after",
    [
        (AdverseDecision.Kind.REVOCATION, False, L.REVOKED),
        (AdverseDecision.Kind.REVOCATION, True, L.REVOKED),
        (AdverseDecision.Kind.REFUSAL, False, L.ACTIVE),
    ],
)
def test_window_closed_allowed(kind, immediate, licence_after):
    decision = make_decision(
        D.APPEALABLE, kind=kind, immediate=immediate, deadline=today() - timedelta(days=1)
    )
    assert services.decisions_close_windows() == 1
    decision.refresh_from_db()
    decision.licence.refresh_from_db()
    # A revocation without immediate effect passes through "due" to "final" as it takes effect.
    assert decision.state == D.FINAL
    assert decision.licence.state == licence_after
    entry = AuditEntry.objects.get(action="appeal_window_closed")
    expected = D.DUE if kind == AdverseDecision.Kind.REVOCATION and not immediate else D.FINAL
    assert (entry.from_state, entry.to_state) == (D.APPEALABLE, expected)


def test_window_closed_refused_before_the_deadline_passes():
    decision = make_decision(D.APPEALABLE, deadline=today())
    assert services.decisions_close_windows() == 0
    assert_refused(
        lambda: _bare_transition(decision, "window_closed"),
        decision,
        "The appeal window has not closed yet.",
    )


def test_window_closed_refused_while_under_appeal():
    decision = make_decision(D.UNDER_APPEAL, deadline=today() - timedelta(days=1))
    assert services.decisions_close_windows() == 0
    assert_refused(
        lambda: _bare_transition(decision, "window_closed"),
        decision,
        generic_refusal(AdverseDecision, D.UNDER_APPEAL),
    )


@pytest.mark.parametrize(
    "outcome,decision_after",
    [(P.ALLOWED, D.REVERSED), (P.DISMISSED, D.FINAL), (P.WITHDRAWN, D.APPEALABLE)],
)
def test_appeal_outcome_allowed(outcome, decision_after, decision_maker):
    decision = make_decision(D.APPEALABLE)
    appeal = lodge(decision, decision_maker)
    services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=outcome)
    appeal.refresh_from_db()
    decision.refresh_from_db()
    assert appeal.state == outcome
    assert appeal.decided_on == today()
    assert decision.state == decision_after


@pytest.mark.parametrize("decided", [P.ALLOWED, P.DISMISSED, P.WITHDRAWN])
def test_appeal_outcome_refused_once_decided(decided, decision_maker):
    decision = make_decision(D.APPEALABLE)
    appeal = lodge(decision, decision_maker)
    services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=decided)
    decision.refresh_from_db()
    decision_state = decision.state
    appeal.refresh_from_db()
    assert_refused(
        lambda: services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=P.ALLOWED),
        appeal,
        generic_refusal(Appeal, decided),
    )
    decision.refresh_from_db()
    assert decision.state == decision_state


def test_an_outcome_for_a_decision_not_under_appeal_changes_nothing(decision_maker):
    decision = make_decision(D.FINAL)
    appeal = Appeal.objects.create(decision=decision, kind=Appeal.Kind.TRIBUNAL, lodged_on=today())
    assert_refused(
        lambda: services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=P.ALLOWED),
        decision,
        generic_refusal(AdverseDecision, D.FINAL),
    )
    appeal.refresh_from_db()
    assert appeal.state == P.PENDING


def test_took_effect_is_allowed_only_from_due(decision_maker):
    decision = make_decision(D.UNDER_APPEAL)
    appeal = Appeal.objects.create(decision=decision, kind=Appeal.Kind.TRIBUNAL, lodged_on=today())
    services.appeal_decide(appeal=appeal, actor=decision_maker, outcome=P.DISMISSED)
    decision.refresh_from_db()
    assert decision.state == D.FINAL
    assert_refused(
        lambda: _bare_transition(decision, "took_effect"),
        decision,
        generic_refusal(AdverseDecision, D.FINAL),
    )


# Fee payments.


@pytest.fixture
def submitted(agency_a, applicant_a):
    application = ApplicationFactory(provider=agency_a)
    return services.application_submit(application=application, actor=applicant_a)


def test_fee_payment_received(submitted, licensing_officer):
    payment = services.fee_payment_request(
        application=submitted, actor=licensing_officer, method=FeePayment.Method.BANK_TRANSFER
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    payment.refresh_from_db()
    assert payment.state == F.RECEIVED
    assert AuditEntry.objects.filter(action="fee_received").exists()


@pytest.mark.parametrize("source", [F.RECEIVED, F.CANCELLED])
def test_fee_payment_received_refused(source, submitted, licensing_officer):
    payment = FeePayment.objects.create(
        application=submitted,
        method=FeePayment.Method.BANK_TRANSFER,
        reference=f"LPTEST{source[:4].upper()}",
        amount=submitted.total_fee,
        state=source,
    )
    assert_refused(
        lambda: services.fee_payment_received(payment=payment, actor=licensing_officer),
        payment,
        generic_refusal(FeePayment, source),
    )


def test_a_new_payment_method_cancels_the_pending_request(submitted, applicant_a):
    first = services.fee_payment_request(
        application=submitted, actor=applicant_a, method=FeePayment.Method.BANK_TRANSFER
    )
    services.fee_payment_request(application=submitted, actor=applicant_a, method="test")
    first.refresh_from_db()
    assert first.state == F.CANCELLED


def test_withdrawing_cancels_the_pending_payment(submitted, applicant_a):
    payment = services.fee_payment_request(
        application=submitted, actor=applicant_a, method=FeePayment.Method.BANK_TRANSFER
    )
    services.application_withdraw(application=submitted, actor=applicant_a)
    payment.refresh_from_db()
    assert payment.state == F.CANCELLED


def test_a_received_payment_cannot_be_cancelled(submitted, licensing_officer):
    payment = services.fee_payment_request(
        application=submitted, actor=licensing_officer, method=FeePayment.Method.BANK_TRANSFER
    )
    services.fee_payment_received(payment=payment, actor=licensing_officer)
    payment.refresh_from_db()
    assert_refused(
        lambda: _bare_transition(payment, "cancel"),
        payment,
        generic_refusal(FeePayment, F.RECEIVED),
    )


# Last in the file: by now the modules that use the probe have run (when they were selected).
PROBED_MODULES = {
    "tests/inspections/test_concerns.py",
    "tests/inspections/test_fee_violations.py",
    "tests/inspections/test_investigations.py",
    "tests/inspections/test_remedy.py",
    "tests/inspections/test_review_flow.py",
    "tests/licensing/test_appeals.py",
    "tests/licensing/test_daily.py",
    "tests/licensing/test_transitions.py",
    "tests/portal/test_identity_changes.py",
}


def test_every_transition_of_every_model_was_driven_and_audited_once(request):
    ran = {item.nodeid.split("::")[0] for item in request.session.items}
    if not PROBED_MODULES <= ran or request.config.getoption("keyword"):
        pytest.skip("runs when every probed module runs in full")
    every = {(model._meta.label_lower, name) for model, _field, name in every_transition()}
    # Issue 18 (open): the identity review is decided through the office in
    # tests/portal/test_identity_changes.py, but the probe does not yet see those decisions.
    not_yet_probed = {
        ("licensing.identityreview", "continue_licence"),
        ("licensing.identityreview", "expire_licence"),
    }
    assert not sorted(every - DRIVEN - not_yet_probed), (
        "transitions no test drove through a service"
    )
