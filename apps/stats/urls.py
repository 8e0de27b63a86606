from django.urls import path

from apps.stats import views

app_name = "stats"

urlpatterns = [
    path("", views.portal_stats, name="portal"),
    path("portal.csv", views.portal_stats_csv, name="portal_csv"),
    path("organizations/<slug:slug>/", views.organization_stats, name="organization"),
]
