from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicRegisterConfig(AppConfig):
    name = "public_register"
    verbose_name = _("Public register")
