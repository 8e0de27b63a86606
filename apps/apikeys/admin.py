from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from apps.apikeys import services
from apps.apikeys.models import ApiKey
from apps.core.exceptions import ServiceError


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Read-only: keys are made by owners; staff revoke a leaked one with the action."""

    list_display = ["name", "organization", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "prefix", "organization__name"]
    list_select_related = ["organization"]
    readonly_fields = [field.name for field in ApiKey._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected keys"))
    def revoke(self, request, queryset):
        revoked = 0
        for api_key in queryset.filter(revoked_at__isnull=True).select_related("organization"):
            try:
                services.api_key_revoke(actor=request.user, api_key=api_key)
            except ServiceError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                revoked += 1
        self.message_user(request, _("%(n)d keys revoked.") % {"n": revoked})
