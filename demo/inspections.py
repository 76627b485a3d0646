"""Demo inspections, fee violations and concerns, built through the services on top of the
showcase's providers, licences and applications (`manage.py seed_demo`)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from inspections import services
from inspections.models import Finding, Inspection
from licensing.models import Application, Licence

EVIDENCE = {
    "2.3": "Payslips for March did not show deductions for transport.",
    "7.2": "Three of the twelve workers interviewed had no written contract.",
    "6.1": "Minibus carrying 11 workers had 9 seat belts.",
    "7.1": "Workers paid a 'registration fee' of 300 EUR to a recruiter in Romania.",
    "3.4": "Passports of four workers held in the site office.",
}


def _user(username):
    return get_user_model().objects.filter(username=username).first()


def _record(inspection, inspector, *, failed=(), visited_days_ago=3, workers=(60, 7)):
    services.inspection_record_visit(
        inspection=inspection,
        actor=inspector,
        visited_on=timezone.localdate() - timedelta(days=visited_days_ago),
        workers_employed=workers[0],
        workers_interviewed=workers[1],
        sites="Packhouse and two farms near Wisbech",
        interpreter_used=True,
        labour_users_visited="Fenland Fresh Produce; Ouse Valley Growers",
        summary="Visit with an interpreter (Romanian, Polish). Records checked on site.",
    )
    for standard in inspection.edition.standards.all():
        bad = standard.code in failed
        services.finding_record(
            inspection=inspection,
            actor=inspector,
            standard=standard,
            result=Finding.Result.NOT_COMPLIANT if bad else Finding.Result.COMPLIANT,
            evidence=EVIDENCE.get(standard.code, "Seen on site.") if bad else "",
        )


def seed(*, rng, stdout):
    inspector, decider = _user("inspector"), _user("decider")
    if inspector is None or decider is None:
        stdout.write("  no demo staff: inspections skipped")
        return
    today = timezone.localdate()
    licences = list(Licence.objects.in_force().select_related("provider").order_by("pk")[:12])
    counts = {}

    def schedule(kind, **links):
        inspection = services.inspection_schedule(
            actor=decider,
            kind=kind,
            inspector=inspector,
            scheduled_for=today + timedelta(days=rng.randint(-10, 14)),
            **links,
        )
        counts[kind] = counts.get(kind, 0) + 1
        return inspection

    def started(kind, **links):
        inspection = schedule(kind, **links)
        return services.inspection_start(inspection=inspection, actor=inspector)

    def submitted(kind, failed=(), **links):
        inspection = started(kind, **links)
        _record(inspection, inspector, failed=failed, visited_days_ago=rng.randint(2, 20))
        return services.inspection_submit(inspection=inspection, actor=inspector)

    def approved(kind, failed=(), **links):
        inspection = submitted(kind, failed, **links)
        return services.inspection_approve(
            inspection=inspection, actor=decider, comments="Clear and well evidenced."
        )

    # Application inspections: one waiting, one approved with conditions for the officer.
    waiting = list(
        Application.objects.filter(state=Application.State.INSPECTION).order_by("pk")[:2]
    )
    if waiting:
        approved(Inspection.Kind.APPLICATION, failed=("2.3", "7.2"), application=waiting[0])
    if len(waiting) > 1:
        schedule(Inspection.Kind.APPLICATION, application=waiting[1])

    pool = iter(licences)

    def next_licence():
        return next(pool, None)

    plan = [
        ("scheduled", Inspection.Kind.COMPLIANCE_RANDOM, ()),
        ("in_progress", Inspection.Kind.COMPLIANCE_RISK, ()),
        ("submitted", Inspection.Kind.COMPLIANCE_RISK, ("6.1",)),
        ("returned", Inspection.Kind.REINSPECTION, ("2.3",)),
        ("approved_pass", Inspection.Kind.COMPLIANCE_RANDOM, ()),
        ("approved_fail", Inspection.Kind.COMPLIANCE_RISK, ("7.1", "3.4")),
        ("approved_conditions", Inspection.Kind.COMPLIANCE_RANDOM, ("7.2",)),
        ("cancelled", Inspection.Kind.COMPLIANCE_RANDOM, ()),
    ]
    made = {}
    for label, kind, failed in plan:
        licence = next_licence()
        if licence is None:
            break
        if label == "scheduled":
            made[label] = schedule(kind, licence=licence)
        elif label == "in_progress":
            made[label] = started(kind, licence=licence)
        elif label == "submitted":
            made[label] = submitted(kind, failed, licence=licence)
        elif label == "returned":
            inspection = submitted(kind, failed, licence=licence)
            made[label] = services.inspection_return(
                inspection=inspection,
                actor=decider,
                comments="Attach the payslips you photographed and say which workers.",
            )
        elif label == "cancelled":
            inspection = schedule(kind, licence=licence)
            made[label] = services.inspection_cancel(
                inspection=inspection,
                actor=decider,
                reason="The provider stopped trading in the sector.",
            )
        else:
            made[label] = approved(kind, failed, licence=licence)

    violations = 0
    failing = made.get("approved_fail")
    if failing is not None:
        euro = services.fee_violation_record(
            actor=inspector,
            inspection=failing,
            subcategory="matching_placement",
            amount="3600.00",
            currency="EUR",
            workers_affected=12,
            collected_by="sub_agent",
            country="RO",
            charged_on=today - timedelta(days=120),
            evidence="Receipts shown by workers; WhatsApp messages from the recruiter.",
        )
        services.fee_violation_order_repayment(
            violation=euro, actor=decider, amount="3600.00", deadline=today + timedelta(days=30)
        )
        services.repayment_record(
            violation=euro,
            actor=inspector,
            amount="1500.00",
            paid_on=today - timedelta(days=2),
            workers_paid=5,
            confirmed_by_workers=True,
        )
        zloty = services.fee_violation_record(
            actor=inspector,
            inspection=failing,
            subcategory="travel_lodging",
            amount="4200.00",
            currency="PLN",
            workers_affected=6,
            collected_by="provider",
            country="PL",
            charged_on=today - timedelta(days=90),
            evidence="Coach fare deducted from first wages.",
        )
        services.fee_violation_order_repayment(
            violation=zloty, actor=decider, amount="4200.00", deadline=today + timedelta(days=14)
        )
        services.repayment_record(
            violation=zloty,
            actor=inspector,
            amount="4200.00",
            paid_on=today - timedelta(days=1),
            workers_paid=6,
            confirmed_by_workers=True,
        )
        services.fee_violation_record(
            actor=inspector,
            inspection=failing,
            subcategory="deposits",
            amount="150.00",
            currency="GBP",
            workers_affected=3,
            collected_by="labour_user",
            country="GB",
            charged_on=today - timedelta(days=20),
        )
        violations = 3

    concern_licence = next_licence()
    services.concern_report(
        provider_name="Green Valley Recruitment",
        description="The agency takes 50 pounds a week for a caravan with no heating.",
        language="en",
    )
    services.concern_report(
        provider=concern_licence.provider if concern_licence else None,
        provider_name="" if concern_licence else "Baltic Field Crews",
        description="Pracodawca zabrał nasze paszporty i nie chce ich oddać.",
        language="pl",
        contact_name="Anna Nowak",
        contact_phone="+48 600 100 200",
    )
    closed = services.concern_report(
        provider_name="A shop in town",
        description="A supermarket pays its staff late.",
        language="en",
    )
    services.concern_close(
        concern=closed,
        actor=decider,
        reason="Not a labour provider in the regulated sectors; referred to the right body.",
        outcome="not_upheld",
    )
    complaint_licence = next_licence()
    if complaint_licence is not None:
        concern = services.concern_report(
            provider=complaint_licence.provider,
            description="Muncitorii plătesc 200 de euro pentru transport la fermă.",
            language="ro",
            contact_email="reporter@example.org",
        )
        services.concern_start_review(concern=concern, actor=decider)
        services.concern_open_inspection(
            concern=concern,
            actor=decider,
            inspector=inspector,
            scheduled_for=today + timedelta(days=5),
        )
    scored = services.risk_scores_refresh()
    stdout.write(
        f"  inspections: {Inspection.objects.count()} "
        f"({', '.join(sorted(made))}); fee violations: {violations}; concerns: 4; "
        f"risk scores: {scored}"
    )
