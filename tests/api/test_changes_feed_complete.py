"""Every change to the public register reaches the changes feed, with the record after it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from licensing import services
from licensing.models import Application
from registry.models import ProviderRole
from tests.factories import ApplicationFactory, PersonFactory, ProviderRoleFactory
from tests.public_site.factories import _decide_ready, licensed_provider, staff

pytestmark = pytest.mark.django_db


def feed(client):
    return client.get("/api/v1/changes", {"limit": 100}).json()["changes"]


def test_a_change_of_name_trading_name_and_town_reaches_the_feed(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    change = ApplicationFactory(
        provider=licence.provider,
        kind=Application.Kind.CHANGE,
        licence=licence,
        declared_turnover=None,
        changes={
            "legal_name": "Fenland Crew Ltd",
            "trading_names": ["Marsh Pickers"],
            "town": "Boston",
            "email": "private@fenland.example",
        },
    )
    services.application_grant(application=_decide_ready(change, actor), actor=actor)

    last = feed(anonymous)[-1]

    assert last["action"] == "provider_changed"
    assert last["urn"] is None
    record = last["record"]
    assert record["holder_name"] == "Fenland Crew Ltd"
    assert record["trading_names"] == ["Marsh Pickers"]
    assert record["town"] == "Boston"
    assert record["licences"][0]["urn"] == licence.urn
    assert record["licences"][0]["status"] == "active"
    assert "private@fenland.example" not in str(feed(anonymous))


def test_a_change_of_contact_details_only_is_not_a_public_change(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    before = len(feed(anonymous))
    change = ApplicationFactory(
        provider=licence.provider,
        kind=Application.Kind.CHANGE,
        licence=licence,
        declared_turnover=None,
        changes={"phone": "01234 567890"},
    )
    services.application_grant(application=_decide_ready(change, actor), actor=actor)

    assert len(feed(anonymous)) == before


def test_an_authorised_abr_and_the_end_of_the_role_reach_the_feed(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    person = PersonFactory(full_name="Rita Representative", email="rita@home.example")
    role = ProviderRoleFactory(
        provider=licence.provider,
        person=person,
        role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
        authorised_by_regulator=False,
    )

    services.role_authorise(role=role, actor=actor)
    authorised = feed(anonymous)[-1]
    services.role_end(role=role, actor=actor, reason="Left the business")
    ended = feed(anonymous)[-1]

    assert authorised["action"] == "role_authorised"
    assert authorised["record"]["alternative_business_representatives"] == ["Rita Representative"]
    assert authorised["record"]["principal_authority"] == "Paula Authority"
    assert ended["action"] == "role_ended"
    assert ended["record"]["alternative_business_representatives"] == []
    assert "rita@home.example" not in str(feed(anonymous))
    assert "Left the business" not in str(feed(anonymous))


def test_a_pending_application_entering_and_leaving_the_register_is_in_the_feed(
    anonymous, agency_a, applicant_a
):
    actor = staff()
    application = _decide_ready(ApplicationFactory(provider=agency_a), actor, assess=False)
    entered = feed(anonymous)[-1]
    services.application_withdraw(application=application, actor=applicant_a)
    left = feed(anonymous)[-1]

    assert entered["register_status"] == "pending"
    assert entered["record"]["status"] == "pending"
    assert entered["record"]["holder_name"] == agency_a.legal_name
    assert left["register_status"] == ""
    # An empty status: the provider left the register, and nothing else is said about it.
    assert left["record"]["provider"] == agency_a.pk
    assert left["record"]["status"] == ""
    assert left["record"]["holder_name"] is None


def test_conditions_imposed_and_met_reach_the_feed_with_the_conditions_left(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    due = timezone.localdate() + timedelta(days=30)
    payslips, contracts = services.licence_impose_conditions(
        licence=licence,
        actor=actor,
        conditions=[
            services.ConditionSpec(text="Itemised payslips", due_date=due, standard_code="2.3"),
            services.ConditionSpec(
                text="Written contracts",
                due_date=due + timedelta(days=1),
                evidence="Two of eight workers had no contract",
            ),
        ],
    )
    imposed = feed(anonymous)[-1]
    services.condition_mark_met(condition=payslips, actor=actor)
    met = feed(anonymous)[-1]

    assert imposed["record"]["licences"][0]["status"] == "active_with_conditions"
    assert imposed["record"]["licences"][0]["conditions_in_force"] == [
        "2.3: Itemised payslips",
        "Written contracts",
    ]
    assert met["record"]["licences"][0]["conditions_in_force"] == ["Written contracts"]
    assert "Two of eight" not in str(feed(anonymous))
