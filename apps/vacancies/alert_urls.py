from django.urls import path

from apps.vacancies import alert_views

app_name = "alerts"

urlpatterns = [
    path("alerts/", alert_views.alert_list, name="list"),
    path("alerts/new/", alert_views.alert_create, name="create"),
    path("alerts/<uuid:alert_id>/", alert_views.alert_update, name="update"),
    path(
        "alerts/<uuid:alert_id>/unsubscribe/<str:token>/",
        alert_views.unsubscribe,
        name="unsubscribe",
    ),
]
