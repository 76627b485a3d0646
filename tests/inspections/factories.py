"""Factories and helpers for inspections tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from inspections import services
from inspections.models import Finding, Inspection, Standard, StandardSection, StandardsEdition


class StandardsEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StandardsEdition

    name = factory.Sequence(lambda n: f"Test standards {n}")
    published_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1))


def make_edition(points_by_code: dict[str, tuple[int, bool]], **kwargs) -> StandardsEdition:
    """An edition whose standards have the given (points, critical)."""
    edition = StandardsEditionFactory(**kwargs)
    section = StandardSection.objects.create(edition=edition, number=1, title="Section one")
    for position, (code, (points, critical)) in enumerate(points_by_code.items()):
        Standard.objects.create(
            edition=edition,
            section=section,
            code=code,
            title=f"Standard {code}",
            points=points,
            critical=critical,
            position=position,
        )
    return edition


def started_inspection(*, scheduler, inspector, licence, kind=Inspection.Kind.COMPLIANCE_RISK):
    inspection = services.inspection_schedule(
        actor=scheduler,
        kind=kind,
        licence=licence,
        inspector=inspector,
        scheduled_for=timezone.localdate(),
    )
    return services.inspection_start(inspection=inspection, actor=inspector)


def record_all(inspection, inspector, failed_codes=(), visited_on=None):
    """Record the visit and a finding on every standard: the codes given fail."""
    services.inspection_record_visit(
        inspection=inspection,
        actor=inspector,
        visited_on=visited_on or timezone.localdate(),
        workers_employed=40,
        workers_interviewed=5,
    )
    for standard in inspection.edition.standards.all():
        failed = standard.code in failed_codes
        services.finding_record(
            inspection=inspection,
            actor=inspector,
            standard=standard,
            result=Finding.Result.NOT_COMPLIANT if failed else Finding.Result.COMPLIANT,
            evidence="Seen on site." if failed else "",
        )
    inspection.refresh_from_db()
    return inspection
