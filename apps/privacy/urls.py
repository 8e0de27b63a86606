from django.urls import path

from apps.privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/", views.privacy, name="overview"),
    path(
        "privacy/consents/<uuid:consent_id>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
