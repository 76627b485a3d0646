from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext as _

from api.models import ApiKey, WebhookDelivery, WebhookSubscription


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Administrators issue keys here; the key itself is shown once, when it is created."""

    list_display = [
        "organisation",
        "name",
        "prefix",
        "limit_per_minute",
        "is_active",
        "last_used_at",
    ]
    list_filter = ["is_active"]
    search_fields = ["organisation", "name", "prefix"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = [
        "name",
        "organisation",
        "contact_email",
        "limit_per_minute",
        "is_active",
        "prefix",
        "created_at",
        "last_used_at",
    ]

    def save_model(self, request, obj, form, change):
        raw_key = None
        if not change:
            raw_key = ApiKey.new_raw_key()
            obj.set_key(raw_key)
        super().save_model(request, obj, form, change)
        if raw_key:
            messages.warning(
                request,
                _(
                    "The new API key is %(key)s. Copy it now: it is stored only as a hash and "
                    "cannot be shown again."
                )
                % {"key": raw_key},
            )


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "url", "watch_all", "is_active", "last_position"]
    list_filter = ["is_active", "watch_all"]
    search_fields = ["organisation", "url"]
    raw_id_fields = ["providers"]
    readonly_fields = ["last_position", "created_at"]
    # Webhook addresses are https only (api.egress): a bare host name means https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: read-only."""

    list_display = [
        "created_at",
        "subscription",
        "change",
        "state",
        "attempts",
        "status_code",
        "next_attempt_at",
    ]
    list_filter = ["state", "subscription"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
