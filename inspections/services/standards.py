"""Editions of the licensing standards: copy one to correct it, then publish it."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspections.models import Standard, StandardsEdition
from licensing.models import AuditAction
from licensing.workflow import ServiceError, audit, require_perm


def current_edition() -> StandardsEdition:
    edition = StandardsEdition.objects.current()
    if edition is None:
        raise ServiceError(_("No edition of the licensing standards is published."))
    return edition


def standards_edition_copy(*, edition, name: str, actor) -> StandardsEdition:
    """Start a new (unpublished) edition as a copy of an existing one, to correct and publish;
    inspections already made keep the edition they used."""
    require_perm(actor, "inspections.add_standardsedition")
    name = name.strip()
    if not name:
        raise ServiceError(_("Name the new edition."))
    if StandardsEdition.objects.filter(name=name).exists():
        raise ServiceError(_("An edition with that name already exists."))
    with transaction.atomic():
        copy = StandardsEdition.objects.create(name=name, notes=_("Copied from %s.") % edition)
        for section in edition.sections.prefetch_related("standards"):
            new_section = copy.sections.create(number=section.number, title=section.title)
            for standard in section.standards.all():
                Standard.objects.create(
                    edition=copy,
                    section=new_section,
                    code=standard.code,
                    title=standard.title,
                    guidance=standard.guidance,
                    critical=standard.critical,
                    points=standard.points,
                    position=standard.position,
                )
        audit(actor=actor, action=AuditAction.STANDARDS_EDITION_CREATED, obj=copy)
    return copy


def standards_edition_publish(*, edition, actor, published_on: date | None = None):
    require_perm(actor, "inspections.change_standardsedition")
    if edition.published_on is not None:
        raise ServiceError(_("This edition is already published."))
    if not edition.standards.exists():
        raise ServiceError(_("An edition needs at least one standard."))
    with transaction.atomic():
        edition.published_on = published_on or timezone.localdate()
        edition.save(update_fields=["published_on"])
        audit(actor=actor, action=AuditAction.STANDARDS_EDITION_PUBLISHED, obj=edition)
    return edition
