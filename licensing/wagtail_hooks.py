"""Licensing's lookup data in the Wagtail admin, where administrators already change the
licensing policy: fee bands and the public holidays that deadlines skip."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from licensing.models import FeeBand, Holiday


class FeeBandViewSet(SnippetViewSet):
    model = FeeBand
    icon = "tag"
    menu_label = _("Fee bands")
    list_display = ["code", "min_turnover", "max_turnover", "application_fee", "inspection_fee"]
    ordering = ["-min_turnover"]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Public holidays")
    list_display = ["date", "name"]
    ordering = ["date"]
    search_fields = ["name"]


class LicensingDataGroup(SnippetViewSetGroup):
    items = (FeeBandViewSet, HolidayViewSet)
    menu_icon = "cog"
    menu_label = _("Fees and holidays")
    menu_name = "fees-and-holidays"


register_snippet(LicensingDataGroup)
