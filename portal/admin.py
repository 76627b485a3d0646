from django.contrib import admin

from portal.models import ConditionEvidence, ConditionReminder, Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "provider", "role", "created_at", "accepted_at"]
    list_select_related = ["provider"]
    search_fields = ["email", "provider__legal_name"]
    readonly_fields = ["token", "invited_by", "accepted_by", "accepted_at"]


@admin.register(ConditionEvidence)
class ConditionEvidenceAdmin(admin.ModelAdmin):
    list_display = ["condition", "submitted_by", "submitted_at"]
    list_select_related = ["condition__licence", "submitted_by"]
    search_fields = ["condition__licence__urn", "text"]
    readonly_fields = ["condition", "document", "submitted_by", "submitted_at"]


@admin.register(ConditionReminder)
class ConditionReminderAdmin(admin.ModelAdmin):
    list_display = ["condition", "kind", "due_date", "sent_at"]
    readonly_fields = ["condition", "kind", "due_date", "sent_at"]
