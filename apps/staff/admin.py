from django.contrib import admin
from django.contrib.admin.models import LogEntry

from apps.staff.models import AuditEntry, Report


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_email", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_email", "action", "target_label", "note", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["target_label", "target_type", "reason", "status", "reporter", "created_at"]
    list_filter = ["status", "target_type", "reason"]
    list_select_related = ["reporter", "resolved_by"]
    search_fields = ["target_label", "message", "reporter__email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "reporter",
        "target_type",
        "target_key",
        "target_label",
        "target_url",
        "reason",
        "message",
        "created_at",
        "resolved_by",
        "resolved_at",
    ]


@admin.register(LogEntry)
class AdminLogEntryAdmin(admin.ModelAdmin):
    """Django admin's own log of every add, change and delete by staff, searchable."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
