"""The showcase: one provider's story per scenario, told through the services, so that every
licence and application state, appeals of every kind, conditions met and overdue, and a
"phoenix" case are on the register with the histories the software itself writes.

Scenarios repeat in order until ``count`` providers have a story, so a small demo still shows
every state.
"""

from datetime import timedelta

from demo.accounts import demo_user
from demo.cases import Cases
from demo.names import TRADING_WORDS
from licensing import services
from licensing.models import (
    Appeal,
    Application,
    FeePayment,
    LicenceCondition,
    LicensingPolicy,
)
from registry import services as registry_services
from registry.models import OrganisationMember, ProviderRole

SHOWCASE_MAX = 200


class Showcase(Cases):
    """Cases built through the services, one scenario per provider."""

    def __init__(self, *, rng, names, staff, today):
        super().__init__(rng=rng, names=names, staff=staff, today=today)
        self.revoked_pas = []
        self.scenarios = [
            self.active,
            self.agency_demo,
            self.active_first_reminder,
            self.active_second_reminder,
            self.inspected_and_granted,
            self.with_conditions,
            self.with_overdue_condition,
            self.conditions_met,
            self.suspended,
            self.suspension_lifted,
            self.revoked_with_immediate_effect,
            self.revoked_after_appeal_dismissed,
            self.revoked_when_window_closed,
            self.revocation_under_appeal,
            self.revocation_notice,
            self.reinstated_on_appeal,
            self.revocation_appeal_allowed,
            self.surrendered,
            self.expired,
            self.expired_on_company_change,
            self.renewal_fast_tracked,
            self.renewal_under_assessment,
            self.renewal_awaiting_fee,
            self.change_granted,
            self.change_of_pa_under_assessment,
            self.draft,
            self.submitted,
            self.validated,
            self.under_assessment,
            # Several, because the inspections demo carries some of them on to a report.
            self.inspection,
            self.inspection,
            self.inspection,
            self.returned,
            self.resubmitted,
            self.withdrawn,
            self.refused,
            self.refused_pre_appeal_pending,
            self.refused_reopened_on_pre_appeal,
            self.refused_final,
            self.phoenix,
        ]

    def run(self, count: int, stdout):
        for index in range(count):
            scenario = self.scenarios[index % len(self.scenarios)]
            scenario()
            if (index + 1) % 50 == 0:
                stdout.write(f"  showcase cases: {index + 1}/{count}")

    def active(self):
        self.licensed(country=self.names.country())

    def agency_demo(self):
        """The `agency` sign-in: Principal Authority of a licensed provider, renewal drafted."""
        if OrganisationMember.objects.filter(user__username="agency").exists():
            return self.active()
        provider, _user, pa, licence = self.licensed(expires_in=40, country="GB")
        first, _, last = pa.full_name.partition(" ")
        agency = demo_user("agency", first, last, email=pa.email)
        registry_services.organisation_member_add(
            provider=provider, user=agency, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
        )
        # The regulator links the sign-in to the approved Principal Authority role: the link,
        # not the email address, is what lets it act for the provider.
        pa_role = provider.roles.current().get(
            person=pa, role=ProviderRole.Role.PRINCIPAL_AUTHORITY
        )
        registry_services.provider_role_authorise(role=pa_role, user=agency)
        self.start(provider, agency, kind=Application.Kind.RENEWAL, licence=licence)

    def active_first_reminder(self):
        self.licensed(expires_in=LicensingPolicy.load().first_reminder_days)

    def active_second_reminder(self):
        self.licensed(expires_in=LicensingPolicy.load().second_reminder_days)

    def inspected_and_granted(self):
        self.licensed(inspected=True)

    def with_conditions(self):
        self.licensed(conditions=2)

    def with_overdue_condition(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        LicenceCondition.objects.filter(licence=licence).update(
            due_date=self.today - timedelta(days=self.rng.randint(3, 40))
        )

    def conditions_met(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        services.condition_mark_met(
            condition=licence.conditions.get(),
            actor=self.officer,
            reason="Evidence seen at the follow-up visit.",
        )

    def suspended(self):
        _provider, _user, _pa, licence = self.licensed()
        services.licence_suspend(
            licence=licence,
            actor=self.decider,
            reason="Serious allegations of debt bondage are under investigation.",
        )

    def suspension_lifted(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        licence = services.licence_suspend(
            licence=licence, actor=self.decider, reason="Unsafe minibus reported by the police."
        )
        services.licence_lift_suspension(
            licence=licence, actor=self.decider, reason="Vehicles replaced and checked."
        )

    def revoked_with_immediate_effect(self):
        _provider, _user, pa, licence = self.licensed(country="GB")
        self.revoke(licence, immediate=True)
        self.revoked_pas.append(pa)

    def revoked_after_appeal_dismissed(self):
        _provider, _user, _pa, licence = self.licensed()
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=False))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.DISMISSED,
            reason="The tribunal upheld the revocation.",
        )

    def revoked_when_window_closed(self):
        _provider, _user, _pa, licence = self.licensed()
        self.close_window(self.revoke(licence, immediate=False))

    def revocation_under_appeal(self):
        _provider, _user, _pa, licence = self.licensed()
        self.tribunal_appeal(self.revoke(licence, immediate=False))

    def revocation_notice(self):
        _provider, _user, _pa, licence = self.licensed()
        self.revoke(licence, immediate=False)

    def reinstated_on_appeal(self):
        _provider, _user, _pa, licence = self.licensed(conditions=1)
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=True))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.ALLOWED,
            reason="The tribunal found the evidence of retained passports unreliable.",
        )

    def revocation_appeal_allowed(self):
        _provider, _user, _pa, licence = self.licensed()
        appeal = self.tribunal_appeal(self.revoke(licence, immediate=False))
        services.appeal_decide(
            appeal=appeal,
            actor=self.decider,
            outcome=Appeal.State.ALLOWED,
            reason="The tribunal allowed the appeal.",
        )

    def surrendered(self):
        provider, user, _pa, licence = self.licensed()
        application = self.to_assessment(
            provider, user, kind=Application.Kind.SURRENDER, licence=licence
        )
        services.application_grant(
            application=application, actor=self.decider, reason="The business has ceased trading."
        )

    def expired(self):
        self.licensed(expires_in=-1)

    def expired_on_company_change(self):
        """A licence cannot pass to another legal entity: a new company number ends it."""
        provider, user, _pa, licence = self.licensed(country="GB")
        number = provider.company_number
        application = self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE,
            licence=licence,
            changes={"company_number": number[:-1] + str((int(number[-1]) + 1) % 10)},
        )
        services.application_grant(
            application=application,
            actor=self.decider,
            reason="The business was transferred to a new company.",
        )

    def renewal_fast_tracked(self):
        provider, user, _pa, licence = self.licensed(expires_in=30)
        application = self.submit(
            self.start(provider, user, kind=Application.Kind.RENEWAL, licence=licence), user
        )
        services.application_fast_track(application=self.validate(application), actor=self.officer)

    def renewal_under_assessment(self):
        provider, user, _pa, licence = self.licensed(expires_in=25, conditions=1)
        self.to_assessment(provider, user, kind=Application.Kind.RENEWAL, licence=licence)

    def renewal_awaiting_fee(self):
        provider, user, _pa, licence = self.licensed(expires_in=35)
        application = self.submit(
            self.start(provider, user, kind=Application.Kind.RENEWAL, licence=licence), user
        )
        services.fee_payment_request(
            application=application, actor=user, method=FeePayment.Method.BANK_TRANSFER
        )

    def change_granted(self):
        provider, user, _pa, licence = self.licensed()
        trading_name = f"{provider.legal_name.split()[0]} {self.rng.choice(TRADING_WORDS)} Direct"
        application = self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE,
            licence=licence,
            changes={"trading_names": [*provider.trading_names, trading_name]},
        )
        services.application_grant(
            application=application, actor=self.decider, reason="New trading name noted."
        )

    def change_of_pa_under_assessment(self):
        provider, user, _pa, licence = self.licensed()
        role = registry_services.provider_role_add(
            provider=provider,
            person=self.person(provider.country.code),
            role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
            started_on=self.today,
        )
        self.to_assessment(
            provider,
            user,
            kind=Application.Kind.CHANGE_OF_PA,
            licence=licence,
            changes={"new_principal_authority_role": role.pk},
        )

    def draft(self):
        provider, user, _pa = self.provider()
        self.start(provider, user)

    def submitted(self):
        provider, user, _pa = self.provider()
        application = self.submit(self.start(provider, user), user)
        services.fee_payment_request(
            application=application, actor=user, method=FeePayment.Method.BANK_TRANSFER
        )

    def validated(self):
        provider, user, _pa = self.provider()
        self.validate(self.submit(self.start(provider, user), user))

    def under_assessment(self):
        provider, user, _pa = self.provider()
        application = self.to_assessment(provider, user)
        services.case_message_send(
            application=application,
            actor=self.officer,
            body="Please confirm the addresses of the farms you supply.",
        )
        services.case_message_send(
            application=application,
            actor=user,
            body="We supply Manor Farm, Holbeach, and Ivy House Farm, Long Sutton.",
        )

    def inspection(self):
        provider, user, _pa = self.provider()
        self.inspect(self.to_assessment(provider, user), complete=False)

    def returned(self):
        provider, user, _pa = self.provider()
        application = self.validate(self.submit(self.start(provider, user), user))
        services.application_return(
            application=application,
            actor=self.officer,
            message="Send a copy of the contract you give to workers.",
        )

    def resubmitted(self):
        provider, user, _pa = self.provider()
        application = self.validate(self.submit(self.start(provider, user), user))
        application = services.application_return(
            application=application,
            actor=self.officer,
            message="Which accommodation do you provide, if any?",
        )
        services.application_resubmit(
            application=application,
            actor=user,
            message="We provide no accommodation; workers live locally.",
        )

    def withdrawn(self):
        provider, user, _pa = self.provider()
        application = self.submit(self.start(provider, user), user)
        services.application_withdraw(
            application=application, actor=user, reason="We no longer supply farms."
        )

    def refused(self):
        provider, user, _pa = self.provider()
        self.refuse(self.to_assessment(provider, user))

    def refused_pre_appeal_pending(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        services.appeal_lodge(
            decision=application.decisions.get(),
            actor=self.officer,
            kind=Appeal.Kind.PRE_APPEAL,
            lodged_on=self.today,
            grounds="The inspection report names the wrong site.",
        )

    def refused_reopened_on_pre_appeal(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        appeal = services.appeal_lodge(
            decision=application.decisions.get(),
            actor=self.officer,
            kind=Appeal.Kind.PRE_APPEAL,
            lodged_on=self.today,
            grounds="The turnover figure used was last year's.",
        )
        services.appeal_decide(
            appeal=appeal,
            actor=self.officer,
            outcome=Appeal.State.ALLOWED,
            reason="A factual error: the application is assessed again.",
        )

    def refused_final(self):
        provider, user, _pa = self.provider()
        application = self.refuse(self.to_assessment(provider, user))
        self.close_window(application.decisions.get())

    def phoenix(self):
        """Somebody who ran a provider whose licence was revoked applies with a new company."""
        if not self.revoked_pas:
            self.revoked_with_immediate_effect()
        person = self.revoked_pas.pop(0)
        left_on = self.today - timedelta(days=self.rng.randint(20, 60))
        for role in person.roles.filter(ended_on__isnull=True):
            registry_services.provider_role_end(role=role, ended_on=left_on)
        provider, user, _pa = self.provider(
            country="GB", pa=person, pa_since=self.today - timedelta(days=10)
        )
        self.submit(self.start(provider, user), user)
