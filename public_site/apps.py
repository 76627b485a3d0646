from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicSiteConfig(AppConfig):
    name = "public_site"
    verbose_name = _("public site")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, Site
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from public_site.templatetags.public_site_tags import menu_changed

        for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
            signal.connect(menu_changed, dispatch_uid=f"public_site_menu_{signal!r}")
        post_delete.connect(menu_changed, sender=Page, dispatch_uid="public_site_menu_delete")
        # The menu is cached per host name: a site's host or home page may change.
        for signal in (post_save, post_delete):
            signal.connect(
                menu_changed, sender=Site, dispatch_uid=f"public_site_menu_site_{signal!r}"
            )
