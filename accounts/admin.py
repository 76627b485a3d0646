"""The Django admin's user list gets an audited "deactivate" action."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import services
from licensing.workflow import ServiceError

User = get_user_model()


@admin.action(description=gettext_lazy("Deactivate the selected accounts and end their sessions"))
def deactivate(modeladmin, request, queryset):
    done = 0
    for user in queryset:
        try:
            services.account_deactivate(actor=request.user, user=user)
        except (PermissionDenied, ServiceError) as error:
            modeladmin.message_user(request, f"{user}: {error}", messages.WARNING)
        else:
            done += 1
    modeladmin.message_user(request, _("%(count)d accounts deactivated.") % {"count": done})


class AccountAdmin(UserAdmin):
    actions = [deactivate]


admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
