from django.urls import path

from apps.accounts import views

urlpatterns = [
    path("settings/", views.account_settings, name="account_settings"),
    path("settings/language/", views.account_language, name="account_language"),
    path("my-data/", views.my_data, name="account_my_data"),
    path("erase/", views.erase_account, name="account_erase"),
]
