"""A copy of the register kept from the changes feed alone equals the open data, whatever
happened: random sequences of applications, decisions, detail and people changes,
conditions, suspensions, revocations and appeals, all driven through the services."""

import json
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api import opendata
from api.changes import apply_change
from licensing import services
from licensing.models import AdverseDecision, Appeal, Application, Licence, LicenceCondition
from licensing.workflow import ServiceError
from registry.models import OrganisationMember, ProviderRole
from tests.factories import (
    ApplicationFactory,
    LabourProviderFactory,
    OrganisationMemberFactory,
    PersonFactory,
    ProviderRoleFactory,
    UserFactory,
)
from tests.public_site.factories import _decide_ready

pytestmark = pytest.mark.django_db

# What the open data publishes that the feed's record carries (the rest is derived:
# the status in words and the page's address).
PUBLISHED = [name for name in opendata.COLUMNS if name not in ("status_words", "url")]
PROVIDER_KEYS = (
    "holder_name",
    "trading_names",
    "company_number",
    "town",
    "country",
    "sectors",
    "recruits_from",
    "supplies_to",
)
DATES = [name for name in PUBLISHED if name.endswith("_on") and name != "refused_on"]


def rows_from_feed(register: dict) -> dict:
    """The open-data rows a copy of the register kept from the feed implies."""
    rows = {}
    for record in register.values():
        provider = {key: record[key] for key in PROVIDER_KEYS}
        for licence in record["licences"]:
            rows[licence["urn"]] = {
                **provider,
                **{name: licence[name] for name in ("urn", "status", *DATES)},
                "conditions_in_force": licence["conditions_in_force"],
                "principal_authority": record["principal_authority"],
                "alternative_business_representatives": record[
                    "alternative_business_representatives"
                ],
                "refused_on": None,
            }
        if not record["licences"]:
            rows[record["holder_name"]] = {
                **provider,
                "urn": None,
                "status": record["status"],
                **dict.fromkeys(DATES),
                "conditions_in_force": [],
                "principal_authority": "",
                "alternative_business_representatives": [],
                "refused_on": record["refused_on"],
            }
    return rows


def rows_from_open_data() -> dict:
    export = json.loads("".join(opendata.json_stream()))
    return {
        row["urn"] or row["holder_name"]: {name: row[name] for name in PUBLISHED}
        for row in export["providers"]
    }


def read_feed(client) -> list[dict]:
    changes, cursor = [], None
    while True:
        params = {"limit": 1000, **({"since": cursor} if cursor else {})}
        page = client.get("/api/v1/changes", params).json()
        changes += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return changes


class World:
    """The actors and the counter for unique names; targets are read from the database."""

    def __init__(self):
        self.staff = UserFactory(groups=["Licensing officer", "Decision maker"])
        self.n = 0

    def name(self, stem):
        self.n += 1
        return f"{stem} {self.n}"

    @staticmethod
    def pick(queryset, index):
        items = list(queryset.order_by("pk"))
        return items[index % len(items)] if items else None

    def member(self, provider):
        return OrganisationMember.objects.filter(provider=provider).first().user

    # Applications.

    def apply(self, index):
        provider = LabourProviderFactory(legal_name=self.name("Provider") + " Ltd")
        ProviderRoleFactory(
            provider=provider,
            person=PersonFactory(full_name=self.name("Principal")),
            authorised_by_regulator=False,
            started_on=timezone.localdate() - timedelta(days=1),
        )
        OrganisationMemberFactory(provider=provider, user=UserFactory())
        application = ApplicationFactory(provider=provider)
        services.application_submit(application=application, actor=self.member(provider))

    def pay(self, index):
        application = self.pick(
            Application.objects.filter(
                kind=Application.Kind.NEW,
                state=Application.State.SUBMITTED,
                fee_received_at__isnull=True,
            ),
            index,
        )
        if application is not None:
            payment = services.fee_payment_request(
                application=application, actor=self.staff, method="bank_transfer"
            )
            services.fee_payment_received(payment=payment, actor=self.staff)

    def validate(self, index):
        application = self.pick(
            Application.objects.filter(state=Application.State.SUBMITTED), index
        )
        if application is not None:
            services.application_validate(application=application, actor=self.staff)

    def _assessed(self, index):
        application = self.pick(
            Application.objects.filter(
                kind=Application.Kind.NEW,
                state__in=[Application.State.VALIDATED, Application.State.UNDER_ASSESSMENT],
            ),
            index,
        )
        if application is not None and application.state == Application.State.VALIDATED:
            application = services.application_start_assessment(
                application=application, actor=self.staff
            )
        return application

    def grant(self, index):
        application = self._assessed(index)
        if application is not None:
            conditions = [self.condition_spec()] if index % 2 else []
            services.application_grant(
                application=application, actor=self.staff, conditions=conditions
            )

    def refuse(self, index):
        application = self._assessed(index)
        if application is not None:
            services.application_refuse(
                application=application, actor=self.staff, reasons="Failed the standards."
            )

    def withdraw(self, index):
        application = self.pick(
            Application.objects.filter(state__in=Application.OPEN_STATES), index
        )
        if application is not None:
            services.application_withdraw(application=application, actor=self.staff)

    # Changes to a licence holder: details, renewal, people.

    def _change(self, licence, kind, **fields):
        application = ApplicationFactory(
            provider=licence.provider, licence=licence, kind=kind, **fields
        )
        application = _decide_ready(application, self.staff)
        services.application_grant(application=application, actor=self.staff)

    def change_details(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            changes = [
                {"legal_name": self.name("Renamed") + " Ltd"},
                {"town": self.name("Town")},
                {"trading_names": [self.name("Trading as")]},
            ][index % 3]
            self._change(licence, Application.Kind.CHANGE, declared_turnover=None, changes=changes)

    def renew(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            self._change(licence, Application.Kind.RENEWAL)

    def authorise_abr(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            role = ProviderRoleFactory(
                provider=licence.provider,
                person=PersonFactory(full_name=self.name("Representative")),
                role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
                authorised_by_regulator=False,
                started_on=timezone.localdate(),
            )
            services.role_authorise(role=role, actor=self.staff)

    def end_abr(self, index):
        role = self.pick(
            ProviderRole.objects.current().filter(
                role=ProviderRole.Role.ALTERNATIVE_BUSINESS_REPRESENTATIVE,
                authorised_by_regulator=True,
            ),
            index,
        )
        if role is not None:
            services.role_end(role=role, actor=self.staff, reason="Left the business.")

    # Conditions and the licence's standing.

    def condition_spec(self):
        return services.ConditionSpec(
            text=self.name("Condition"),
            due_date=timezone.localdate() + timedelta(days=30),
            standard_code="2.3",
            evidence="Private evidence",
        )

    def impose_condition(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            services.licence_impose_conditions(
                licence=licence, actor=self.staff, conditions=[self.condition_spec()]
            )

    def meet_condition(self, index):
        condition = self.pick(
            LicenceCondition.objects.filter(state=LicenceCondition.State.OPEN), index
        )
        if condition is not None:
            services.condition_mark_met(condition=condition, actor=self.staff)

    def suspend(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            services.licence_suspend(licence=licence, actor=self.staff, reason="Investigation.")

    def lift(self, index):
        licence = self.pick(Licence.objects.filter(state=Licence.State.SUSPENDED), index)
        if licence is not None:
            services.licence_lift_suspension(licence=licence, actor=self.staff)

    def revoke(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            services.licence_revoke(
                licence=licence, actor=self.staff, reasons="Critical failure.", immediate=index % 2
            )

    def appeal(self, index):
        decision = self.pick(
            AdverseDecision.objects.filter(state=AdverseDecision.State.APPEALABLE), index
        )
        if decision is not None:
            services.appeal_lodge(
                decision=decision,
                actor=self.staff,
                kind=Appeal.Kind.TRIBUNAL,
                lodged_on=timezone.localdate(),
            )

    def decide_appeal(self, index):
        appeal = self.pick(Appeal.objects.filter(state=Appeal.State.PENDING), index)
        if appeal is not None:
            outcome = [Appeal.State.ALLOWED, Appeal.State.DISMISSED, Appeal.State.WITHDRAWN]
            services.appeal_decide(
                appeal=appeal, actor=self.staff, outcome=outcome[index % 3], reason="Tribunal."
            )

    def surrender(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            services.licence_surrender(licence=licence, actor=self.staff, reason="Closing down.")

    def expire(self, index):
        licence = self.pick(Licence.objects.in_force(), index)
        if licence is not None:
            services.licence_expire(licence=licence, actor=self.staff, reason="Dissolved.")


STEPS = [name for name in vars(World) if not name.startswith("_")]
STEPS = [
    name
    for name in STEPS
    if name not in ("name", "pick", "member", "condition_spec") and callable(getattr(World, name))
]
# Starting with a licence holder whose details changed and an application pending gives the
# other steps something to act on.
OPENING = ["apply", "pay", "validate", "grant", "change_details", "apply", "pay", "validate"]


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(STEPS), st.integers(min_value=0, max_value=5)),
        min_size=3,
        max_size=14,
    )
)
def test_a_register_rebuilt_from_the_feed_alone_equals_the_open_data(anonymous, steps):
    with transaction.atomic():
        world = World()
        for name, index in [(name, 0) for name in OPENING] + steps:
            try:
                with transaction.atomic():
                    getattr(world, name)(index)
            except (ServiceError, PermissionDenied):
                pass  # not possible in this state: the sequence goes on

        register = {}
        for change in read_feed(anonymous):
            apply_change(register, change)

        assert rows_from_feed(register) == rows_from_open_data()
        transaction.set_rollback(True)
