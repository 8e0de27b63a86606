from django.urls import path

from apps.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.events_calendar, name="calendar"),
    path("new/", views.event_create, name="create"),
    path("mine/", views.my_events, name="mine"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/calendar.ics", views.event_calendar, name="event_calendar"),
    path("<slug:slug>/edit/", views.event_edit, name="edit"),
    path("<slug:slug>/register/", views.register, name="register"),
    path("<slug:slug>/unregister/", views.unregister, name="unregister"),
    path("<slug:slug>/visibility/", views.registration_visibility, name="visibility"),
    path("<slug:slug>/registrations/", views.event_registrations, name="registrations"),
    path("<slug:slug>/check-in/", views.event_registrations, name="check_in"),
    path("<slug:slug>/check-in/<uuid:registration_id>/", views.check_in, name="check_in_person"),
    *[
        path(f"<slug:slug>/{action}/", views.event_action, {"action": action}, name=action)
        for action in ("publish", "cancel", "approve", "reject")
    ],
    path(
        "<slug:slug>/participation/<slug:organization>/<str:decision>/",
        views.participation_answer,
        name="participation",
    ),
]
