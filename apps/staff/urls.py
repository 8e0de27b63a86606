from django.urls import path

from apps.staff import views

app_name = "staff"

urlpatterns = [
    path("staff/", views.console, name="console"),
    path("staff/retention/", views.retention_overview, name="retention"),
    path("staff/reports/<uuid:report_id>/", views.report_resolve, name="report_resolve"),
    path("report/<str:target_type>/<slug:target_key>/", views.report_create, name="report_create"),
]
