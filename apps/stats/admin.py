from django.contrib import admin

from apps.stats.models import VacancyDailyViews


@admin.register(VacancyDailyViews)
class VacancyDailyViewsAdmin(admin.ModelAdmin):
    """Read only: the counts come from the view counter, never from a form."""

    list_display = ["date", "vacancy", "count"]
    list_select_related = ["vacancy"]
    date_hierarchy = "date"
    search_fields = ["vacancy__title", "vacancy__organization__name"]
    raw_id_fields = ["vacancy"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
