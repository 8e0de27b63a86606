from django.urls import path

from apps.webhooks import views

app_name = "webhooks"


def _pages(prefix: str, name: str) -> list:
    return [
        path(f"{prefix}", views.endpoint_list, name=f"{name}list"),
        path(f"{prefix}<uuid:endpoint_id>/", views.endpoint_detail, name=f"{name}detail"),
        path(f"{prefix}<uuid:endpoint_id>/ping/", views.endpoint_ping, name=f"{name}ping"),
        path(f"{prefix}<uuid:endpoint_id>/toggle/", views.endpoint_toggle, name=f"{name}toggle"),
        path(f"{prefix}<uuid:endpoint_id>/delete/", views.endpoint_delete, name=f"{name}delete"),
        path(
            f"{prefix}<uuid:endpoint_id>/deliveries/<uuid:delivery_id>/redeliver/",
            views.delivery_redeliver,
            name=f"{name}redeliver",
        ),
    ]


urlpatterns = [
    *_pages("organizations/<slug:slug>/webhooks/", ""),
    *_pages("webhooks/", "portal_"),
]
