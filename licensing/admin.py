from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from licensing.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody may add, change or delete audit entries."""

    list_display = [
        "at",
        "actor_name",
        "what_happened",
        "object_type",
        "object_id",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "object_type", "is_public"]
    search_fields = ["actor_name", "reason"]

    @admin.display(description=_("action"), ordering="action")
    def what_happened(self, entry):
        return entry.words

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
