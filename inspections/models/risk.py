"""Stored risk scores: the ranked queue of licences to inspect."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from licensing.models import Licence


class LicenceRisk(models.Model):
    """A licence's risk score as last computed, so that the ranking page reads one indexed
    table instead of aggregating every finding on each request.

    Refreshed in full by `manage.py refresh_risk_scores` (run hourly from cron), and for a
    provider's licences as soon as one of its inspection reports is approved, a fee violation
    or repayment is recorded, or a concern about it is linked or closed. Changes made in the
    licensing app (conditions met or breached, new licences) show at the next full refresh.
    """

    licence = models.OneToOneField(
        Licence,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="risk",
        verbose_name=_("licence"),
    )
    score = models.FloatField(_("risk score"), db_index=True)
    parts = models.JSONField(_("parts of the score"), default=dict)
    computed_at = models.DateTimeField(_("computed"), db_index=True)

    class Meta:
        ordering = ["-score", "licence_id"]
        # The ranking page reads a page at a time in this order from a cursor (keyset).
        indexes = [models.Index(fields=["-score", "licence"], name="licence_risk_ranking")]
        verbose_name = _("licence risk score")
        verbose_name_plural = _("licence risk scores")

    def __str__(self):
        return f"{self.licence_id}: {self.score:.1f}"
