from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "inspections"
    verbose_name = _("Inspections")

    def ready(self):
        from inspections.selectors import fast_track_blockers
        from licensing import fast_track

        # A holder with failed standards or upheld complaints in the last licence year does
        # not renew on the fast track.
        fast_track.register(fast_track_blockers)
