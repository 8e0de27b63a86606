from django.contrib import admin

from apps.notifications.models import JobAlert, JobAlertMatch, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "recipient",
        "email",
        "kind",
        "status",
        "attempts",
        "created_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    list_select_related = ["recipient"]
    search_fields = ["subject", "recipient__email", "email"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "is_active", "created_at", "last_run_at"]
    list_filter = ["frequency", "is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    list_select_related = ["user"]
    search_fields = ["user__email"]


@admin.register(JobAlertMatch)
class JobAlertMatchAdmin(admin.ModelAdmin):
    list_display = ["alert", "vacancy", "created_at", "notification"]
    list_select_related = ["alert", "vacancy", "notification"]
    search_fields = ["alert__name", "alert__user__email", "vacancy__title"]
    date_hierarchy = "created_at"
    readonly_fields = ["alert", "vacancy", "created_at", "notification"]

    def has_add_permission(self, request):
        return False
