"""The licensing standards, by edition: sections, standards, points and critical flags."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.limits import LONG_TEXT


class StandardsEditionQuerySet(models.QuerySet):
    def current(self):
        """The edition new inspections use: the most recently published one."""
        return (
            self.filter(published_on__isnull=False, published_on__lte=timezone.localdate())
            .order_by("-published_on", "-pk")
            .first()
        )


class StandardsEdition(models.Model):
    """A published set of licensing standards. Inspections keep the edition they used."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    published_on = models.DateField(
        _("published on"),
        null=True,
        blank=True,
        help_text=_("Empty while the edition is being drafted. New inspections use the latest."),
    )
    notes = models.TextField(_("notes"), blank=True, max_length=LONG_TEXT)

    objects = StandardsEditionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "name"]
        verbose_name = _("edition of the licensing standards")
        verbose_name_plural = _("editions of the licensing standards")

    def __str__(self):
        return self.name

    @property
    def is_published(self) -> bool:
        return self.published_on is not None


class StandardSection(models.Model):
    edition = models.ForeignKey(
        StandardsEdition,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("edition"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        ordering = ["edition", "number"]
        verbose_name = _("section of the standards")
        verbose_name_plural = _("sections of the standards")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="unique_section_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Standard(models.Model):
    """One licensing standard. Failing it scores its points; a critical one fails outright."""

    edition = models.ForeignKey(
        StandardsEdition,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("edition"),
    )
    section = models.ForeignKey(
        StandardSection,
        on_delete=models.PROTECT,
        related_name="standards",
        verbose_name=_("section"),
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("For example 7.1."))
    title = models.CharField(_("title"), max_length=300)
    guidance = models.TextField(_("guidance for inspectors"), blank=True, max_length=LONG_TEXT)
    critical = models.BooleanField(_("critical"), default=False)
    points = models.PositiveSmallIntegerField(_("points when failed"), default=8)
    position = models.PositiveSmallIntegerField(_("position in the section"), default=0)

    class Meta:
        ordering = ["edition", "section__number", "position", "code"]
        verbose_name = _("licensing standard")
        verbose_name_plural = _("licensing standards")
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="unique_standard_code")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def clean(self):
        if self.section_id and self.edition_id and self.section.edition_id != self.edition_id:
            raise ValidationError({"section": _("Choose a section of the same edition.")})
