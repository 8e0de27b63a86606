from django.urls import path

from apps.organizations import views

app_name = "organizations"

urlpatterns = [
    path("", views.organization_list, name="list"),
    path("new/", views.organization_create, name="create"),
    path("invitations/<uuid:invitation_id>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/members/", views.organization_members, name="members"),
    path("<slug:slug>/members/<uuid:membership_id>/", views.member_update, name="member_update"),
    path(
        "<slug:slug>/invitations/<uuid:invitation_id>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("<slug:slug>/join/", views.membership_request_create, name="join"),
    *[
        path(
            f"<slug:slug>/membership-requests/<uuid:request_id>/{decision}/",
            views.membership_request_decide,
            {"decision": decision},
            name=f"membership_request_{decision}",
        )
        for decision in ("approve", "decline")
    ],
    path("<slug:slug>/verification/", views.verification_request_create, name="verification"),
    *[
        path(
            f"<slug:slug>/verification/{decision}/",
            views.verification_decide,
            {"decision": decision},
            name=f"verification_{decision}",
        )
        for decision in ("approve", "decline")
    ],
]
