from django.urls import path

from apps.vacancies import views
from apps.vacancies.feeds import VacancyFeed

app_name = "vacancies"

urlpatterns = [
    path("", views.vacancy_list, name="list"),
    path("feed/", VacancyFeed(), name="feed"),
    path("new/", views.vacancy_create, name="create"),
    path("moderation/", views.moderation_queue, name="moderation"),
    path("my-applications/", views.my_applications, name="my_applications"),
    path("ours/", views.our_vacancies, name="mine"),
    path("applications/", views.applications_received, name="received"),
    path(
        "applications/<uuid:application_id>/status/",
        views.application_status,
        name="application_status",
    ),
    path(
        "applications/<uuid:application_id>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "applications/<uuid:application_id>/talent-pool/",
        views.talent_pool_join,
        name="talent_pool_join",
    ),
    path("talent-pool/<slug:slug>/", views.talent_pool, name="talent_pool"),
    path("<slug:slug>/", views.vacancy_detail, name="detail"),
    path("<slug:slug>/edit/", views.vacancy_edit, name="edit"),
    path("<slug:slug>/apply/", views.apply, name="apply"),
    path("<slug:slug>/applications/", views.vacancy_applications, name="applications"),
    *[
        path(f"<slug:slug>/{action}/", views.vacancy_action, {"action": action}, name=action)
        for action in ("submit", "approve", "reject", "close", "extend", "delete")
    ],
]
