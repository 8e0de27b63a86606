"""Admin tools shared by every model: export the selected rows as CSV."""

import csv

from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from apps.core.csv import csv_safe


@admin.action(description=_("Export the selected rows as CSV"))
def export_as_csv(modeladmin, request, queryset):
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


admin.site.add_action(export_as_csv)
