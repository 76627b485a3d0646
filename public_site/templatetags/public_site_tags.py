from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

register = template.Library()

# The register's own pages, always in the menu after the editors' pages.
REGISTER_LINKS = [
    ("public_site:register", _("Check a licence")),
    ("public_site:verify_form", _("Verify a certificate")),
    ("public_site:report", _("Report a concern")),
]


@register.inclusion_tag("public_site/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    path = request.path if request else ""
    items = []
    site = Site.find_for_request(request) if request else None
    if site is not None:
        root = site.root_page
        items.append({"url": root.url, "title": _("Home"), "current": path == root.url})
        for page in root.get_children().live().public().in_menu().specific():
            url = page.url
            items.append(
                {"url": url, "title": page.title, "current": bool(url) and path.startswith(url)}
            )
    for name, title in REGISTER_LINKS:
        url = reverse(name)
        items.append({"url": url, "title": title, "current": path.startswith(url)})
    return {"items": items}


@register.inclusion_tag("public_site/tags/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context.get("request")
    return {
        "languages": settings.LANGUAGES,
        "next": request.get_full_path() if request else "/",
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
