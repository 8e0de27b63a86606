from django.contrib import admin

from apps.privacy.models import Consent, InactivityWarning


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    """The record of what people agreed to: read only, since a consent is never edited."""

    list_display = ["user", "purpose", "version", "given_at", "expires_at", "withdrawn_at"]
    list_filter = ["purpose", "version"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    date_hierarchy = "given_at"
    readonly_fields = [
        "user",
        "purpose",
        "version",
        "text",
        "given_at",
        "expires_at",
        "withdrawn_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InactivityWarning)
class InactivityWarningAdmin(admin.ModelAdmin):
    list_display = ["user", "warned_at", "erase_at"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    readonly_fields = ["user", "warned_at", "erase_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
