"""Admin tools shared by every model (CSV export), and the audit logs."""

import csv
from typing import Any

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import label_for_field, lookup_field
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from apps.core.csv import csv_safe
from apps.core.models import AuditEntry


@admin.action(description=_("Export the selected rows as CSV"))
def export_as_csv(modeladmin: Any, request: HttpRequest, queryset: Any) -> HttpResponse:
    """The changelist's own columns, one row per selected object."""
    fields = [f for f in modeladmin.get_list_display(request) if f != "action_checkbox"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = modeladmin.model._meta.model_name
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    writer = csv.writer(response)
    writer.writerow([csv_safe(label_for_field(f, modeladmin.model, modeladmin)) for f in fields])
    select = getattr(modeladmin, "list_select_related", None)
    if select:
        queryset = queryset.select_related(*select) if select is not True else queryset
    for obj in queryset.iterator(chunk_size=1000):
        row = []
        for field in fields:
            _field, _attr, value = lookup_field(field, obj, modeladmin)
            row.append(csv_safe(value))
        writer.writerow(row)
    return response


admin.site.add_action(export_as_csv)  # type: ignore[arg-type]  # a download, not a page


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor_email", "action", "target_type", "target_label"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_email", "action", "target_label", "note", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LogEntry)
class AdminLogEntryAdmin(admin.ModelAdmin):
    """Django admin's own log of every add, change and delete by staff, searchable."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag"]
    list_filter = ["action_flag", "content_type"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__email"]
    date_hierarchy = "action_time"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
