"""The /api/v1/ routes of every app."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from apps.accounts.api import AuthTokenView, MeView
from apps.organizations import api as organizations

router = DefaultRouter()
router.register("organizations", organizations.OrganizationViewSet, basename="organization")

urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path(
        "organizations/<slug:slug>/members/",
        organizations.MemberListView.as_view(),
        name="organization-members",
    ),
    path(
        "organizations/<slug:slug>/members/<uuid:membership_id>/",
        organizations.MemberDetailView.as_view(),
        name="organization-member",
    ),
    path(
        "organizations/<slug:slug>/membership-requests/",
        organizations.MembershipRequestListView.as_view(),
        name="organization-membership-requests",
    ),
    *[
        path(
            f"organizations/<slug:slug>/membership-requests/<uuid:request_id>/{decision}/",
            organizations.MembershipRequestDecisionView.as_view(decision=decision),
            name=f"organization-membership-request-{decision}",
        )
        for decision in ("approve", "decline")
    ],
    path(
        "organizations/<slug:slug>/verification-request/",
        organizations.VerificationRequestView.as_view(),
        name="organization-verification-request",
    ),
    *[
        path(
            f"organizations/<slug:slug>/verification-request/{decision}/",
            organizations.VerificationDecisionView.as_view(decision=decision),
            name=f"organization-verification-{decision}",
        )
        for decision in ("approve", "decline")
    ],
    path(
        "verification-requests/",
        organizations.PendingVerificationListView.as_view(),
        name="verification-requests",
    ),
    *router.urls,
]
