from django.urls import path

from apps.jobfair import views

app_name = "jobfair"

urlpatterns = [
    path("meetings/", views.my_meetings, name="my_meetings"),
    path("meetings/calendar.ics", views.my_meetings_calendar, name="my_meetings_calendar"),
    path("meetings/<uuid:meeting_id>/cancel/", views.cancel, name="cancel"),
    path("meetings/slots/<uuid:slot_id>/book/", views.book, name="book"),
    path("meetings/slots/<uuid:slot_id>/close/", views.close_slot, name="close_slot"),
    path(
        "events/<slug:slug>/meetings/<slug:organization_slug>/",
        views.schedule,
        name="schedule",
    ),
    path("events/<slug:slug>/attendees/", views.attendees, name="attendees"),
]
