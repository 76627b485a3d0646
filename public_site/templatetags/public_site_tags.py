from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

register = template.Library()

# The register's own pages, always in the menu after the editors' pages.
REGISTER_LINKS = [
    ("public_site:register", _("Check a licence")),
    ("public_site:verify_form", _("Verify a certificate")),
    ("public_site:report", _("Report a concern")),
]


MENU_CACHE_SECONDS = 600
MENU_VERSION_KEY = "public-menu-version"


def menu_changed(**kwargs):
    """A page was published, unpublished, moved or deleted: every cached menu is stale."""
    try:
        cache.incr(MENU_VERSION_KEY)
    except ValueError:
        cache.set(MENU_VERSION_KEY, 1, None)


def _editors_menu(request) -> list[tuple[str, str]]:
    """(url, title) of the site's home page and its live children marked "show in menus".

    Finding the site and building the menu cost Wagtail several queries and URL look-ups, so
    the menu is cached per host name until an editor publishes, unpublishes, moves or deletes
    a page, or changes a site.
    """
    key = f"public-menu:{request.get_host()}:{get_language()}:{cache.get(MENU_VERSION_KEY, 0)}"
    items = cache.get(key)
    if items is None:
        site = Site.find_for_request(request)
        items = []
        if site is not None:
            root = site.root_page
            items = [(root.url, str(_("Home")))]
            items += [
                (page.url, page.title)
                for page in root.get_children().live().public().in_menu().specific()
                if page.url
            ]
        cache.set(key, items, MENU_CACHE_SECONDS)
    return items


@register.inclusion_tag("public_site/tags/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    path = request.path if request else ""
    pages = _editors_menu(request) if request else []
    items = [
        {"url": url, "title": title, "current": path == url if i == 0 else path.startswith(url)}
        for i, (url, title) in enumerate(pages)
    ]
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
    }
