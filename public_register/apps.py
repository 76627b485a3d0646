from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicRegisterConfig(AppConfig):
    name = "public_register"
    verbose_name = _("Public register")

    def ready(self):
        from core.pagecache import register_committed
        from public_register.tasks import schedule_prerender

        register_committed.connect(schedule_prerender, dispatch_uid="public_register.prerender")
