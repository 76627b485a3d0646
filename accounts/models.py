"""Which sessions belong to which account, so that they can be ended together."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedInSession(models.Model):
    """One row per sign-in. Django's session stores cannot be searched by user (a cache
    store not at all), so deactivating an account looks its sessions up here."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(_("session key"), max_length=64, unique=True)
    signed_in_at = models.DateTimeField(_("signed in at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")

    def __str__(self):
        return f"{self.user} {self.signed_in_at:%Y-%m-%d %H:%M}"
