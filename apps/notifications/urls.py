from django.urls import path

from apps.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.inbox, name="inbox"),
    path("notifications/read-all/", views.mark_all_read, name="read_all"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("notifications/<uuid:notification_id>/open/", views.open_notification, name="open"),
]
