from django.urls import path

from apps.talent import views

app_name = "talent"

urlpatterns = [
    path("", views.talent_search, name="search"),
    path("profile/", views.my_profile, name="my_profile"),
    path("cvs/", views.my_cvs, name="my_cvs"),
    path("cvs/<uuid:cv_id>/", views.my_cv_update, name="my_cv_update"),
    path("cvs/<uuid:cv_id>/download/", views.cv_download, name="cv_download"),
    path("profiles/<uuid:profile_id>/", views.profile_detail, name="profile_detail"),
]
