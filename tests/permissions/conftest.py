"""One fixture world for the whole permission matrix, built once per module inside a
transaction that is rolled back at the end; every request of the matrix runs in a savepoint
of its own, so a POST that does change something changes nothing for the next one."""

import pytest
from django.db import transaction

from tests.factories import LabourProviderFactory, OrganisationMemberFactory, UserFactory
from tests.permissions.world import build_world

# The personas of tests/conftest.py, made once for the module (fixtures there are per test).
STAFF = {
    "licensing_officer": ("officer", "Licensing officer"),
    "inspector": ("inspector", "Inspector"),
    "decision_maker": ("decider", "Decision maker"),
    "editor": ("editor", "Editor"),
    "administrator": ("admin", "Administrator"),
}


def _one_step_policy(monkeypatch):
    """As tests/conftest.py's autouse fixture: the world is built one step at a time."""
    from licensing.models import LicensingPolicy

    original = LicensingPolicy.load.__func__

    def load(cls, *args, **kwargs):
        policy = original(cls, *args, **kwargs)
        policy.four_eyes_decisions = False
        policy.application_inspection_required = False
        return policy

    monkeypatch.setattr(LicensingPolicy, "load", classmethod(load))


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """({persona: user or None}, {kind: URL arguments})."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as monkeypatch:
            _one_step_policy(monkeypatch)
            agency_a = LabourProviderFactory(
                legal_name="Anglia Field Labour Ltd", email="office@anglia.example"
            )
            agency_b = LabourProviderFactory(
                legal_name="Baltic Crew Recruitment Ltd", email="office@baltic.example"
            )
            users = {"anonymous": None}
            for persona, username, agency in (
                ("applicant_a", "applicant_a", agency_a),
                ("applicant_b", "applicant_b", agency_b),
            ):
                users[persona] = UserFactory(username=username)
                OrganisationMemberFactory(provider=agency, user=users[persona])
            for persona, (username, group) in STAFF.items():
                users[persona] = UserFactory(username=username, groups=[group])
            world = build_world(
                agency_a=agency_a,
                applicant_a=users["applicant_a"],
                officer=users["licensing_officer"],
                inspector=users["inspector"],
                decider=users["decision_maker"],
                administrator=users["administrator"],
            )
        yield users, world
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
