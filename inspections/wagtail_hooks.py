"""The standards catalogue in the Wagtail admin: administrators correct a standard or prepare
and publish a new edition. Findings keep the points they were recorded with, so a correction
never rescores an inspection already made."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from inspections.models import Standard, StandardSection, StandardsEdition


class StandardsEditionViewSet(SnippetViewSet):
    model = StandardsEdition
    icon = "doc-full"
    menu_label = _("Editions")
    list_display = ["name", "published_on"]


class StandardSectionViewSet(SnippetViewSet):
    model = StandardSection
    icon = "list-ol"
    menu_label = _("Sections")
    list_display = ["__str__", "edition"]
    list_filter = ["edition"]


class StandardViewSet(SnippetViewSet):
    model = Standard
    icon = "tick-inverse"
    menu_label = _("Standards")
    list_display = ["code", "title", "critical", "points", "edition"]
    list_filter = ["edition", "critical"]
    search_fields = ["code", "title"]


class StandardsGroup(SnippetViewSetGroup):
    items = (StandardsEditionViewSet, StandardSectionViewSet, StandardViewSet)
    menu_icon = "tasks"
    menu_label = _("Licensing standards")
    menu_name = "licensing-standards"


register_snippet(StandardsGroup)
