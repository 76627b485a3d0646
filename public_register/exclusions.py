"""Exclusion data for procurement: the refused and revoked list with what e-procurement
systems need to exclude a supplier — coded grounds (the failed standards), the decision and
effective dates, until when a new application will be refused, and the links staff
confirmed to successor or associated providers and to the named individuals involved.

The page, the CSV, the JSON and the API lookup all render ``Exclusion``. Public facts
only: standard codes and titles, never inspectors' evidence; for people, only the name
and the role.
"""

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from inspections.models import Finding
from licensing.models import AdverseDecision, AuditAction
from licensing.workflow import ServiceError, audit, require_perm
from public_register.models import ExclusionLink, ExclusionPolicy
from public_register.outcomes import AdverseOutcome, OutcomeKey, refused_and_revoked
from public_register.words import REFUSED
from registry.models import LabourProvider, Person, normalise_name

EXCLUSION_LINK_PERM = "licensing.decide_application"


@dataclass(frozen=True)
class Ground:
    standard_code: str
    standard_title: str
    section: int
    section_title: str
    critical: bool


@dataclass(frozen=True)
class Link:
    kind: str
    kind_words: str
    # A linked provider's public identifiers; empty for a named individual.
    provider_name: str
    company_number: str
    # A named individual: the name and the role only.
    person_name: str
    role: str
    note: str
    confirmed_on: date


@dataclass(frozen=True)
class Exclusion:
    id: str
    outcome: str
    outcome_words: str
    holder_name: str
    trading_names: list[str]
    company_number: str
    urn: str | None
    decided_on: date
    effective_on: date
    reapplication_refused_until: date | None
    under_appeal: bool
    open_to_appeal: bool
    grounds: list[Ground] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    key: OutcomeKey | None = None


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _decisions_for(outcomes: list[AdverseOutcome]) -> dict[tuple[str, int], AdverseDecision]:
    """The decision behind each row: the refusal itself, or the revocation of the licence."""
    refusal_ids = [o.key[2] for o in outcomes if o.outcome == REFUSED]
    licence_ids = [o.key[2] for o in outcomes if o.outcome != REFUSED]
    found = {}
    for decision in AdverseDecision.objects.filter(pk__in=refusal_ids):
        found[(REFUSED, decision.pk)] = decision
    revocations = (
        AdverseDecision.objects.filter(
            licence_id__in=licence_ids, kind=AdverseDecision.Kind.REVOCATION
        )
        .exclude(state=AdverseDecision.State.REVERSED)
        .order_by("decided_on", "pk")
    )
    for decision in revocations:
        # The latest wins: a licence is revoked once, but a reversed attempt may precede it.
        found[("revoked", decision.licence_id)] = decision
    return found


def _grounds(decisions: list[AdverseDecision]) -> dict[int, list[Ground]]:
    """The standards failed in the approved inspections behind each decision."""
    by_application = {d.application_id: d.pk for d in decisions if d.application_id}
    by_licence = {
        d.licence_id: d.pk
        for d in decisions
        if d.licence_id and d.kind == AdverseDecision.Kind.REVOCATION
    }
    if not by_application and not by_licence:
        return {}
    findings = (
        Finding.objects.filter(
            Q(inspection__application_id__in=list(by_application))
            | Q(inspection__licence_id__in=list(by_licence)),
            result=Finding.Result.NOT_COMPLIANT,
            inspection__approved_at__isnull=False,
        )
        .select_related("standard__section", "inspection")
        .order_by("standard__section__number", "standard__position", "standard__code")
    )
    grounds: dict[int, list[Ground]] = defaultdict(list)
    seen = set()
    for finding in findings:
        inspection = finding.inspection
        decision_id = by_application.get(inspection.application_id) or by_licence.get(
            inspection.licence_id
        )
        if decision_id is None or (decision_id, finding.standard.code) in seen:
            continue
        seen.add((decision_id, finding.standard.code))
        standard = finding.standard
        grounds[decision_id].append(
            Ground(
                standard_code=standard.code,
                standard_title=standard.title,
                section=standard.section.number,
                section_title=standard.section.title,
                critical=standard.critical,
            )
        )
    return grounds


def _links(decisions: list[AdverseDecision]) -> dict[int, list[Link]]:
    links: dict[int, list[Link]] = defaultdict(list)
    rows = (
        ExclusionLink.objects.filter(
            decision__in=[d.pk for d in decisions], withdrawn_at__isnull=True
        )
        .select_related("linked_provider", "person")
        .order_by("confirmed_at", "pk")
    )
    for link in rows:
        provider = link.linked_provider
        links[link.decision_id].append(
            Link(
                kind=link.kind,
                kind_words=str(ExclusionLink.Kind(link.kind).label),
                provider_name=provider.legal_name if provider else "",
                company_number=provider.company_number if provider else "",
                person_name=link.person.full_name if link.person else "",
                role=link.role,
                note=link.public_note,
                confirmed_on=link.confirmed_at.date(),
            )
        )
    return links


def exclusions(
    *, after: OutcomeKey | None = None, limit: int, provider_ids: set[int] | None = None
) -> tuple[list[Exclusion], OutcomeKey | None]:
    """A page of the exclusion list, newest first, in the order of the refused and revoked
    list (a key, not an offset), and the key of the next page (None on the last)."""
    outcomes, next_key = refused_and_revoked(after=after, limit=limit, provider_ids=provider_ids)
    decisions = _decisions_for(outcomes)
    grounds = _grounds(list(decisions.values()))
    links = _links(list(decisions.values()))
    policy = ExclusionPolicy.load()
    rows = []
    for outcome in outcomes:
        refused = outcome.outcome == REFUSED
        decision = decisions.get((REFUSED if refused else "revoked", outcome.key[2]))
        months = policy.refusal_bar_months if refused else policy.revocation_bar_months
        # A refusal bars from its date; a revocation from the day it took effect.
        effective_on = outcome.decided_on
        rows.append(
            Exclusion(
                id=f"{'refusal' if refused else 'revocation'}-{outcome.key[2]}",
                outcome=outcome.outcome,
                outcome_words=outcome.outcome_words,
                holder_name=outcome.holder_name,
                trading_names=outcome.trading_names,
                company_number=outcome.company_number,
                urn=outcome.urn,
                decided_on=decision.decided_on if decision else outcome.decided_on,
                effective_on=effective_on,
                reapplication_refused_until=add_months(effective_on, months) if months else None,
                under_appeal=outcome.under_appeal,
                open_to_appeal=outcome.open_to_appeal,
                grounds=grounds.get(decision.pk, []) if decision else [],
                links=links.get(decision.pk, []) if decision else [],
                key=outcome.key,
            )
        )
    return rows, next_key


def all_exclusions(*, batch: int = 500, provider_ids: set[int] | None = None):
    """Every exclusion, for the CSV and JSON files: one page at a time."""
    after = None
    while True:
        rows, after = exclusions(after=after, limit=batch, provider_ids=provider_ids)
        yield from rows
        if after is None:
            return


LOOKUP_LIMIT = 100


def encode_key(key: OutcomeKey) -> str:
    """A page's position for a link: public values (a date, a kind, an id), so unsigned."""
    decided_on, kind, pk = key
    return f"{decided_on.isoformat()}.{kind}.{pk}"


def decode_key(text: str) -> OutcomeKey | None:
    try:
        decided_on, kind, pk = (text or "").split(".")
        return date.fromisoformat(decided_on), int(kind), int(pk)
    except ValueError:
        return None


def exclusion_lookup(*, company_number: str = "", name: str = "") -> list[Exclusion]:
    """The exclusions of the providers with this company number or (normalised) name, and
    of the refused or revoked providers that staff linked to them as successors or
    associates: a buyer checking a new company learns of its predecessor."""
    query = Q(pk__in=[])
    if company_number.strip():
        query |= Q(company_number__iexact=company_number.strip())
    if name.strip():
        query |= Q(search_name=normalise_name(name))
    provider_ids = set(
        LabourProvider.objects.filter(query).values_list("pk", flat=True)[:LOOKUP_LIMIT]
    )
    if not provider_ids:
        return []
    provider_ids |= set(
        ExclusionLink.objects.filter(
            linked_provider_id__in=provider_ids, withdrawn_at__isnull=True
        ).values_list("decision__provider_id", flat=True)
    )
    rows, _next = exclusions(limit=LOOKUP_LIMIT, provider_ids=provider_ids)
    return rows


@transaction.atomic
def exclusion_link_confirm(
    *,
    actor,
    decision: AdverseDecision,
    kind: str,
    linked_provider: LabourProvider | None = None,
    person: Person | None = None,
    role: str = "",
    public_note: str = "",
) -> ExclusionLink:
    """Staff confirm that a refused or revoked provider is linked to another provider or
    to a named individual; the link is published with the exclusion from now on."""
    require_perm(actor, EXCLUSION_LINK_PERM)
    if kind == ExclusionLink.Kind.INDIVIDUAL:
        if person is None or linked_provider is not None:
            raise ServiceError(_("Choose the named individual involved."))
    elif linked_provider is None or person is not None:
        raise ServiceError(_("Choose the linked provider."))
    if linked_provider is not None and linked_provider.pk == decision.provider_id:
        raise ServiceError(_("A provider cannot be linked to itself."))
    link = ExclusionLink.objects.create(
        decision=decision,
        kind=kind,
        linked_provider=linked_provider,
        person=person,
        role=role,
        public_note=public_note,
        confirmed_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.EXCLUSION_LINK_CONFIRMED,
        obj=decision.provider,
        reason=public_note,
        data={
            "decision": decision.pk,
            "kind": kind,
            "linked_provider": linked_provider.pk if linked_provider else None,
            "person": person.pk if person else None,
            "role": role,
        },
    )
    return link
