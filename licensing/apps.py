from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "licensing"
    verbose_name = _("Licensing")

    def ready(self):
        from licensing.roles import ensure_roles

        post_migrate.connect(ensure_roles, dispatch_uid="licensing.ensure_roles")
