from django.urls import path

from apps.invitations import views

app_name = "invitations"

urlpatterns = [
    path("invitations/", views.my_invitations, name="mine"),
    path("invitations/sent/", views.sent, name="sent"),
    path("invitations/invite/<uuid:profile_id>/", views.invite, name="invite"),
    path("invitations/<uuid:invitation_id>/accept/", views.accept, name="accept"),
    path("invitations/<uuid:invitation_id>/decline/", views.decline, name="decline"),
]
