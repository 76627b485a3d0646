"""Building blocks of the showcase: a provider with the people behind it and a portal user,
and its applications taken step by step through the licensing services, so that their audit
trails, payments and messages are exactly what the software itself writes.

Registry rows (providers, people, roles, members) are written through ``registry.services``.
What no service does is done around them on the licensing rows: a draft's declared turnover is
set as the portal would have saved it, and dates are moved back (a licence granted years ago,
an appeal window that has closed, a condition now overdue) so that the register has a past.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from demo.reasons import CONDITIONS, REFUSAL_REASONS, REVOCATION_REASONS
from licensing import services
from licensing.models import (
    AdverseDecision,
    Appeal,
    Application,
    Certificate,
    FeePayment,
    Licence,
)
from registry import services as registry_services
from registry.models import OrganisationMember, ProviderRole, Sector

User = get_user_model()


class Cases:
    """Providers and their cases, built through the services with the demo staff."""

    def __init__(self, *, rng, names, staff, today):
        self.rng = rng
        self.names = names
        self.officer = staff["officer"]
        self.decider = staff["decider"]
        self.today = today
        self.sectors = list(Sector.objects.filter(is_active=True))

    def provider(self, *, country=None, pa=None, pa_since=None):
        """A provider with its Principal Authority, a director or two, and a portal user.

        The Principal Authority is authorised by the regulator and has held the role as long as
        the directors, unless `pa_since` says when they took it: then they await authorisation.
        """
        rng = self.rng
        details = self.names.provider_details(country)
        provider = registry_services.provider_create(
            legal_name=details["legal_name"], email=details["email"]
        )
        registry_services.provider_update(provider=provider, data=details)
        sectors = rng.sample(self.sectors, rng.randint(1, min(3, len(self.sectors))))
        registry_services.provider_set_activities(
            provider=provider,
            sector_ids=[sector.pk for sector in sectors],
            recruits_from=details["recruits_from"],
            supplies_to=details["supplies_to"],
        )
        country = details["country"]
        if pa is None:
            pa = self.person(country)
        started = self.today - timedelta(days=rng.randint(400, 2500))
        pa_role = registry_services.provider_role_add(
            provider=provider,
            person=pa,
            role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
            started_on=pa_since or started,
            authorised_by_regulator=pa_since is None,
        )
        for _ in range(rng.randint(0, 2)):
            registry_services.provider_role_add(
                provider=provider,
                person=self.person(country),
                role=ProviderRole.Role.DIRECTOR,
                started_on=started,
            )
        first, _, last = pa.full_name.partition(" ")
        user = User(
            username=f"agency{provider.pk}", email=pa.email, first_name=first, last_name=last
        )
        user.set_unusable_password()
        user.save()
        registry_services.organisation_member_add(
            provider=provider, user=user, role=OrganisationMember.Role.PRINCIPAL_AUTHORITY
        )
        if pa_role.authorised_by_regulator:
            # The regulator's link between the account and the role is what lets it act.
            registry_services.provider_role_authorise(role=pa_role, user=user)
        return provider, user, pa

    def person(self, country):
        # registry.services records no nationality: only the bulk's people have one.
        drawn = self.names.person(country)
        return registry_services.person_declare(
            full_name=drawn.full_name,
            date_of_birth=drawn.date_of_birth,
            email=drawn.email,
            nationality=drawn.nationality,
        )

    def turnover(self) -> Decimal:
        return Decimal(
            self.rng.choice(
                [180_000, 450_000, 850_000, 2_300_000, 4_100_000, 7_500_000, 14_000_000]
            )
        )

    def start(self, provider, user, *, kind=Application.Kind.NEW, licence=None, changes=None):
        application = services.application_start(
            provider=provider, kind=kind, actor=user, licence=licence
        )
        if kind in (Application.Kind.NEW, Application.Kind.RENEWAL):
            application.declared_turnover = self.turnover()
        application.declaration_accepted_at = timezone.now()
        application.changes = changes or {}
        application.save(update_fields=["declared_turnover", "declaration_accepted_at", "changes"])
        return application

    def submit(self, application, user):
        return services.application_submit(application=application, actor=user)

    def pay(self, application):
        payment = services.fee_payment_request(
            application=application,
            actor=self.officer,
            method=FeePayment.Method.BANK_TRANSFER,
        )
        services.fee_payment_received(payment=payment, actor=self.officer)
        application.refresh_from_db()
        return application

    def validate(self, application):
        if application.total_fee:
            application = self.pay(application)
        return services.application_validate(application=application, actor=self.officer)

    def assess(self, application):
        return services.application_start_assessment(application=application, actor=self.officer)

    def inspect(self, application, *, complete):
        application = services.application_require_inspection(
            application=application, actor=self.officer, reason="Risk score above threshold"
        )
        if complete:
            application = services.application_complete_inspection(
                application=application,
                actor=self.officer,
                reason="Inspection report approved: no standards failed",
            )
        return application

    def waive(self, application):
        """The decision maker records why this new applicant needs no inspection."""
        return services.inspection_waive(
            application=application,
            actor=self.decider,
            reason="Low risk: an established operator with clean labour-user references.",
        )

    def to_assessment(self, provider, user, **kwargs):
        application = self.submit(self.start(provider, user, **kwargs), user)
        return self.assess(self.validate(application))

    def condition_specs(self, count):
        specs = []
        for code, title, text in self.rng.sample(CONDITIONS, count):
            specs.append(
                services.ConditionSpec(
                    text=text,
                    due_date=self.today + timedelta(days=self.rng.randint(20, 90)),
                    standard_code=code,
                    standard_title=title,
                )
            )
        return specs

    def licensed(self, *, expires_in=None, conditions=0, inspected=False, country=None, pa=None):
        """A provider whose new application was granted, with a believable licence history."""
        provider, user, pa = self.provider(country=country, pa=pa)
        application = self.to_assessment(provider, user)
        if inspected:
            application = self.inspect(application, complete=True)
        else:
            application = self.waive(application)
        application = services.application_grant(
            application=application,
            actor=self.decider,
            reason="The provider meets the licensing standards.",
            conditions=self.condition_specs(conditions) if conditions else (),
        )
        licence = application.licence
        if expires_in is None:
            expires_in = self.rng.randint(45, 360)
        expires_on = self.today + timedelta(days=expires_in)
        renewals = self.rng.randint(0, 5)
        Licence.objects.filter(pk=licence.pk).update(
            granted_on=expires_on - timedelta(days=365 * (renewals + 1)),
            expires_on=expires_on,
            last_renewed_on=expires_on - timedelta(days=365) if renewals else None,
        )
        Certificate.objects.filter(licence=licence).update(valid_until=expires_on)
        licence.refresh_from_db()
        return provider, user, pa, licence

    def revoke(self, licence, *, immediate):
        return services.licence_revoke(
            licence=licence,
            actor=self.decider,
            reasons=self.rng.choice(REVOCATION_REASONS),
            immediate=immediate,
        )

    def tribunal_appeal(self, decision):
        return services.appeal_lodge(
            decision=decision,
            actor=self.decider,
            kind=Appeal.Kind.TRIBUNAL,
            lodged_on=self.today,
            grounds="The findings are disputed; evidence of repayments is attached.",
        )

    def close_window(self, decision):
        """Backdate a decision so that tonight's daily run finds its appeal window closed."""
        AdverseDecision.objects.filter(pk=decision.pk).update(
            decided_on=self.today - timedelta(days=35),
            appeal_deadline=self.today - timedelta(days=1),
            pre_appeal_deadline=(
                self.today - timedelta(days=25) if decision.pre_appeal_deadline else None
            ),
        )

    def refuse(self, application):
        return services.application_refuse(
            application=application,
            actor=self.decider,
            reasons=self.rng.choice(REFUSAL_REASONS),
        )
