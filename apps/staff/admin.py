from django.contrib import admin

from apps.staff.models import Report


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
