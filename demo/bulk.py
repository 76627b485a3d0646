"""The bulk of the register: providers, people, licences and applications beyond the showcase,
each with a short backdated history, written with ``bulk_create`` in batches so that 100,000
providers load in minutes.

This is the one place where the demo writes other apps' rows itself instead of calling their
services: a service call per row would take hours for a national register. Nothing here
refreshes register entries; the command refreshes them all once the bulk is in.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from demo.names import weighted
from demo.reasons import CONDITIONS, REFUSAL_REASONS, REVOCATION_REASONS
from licensing.models import (
    CROCKFORD,
    AdverseDecision,
    Application,
    AuditAction,
    AuditEntry,
    Certificate,
    FeeBand,
    FeePayment,
    Licence,
    LicenceCondition,
    LicensingPolicy,
    random_code,
)
from licensing.urn import urn_prefix
from licensing.workflow import actor_display_name
from registry.models import LabourProvider, Person, ProviderRole, Sector

BATCH = 1000


def at_day(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class Bulk:
    """The bulk of the register, written with bulk_create and a short backdated history."""

    # (licence state, weight); None is a provider with no licence (only applications).
    LICENCE_MIX = [
        (Licence.State.ACTIVE, 70),
        (Licence.State.ACTIVE_WITH_CONDITIONS, 8),
        (Licence.State.SUSPENDED, 1),
        (Licence.State.REVOKED, 4),
        (Licence.State.SURRENDERED, 3),
        (Licence.State.EXPIRED, 6),
        (None, 8),
    ]
    UNLICENSED_MIX = [
        (Application.State.DRAFT, 2),
        (Application.State.SUBMITTED, 3),
        (Application.State.VALIDATED, 2),
        (Application.State.UNDER_ASSESSMENT, 4),
        (Application.State.INSPECTION, 2),
        (Application.State.RETURNED, 1),
        (Application.State.REFUSED, 2),
        (Application.State.WITHDRAWN, 1),
    ]
    DECISION_ACTIONS = {
        Application.State.GRANTED: AuditAction.GRANT,
        Application.State.GRANTED_WITH_CONDITIONS: AuditAction.GRANT_WITH_CONDITIONS,
        Application.State.REFUSED: AuditAction.REFUSE,
    }
    INSPECTABLE_STATES = [
        Application.State.UNDER_ASSESSMENT,
        *Application.DECIDED_STATES,
    ]
    ENDED_ACTIONS = {
        Licence.State.SUSPENDED: AuditAction.SUSPEND,
        Licence.State.REVOKED: AuditAction.REVOKE_WITH_IMMEDIATE_EFFECT,
        Licence.State.SURRENDERED: AuditAction.SURRENDER,
        Licence.State.EXPIRED: AuditAction.EXPIRE,
    }

    def __init__(self, *, rng, names, staff, today):
        self.rng = rng
        self.names = names
        self.officer = staff["officer"]
        self.officer_name = actor_display_name(self.officer)
        self.system_name = actor_display_name(None)
        self.today = today
        self.now = timezone.now()
        self.policy = LicensingPolicy.load()
        self.sector_ids = list(Sector.objects.filter(is_active=True).values_list("pk", flat=True))
        self.bands = list(FeeBand.objects.order_by("min_turnover"))
        self.urn_next = {}
        for urn in Licence.objects.values_list("urn", flat=True):
            prefix, number = urn[:4], int(urn[4:]) if urn[4:].isdigit() else 0
            self.urn_next[prefix] = max(self.urn_next.get(prefix, 1), number + 1)
        self.references = set(Application.objects.values_list("reference", flat=True))
        self.people_pool = []

    def run(self, count: int, stdout):
        started = timezone.now()
        done = 0
        while done < count:
            size = min(BATCH, count - done)
            with transaction.atomic():
                self.batch(size)
            done += size
            if done % (BATCH * 10) == 0 or done == count:
                seconds = (timezone.now() - started).total_seconds()
                stdout.write(f"  providers: {done}/{count} ({seconds:.0f} s)")

    def reference(self) -> str:
        while True:
            reference = "A" + "".join(self.rng.choice(CROCKFORD) for _ in range(7))
            if reference not in self.references:
                self.references.add(reference)
                return reference

    def urn(self, name: str) -> str | None:
        prefix = urn_prefix(name)
        number = self.urn_next.get(prefix, 1)
        if number > 9999:
            return None
        self.urn_next[prefix] = number + 1
        return f"{prefix}{number:04d}"

    def fees(self, turnover: Decimal, kind: str):
        band = next(
            b
            for b in reversed(self.bands)
            if b.min_turnover <= turnover and (b.max_turnover is None or turnover < b.max_turnover)
        )
        inspection = band.inspection_fee if kind == Application.Kind.NEW else Decimal("0")
        return band, band.application_fee, inspection

    def audit(self, rows, *, day, action, obj, licence, actor_name=None, **fields):
        """A backdated audit entry, by the demo officer unless `actor_name` says who."""
        application = obj if isinstance(obj, Application) else None
        rows.append(
            AuditEntry(
                at=at_day(day, self.rng.randint(8, 17)),
                actor=None if actor_name else self.officer,
                actor_name=actor_name or self.officer_name,
                action=action,
                object_type=obj._meta.model_name,
                object_id=obj.pk,
                provider=obj.provider,
                application=application,
                licence=licence,
                **fields,
            )
        )

    def batch(self, size: int):
        rng, today = self.rng, self.today
        providers = [self.names.provider() for _ in range(size)]
        LabourProvider.objects.bulk_create(providers)

        through = LabourProvider.sectors.through
        through.objects.bulk_create(
            [
                through(labourprovider_id=p.pk, sector_id=sector_id)
                for p in providers
                for sector_id in rng.sample(self.sector_ids, rng.randint(1, len(self.sector_ids)))
            ]
        )

        plans = []
        for provider in providers:
            state = weighted(rng, self.LICENCE_MIX)
            plans.append({"provider": provider, "licence_state": state})

        # Named individuals: a new Principal Authority each, some directors, and now and then
        # somebody already named on another provider (people move between agencies).
        people, roles, ended_roles = [], [], []
        for plan in plans:
            provider = plan["provider"]
            country = provider.country.code
            started = today - timedelta(days=rng.randint(200, 3000))
            plan["started"] = started
            pa = self.names.person(country)
            people.append(pa)
            plan["pa"] = pa
            plan["directors"] = []
            for _ in range(rng.choice([0, 0, 1, 1, 2])):
                director = self.names.person(country)
                people.append(director)
                plan["directors"].append(director)
        Person.objects.bulk_create(people)
        for plan in plans:
            provider, started = plan["provider"], plan["started"]
            roles.append(
                ProviderRole(
                    person=plan["pa"],
                    provider=provider,
                    role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
                    started_on=started,
                    authorised_by_regulator=True,
                )
            )
            for director in plan["directors"]:
                roles.append(
                    ProviderRole(
                        person=director,
                        provider=provider,
                        role=ProviderRole.Role.DIRECTOR,
                        started_on=started,
                    )
                )
            if self.people_pool and rng.random() < 0.04:
                person, old_role = self.people_pool.pop(rng.randrange(len(self.people_pool)))
                if old_role.ended_on is None:
                    old_role.ended_on = started - timedelta(days=rng.randint(1, 90))
                    ended_roles.append(old_role)
                roles.append(
                    ProviderRole(
                        person=person,
                        provider=provider,
                        role=ProviderRole.Role.DIRECTOR,
                        started_on=started,
                    )
                )
        ProviderRole.objects.bulk_create(roles)
        if ended_roles:
            ProviderRole.objects.bulk_update(ended_roles, ["ended_on"])
        self.people_pool.extend(
            (role.person, role) for role in rng.sample(roles, min(len(roles), 30))
        )

        licences = []
        for plan in plans:
            state = plan["licence_state"]
            urn = self.urn(plan["provider"].legal_name) if state else None
            if urn is None:
                plan["licence"] = None
                continue
            plan["licence"] = self.licence(plan, state, urn)
            licences.append(plan["licence"])
        Licence.objects.bulk_create(licences)

        applications, payments, conditions, certificates, decisions = [], [], [], [], []
        for plan in plans:
            if plan["licence"] is not None:
                applications.append(self.granting_application(plan))
            else:
                applications.append(self.open_application(plan))
        Application.objects.bulk_create(applications)

        audit = []
        for plan in plans:
            licence, application = plan["licence"], plan["application"]
            if application.submitted_at:
                self.audit(
                    audit,
                    day=timezone.localtime(application.submitted_at).date(),
                    action=AuditAction.SUBMIT,
                    obj=application,
                    licence=licence,
                    from_state=Application.State.DRAFT,
                    to_state=Application.State.SUBMITTED,
                    actor_name=plan["pa"].full_name,
                )
                payments.append(self.payment(application))
            if application.state in Application.DECIDED_STATES:
                self.audit(
                    audit,
                    day=timezone.localtime(application.decided_at).date(),
                    action=self.DECISION_ACTIONS[application.state],
                    obj=application,
                    licence=licence,
                    from_state=Application.State.UNDER_ASSESSMENT,
                    to_state=application.state,
                    reason=application.decision_reasons,
                    is_public=True,
                )
            if application.state == Application.State.REFUSED:
                decisions.append(self.refusal(plan))
            if licence is None:
                continue
            self.audit(
                audit,
                day=licence.granted_on,
                action=AuditAction.LICENCE_GRANTED,
                obj=licence,
                licence=licence,
                to_state=Licence.State.ACTIVE,
                is_public=True,
            )
            if licence.state in self.ENDED_ACTIONS:
                ended = (
                    licence.suspended_on
                    or licence.revoked_on
                    or licence.surrendered_on
                    or licence.expired_on
                )
                self.audit(
                    audit,
                    day=ended,
                    action=self.ENDED_ACTIONS[licence.state],
                    obj=licence,
                    licence=licence,
                    from_state=Licence.State.ACTIVE,
                    to_state=licence.state,
                    reason=licence.ended_reason,
                    is_public=True,
                    actor_name=self.system_name if licence.state == Licence.State.EXPIRED else None,
                )
            if licence.state == Licence.State.REVOKED:
                decisions.append(self.revocation(plan))
            if licence.state == Licence.State.ACTIVE_WITH_CONDITIONS:
                conditions.extend(self.conditions(plan))
            if licence.is_in_force:
                certificates.append(
                    Certificate(
                        licence=licence,
                        code=random_code(12),
                        issued_at=at_day(licence.last_renewed_on or licence.granted_on),
                        valid_until=licence.expires_on,
                    )
                )
        FeePayment.objects.bulk_create(payments)
        LicenceCondition.objects.bulk_create(conditions)
        Certificate.objects.bulk_create(certificates)
        AdverseDecision.objects.bulk_create(decisions)
        AuditEntry.objects.bulk_create(audit)

    def licence(self, plan, state, urn) -> Licence:
        rng, today, validity = self.rng, self.today, self.policy.licence_validity_days
        years = rng.randint(1, 8)
        fields = {}
        if state in Licence.IN_FORCE_STATES:
            expires_on = today + timedelta(days=rng.randint(0, validity - 1))
        else:
            expires_on = today + timedelta(days=rng.randint(-900, validity - 1))
        granted_on = expires_on - timedelta(days=validity * years)
        granted_on = max(granted_on, plan["started"])
        ended = min(today, expires_on) - timedelta(days=rng.randint(0, 200))
        ended = max(ended, granted_on + timedelta(days=1))
        if state == Licence.State.EXPIRED:
            expires_on = min(expires_on, today - timedelta(days=rng.randint(1, 700)))
            fields = {"expired_on": expires_on + timedelta(days=1)}
            fields["ended_reason"] = "Not renewed by its expiry date."
            granted_on = min(granted_on, expires_on - timedelta(days=validity))
        elif state == Licence.State.SUSPENDED:
            fields = {"suspended_on": max(granted_on, today - timedelta(days=rng.randint(1, 60)))}
            fields["ended_reason"] = "Serious concerns under investigation."
        elif state == Licence.State.REVOKED:
            fields = {"revoked_on": ended, "ended_reason": rng.choice(REVOCATION_REASONS)}
        elif state == Licence.State.SURRENDERED:
            fields = {"surrendered_on": ended, "ended_reason": "The business stopped trading."}
        if state in Licence.IN_FORCE_STATES:
            # Reminders due before today count as sent: the daily job ran all along.
            days_left = (expires_on - today).days
            if days_left <= self.policy.first_reminder_days:
                fields["first_reminder_sent_for"] = expires_on
            if days_left <= self.policy.second_reminder_days:
                fields["second_reminder_sent_for"] = expires_on
        return Licence(
            urn=urn,
            provider=plan["provider"],
            state=state,
            granted_on=granted_on,
            expires_on=expires_on,
            last_renewed_on=expires_on - timedelta(days=validity) if years > 1 else None,
            **fields,
        )

    def granting_application(self, plan) -> Application:
        licence = plan["licence"]
        with_conditions = licence.state == Licence.State.ACTIVE_WITH_CONDITIONS
        decided = at_day(licence.granted_on, 11)
        application = self.application(
            plan,
            state=Application.State.GRANTED_WITH_CONDITIONS
            if with_conditions
            else Application.State.GRANTED,
            submitted=decided - timedelta(days=self.rng.randint(20, 90)),
            decided=decided,
            reasons="The provider meets the licensing standards.",
        )
        application.licence = licence
        return application

    def open_application(self, plan) -> Application:
        state = weighted(self.rng, self.UNLICENSED_MIX)
        submitted = None
        if state != Application.State.DRAFT:
            submitted = self.now - timedelta(days=self.rng.randint(1, 120))
        decided = reasons = None
        if state == Application.State.REFUSED:
            decided = submitted
            submitted = decided - timedelta(days=self.rng.randint(40, 90))
            reasons = self.rng.choice(REFUSAL_REASONS)
        return self.application(
            plan, state=state, submitted=submitted, decided=decided, reasons=reasons or ""
        )

    def application(self, plan, *, state, submitted, decided, reasons) -> Application:
        turnover = Decimal(self.rng.choice([150_000, 600_000, 2_500_000, 6_000_000, 12_000_000]))
        band, app_fee, inspection_fee = self.fees(turnover, Application.Kind.NEW)
        fee_received = tasked = None
        if submitted and state not in (Application.State.SUBMITTED, Application.State.WITHDRAWN):
            fee_received = min(self.now, submitted + timedelta(days=self.rng.randint(1, 10)))
        if fee_received and (
            state == Application.State.INSPECTION
            or (state in self.INSPECTABLE_STATES and self.rng.random() < 0.3)
        ):
            tasked = min(decided or self.now, fee_received + timedelta(days=14))
        application = Application(
            reference=self.reference(),
            kind=Application.Kind.NEW,
            provider=plan["provider"],
            state=state,
            declared_turnover=turnover,
            fee_band=band,
            application_fee=app_fee,
            inspection_fee=inspection_fee,
            fee_received_at=fee_received,
            declaration_accepted_at=submitted,
            requires_inspection=tasked is not None,
            inspection_tasked_at=tasked,
            submitted_at=submitted,
            decided_at=decided,
            decision_reasons=reasons,
            created_at=(submitted or self.now) - timedelta(days=self.rng.randint(0, 20)),
        )
        plan["application"] = application
        return application

    def payment(self, application) -> FeePayment:
        if application.fee_received_at is not None:
            state = FeePayment.State.RECEIVED
        elif application.state == Application.State.WITHDRAWN:
            state = FeePayment.State.CANCELLED
        else:
            state = FeePayment.State.PENDING
        return FeePayment(
            application=application,
            method=FeePayment.Method.BANK_TRANSFER,
            reference="LP" + random_code(10),
            amount=application.total_fee,
            currency=application.fee_currency,
            state=state,
            created_at=application.submitted_at,
            received_at=application.fee_received_at,
        )

    def conditions(self, plan):
        rows = []
        for code, title, text in self.rng.sample(CONDITIONS, self.rng.randint(1, 2)):
            rows.append(
                LicenceCondition(
                    licence=plan["licence"],
                    application=plan["application"],
                    standard_code=code,
                    standard_title=title,
                    text=text,
                    due_date=self.today + timedelta(days=self.rng.randint(-30, 120)),
                )
            )
        return rows

    def revocation(self, plan) -> AdverseDecision:
        licence = plan["licence"]
        return AdverseDecision(
            kind=AdverseDecision.Kind.REVOCATION,
            licence=licence,
            provider=plan["provider"],
            immediate_effect=self.rng.random() < 0.5,
            reasons=licence.ended_reason,
            decided_on=licence.revoked_on,
            appeal_deadline=licence.revoked_on + timedelta(days=28),
            state=AdverseDecision.State.FINAL,
            decided_by=self.officer,
        )

    def refusal(self, plan) -> AdverseDecision:
        application = plan["application"]
        decided_on = timezone.localtime(application.decided_at).date()
        deadline = decided_on + timedelta(days=28)
        return AdverseDecision(
            kind=AdverseDecision.Kind.REFUSAL,
            application=application,
            provider=plan["provider"],
            reasons=application.decision_reasons,
            decided_on=decided_on,
            pre_appeal_deadline=decided_on + timedelta(days=self.policy.pre_appeal_days),
            appeal_deadline=deadline,
            state=AdverseDecision.State.FINAL
            if deadline < self.today
            else AdverseDecision.State.APPEALABLE,
            decided_by=self.officer,
        )
