"""Fast-track renewal: a reward for a clean last licence year.

A holder with no failed standards, no open additional licence conditions and no upheld
complaints in the last licence year may renew without assessment. Licensing knows about
licences and conditions; what inspectors found and what the public reported is known to the
inspections app, which registers its own check here when it loads (``inspections.apps``).
Each check returns the reasons, in words for the officer and the holder, that stand in the
way; a renewal qualifies when no check returns any.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from licensing.models.policy import LicensingPolicy

# check(licence, since) -> reasons; `since` is the first day of the last licence year.
Check = Callable[[object, date], list[str]]
_checks: list[Check] = []


def register(check: Check) -> Check:
    """Add a check that every fast-track renewal must pass (usable as a decorator)."""
    if check not in _checks:
        _checks.append(check)
    return check


@dataclass
class FastTrackEligibility:
    qualifies: bool
    reasons: list[str] = field(default_factory=list)


def eligibility(licence) -> FastTrackEligibility:
    """Whether a renewal of `licence` qualifies for the fast track, and if not, why not."""
    since = timezone.localdate() - timedelta(days=LicensingPolicy.load().licence_validity_days)
    reasons = [reason for check in _checks for reason in check(licence, since)]
    return FastTrackEligibility(qualifies=not reasons, reasons=reasons)


@register
def licence_in_good_standing(licence, since: date) -> list[str]:
    """The licence is active, its conditions are met, and none was breached in the year."""
    reasons = []
    if licence.state not in licence.HOLDING_STATES:
        reasons.append(_("The licence is not active."))
    # The conditions' model is defined on top of the licence's: reach it through the relation.
    condition = licence.conditions.model
    open_conditions = licence.conditions.filter(state=condition.State.OPEN).count()
    if open_conditions:
        reasons.append(
            _("%(count)d additional licence condition(s) are still open.")
            % {"count": open_conditions}
        )
    if licence.conditions.filter(state=condition.State.BREACHED, resolved_on__gte=since).exists():
        reasons.append(_("A licence condition was breached in the last licence year."))
    return reasons
