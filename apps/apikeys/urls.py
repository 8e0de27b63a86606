from django.urls import path

from apps.apikeys import views

app_name = "apikeys"

urlpatterns = [
    path("<slug:slug>/api-keys/", views.api_key_list, name="list"),
    path("<slug:slug>/api-keys/<uuid:key_id>/revoke/", views.api_key_revoke, name="revoke"),
]
