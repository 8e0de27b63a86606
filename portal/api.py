"""The /api/v1/ routes of every app."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from apps.accounts.api import AuthTokenView, MeView, MyDataExportView
from apps.apikeys import api as apikeys
from apps.content import api as content
from apps.events import api as events
from apps.invitations import api as invitations
from apps.jobfair import api as jobfair
from apps.notifications import api as notifications
from apps.organizations import api as organizations
from apps.privacy import api as privacy
from apps.staff import api as staff
from apps.talent import api as talent
from apps.vacancies import api as vacancies
from apps.webhooks import api as webhooks

router = DefaultRouter()
router.register("organizations", organizations.OrganizationViewSet, basename="organization")
router.register("vacancies", vacancies.VacancyViewSet, basename="vacancy")
router.register("events", events.EventViewSet, basename="event")
router.register("news", content.NewsItemViewSet, basename="news")


def webhook_routes(prefix: str, name: str) -> list:
    """An organization's webhooks, or (without a slug) the portal-wide ones."""
    return [
        path(prefix, webhooks.WebhookListView.as_view(), name=f"{name}webhooks"),
        path(
            f"{prefix}<uuid:endpoint_id>/",
            webhooks.WebhookDetailView.as_view(),
            name=f"{name}webhook",
        ),
        path(
            f"{prefix}<uuid:endpoint_id>/deliveries/",
            webhooks.WebhookDeliveryListView.as_view(),
            name=f"{name}webhook-deliveries",
        ),
        path(
            f"{prefix}<uuid:endpoint_id>/ping/",
            webhooks.WebhookPingView.as_view(),
            name=f"{name}webhook-ping",
        ),
        path(
            f"{prefix}<uuid:endpoint_id>/deliveries/<uuid:delivery_id>/redeliver/",
            webhooks.WebhookRedeliverView.as_view(),
            name=f"{name}webhook-redeliver",
        ),
    ]


urlpatterns = [
    path("auth/token/", AuthTokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path("me/export/", MyDataExportView.as_view(), name="me-export"),
    path("me/privacy/", privacy.MyPrivacyView.as_view(), name="me-privacy"),
    path(
        "me/consents/<uuid:consent_id>/withdraw/",
        privacy.ConsentWithdrawView.as_view(),
        name="me-consent-withdraw",
    ),
    path("me/profile/", talent.MyProfileView.as_view(), name="me-profile"),
    path("me/cvs/", talent.MyCVListView.as_view(), name="me-cvs"),
    path("me/cvs/<uuid:cv_id>/", talent.MyCVDetailView.as_view(), name="me-cv"),
    path("me/cv-downloads/", talent.MyCVDownloadsView.as_view(), name="me-cv-downloads"),
    path("cvs/<uuid:cv_id>/download/", talent.CVDownloadView.as_view(), name="cv-download"),
    path("talent/", talent.TalentSearchView.as_view(), name="talent-search"),
    path(
        "talent/<uuid:profile_id>/", talent.TalentProfileDetailView.as_view(), name="talent-profile"
    ),
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
        "organizations/<slug:slug>/invitations/",
        organizations.InvitationListView.as_view(),
        name="organization-invitations",
    ),
    path(
        "organizations/<slug:slug>/invitations/<uuid:invitation_id>/",
        organizations.InvitationDetailView.as_view(),
        name="organization-invitation",
    ),
    path(
        "me/organization-invitations/",
        organizations.MyInvitationListView.as_view(),
        name="me-organization-invitations",
    ),
    *[
        path(
            f"organization-invitations/<uuid:invitation_id>/{answer}/",
            organizations.InvitationAnswerView.as_view(answer=answer),
            name=f"organization-invitation-{answer}",
        )
        for answer in ("accept", "decline")
    ],
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
    path("moderation/vacancies/", vacancies.ModerationQueueView.as_view(), name="moderation-queue"),
    path(
        "vacancies/<slug:slug>/applications/",
        vacancies.VacancyApplicationsView.as_view(),
        name="vacancy-applications",
    ),
    path("applications/", vacancies.ApplicationListView.as_view(), name="applications"),
    path(
        "events/<slug:slug>/registrations/",
        events.EventRegistrationsView.as_view(),
        name="event-registrations",
    ),
    path(
        "events/<slug:slug>/registrations/mine/",
        events.MyRegistrationView.as_view(),
        name="event-registration-mine",
    ),
    path(
        "events/<slug:slug>/registrations/<uuid:registration_id>/check-in/",
        events.CheckInView.as_view(),
        name="event-check-in",
    ),
    *[
        path(
            f"events/<slug:slug>/participants/<slug:organization>/{decision}/",
            events.ParticipationAnswerView.as_view(decision=decision),
            name=f"event-participation-{decision}",
        )
        for decision in ("accept", "decline")
    ],
    path("moderation/events/", events.EventReviewQueueView.as_view(), name="event-review-queue"),
    path("me/registrations/", events.MyRegistrationsView.as_view(), name="me-registrations"),
    path(
        "events/<slug:slug>/meeting-slots/",
        jobfair.EventMeetingSlotsView.as_view(),
        name="event-meeting-slots",
    ),
    path(
        "events/<slug:slug>/meetings/", jobfair.EventScheduleView.as_view(), name="event-meetings"
    ),
    path(
        "events/<slug:slug>/attendees/",
        jobfair.EventAttendeesView.as_view(),
        name="event-attendees",
    ),
    path("meeting-slots/<uuid:slot_id>/book/", jobfair.SlotBookView.as_view(), name="slot-book"),
    path(
        "meeting-slots/<uuid:slot_id>/booking/",
        jobfair.SlotBookingView.as_view(),
        name="slot-booking",
    ),
    path("meeting-slots/<uuid:slot_id>/close/", jobfair.SlotCloseView.as_view(), name="slot-close"),
    path("me/meetings/", jobfair.MyMeetingsView.as_view(), name="me-meetings"),
    path(
        "talent/<uuid:profile_id>/invitations/",
        invitations.TalentInvitationsView.as_view(),
        name="talent-invitations",
    ),
    path("me/invitations/", invitations.MyInvitationsView.as_view(), name="me-invitations"),
    path(
        "invitations/<uuid:invitation_id>/accept/",
        invitations.InvitationAcceptView.as_view(),
        name="invitation-accept",
    ),
    path(
        "invitations/<uuid:invitation_id>/decline/",
        invitations.InvitationDeclineView.as_view(),
        name="invitation-decline",
    ),
    path("me/notifications/", notifications.InboxView.as_view(), name="me-notifications"),
    path(
        "me/notifications/read-all/",
        notifications.MarkAllReadView.as_view(),
        name="me-notifications-read-all",
    ),
    path(
        "me/notifications/<uuid:notification_id>/read/",
        notifications.MarkReadView.as_view(),
        name="me-notification-read",
    ),
    path(
        "me/notification-settings/",
        notifications.PreferencesView.as_view(),
        name="me-notification-settings",
    ),
    path("reports/", staff.ReportsView.as_view(), name="reports"),
    path("me/alerts/", vacancies.AlertListView.as_view(), name="me-alerts"),
    path("me/alerts/<uuid:alert_id>/", vacancies.AlertDetailView.as_view(), name="me-alert"),
    path(
        "applications/<uuid:application_id>/",
        vacancies.ApplicationDetailView.as_view(),
        name="application",
    ),
    path(
        "applications/<uuid:application_id>/talent-pool/",
        vacancies.ApplicationTalentPoolView.as_view(),
        name="application-talent-pool",
    ),
    path(
        "organizations/<slug:slug>/talent-pool/",
        vacancies.TalentPoolView.as_view(),
        name="organization-talent-pool",
    ),
    path(
        "applications/<uuid:application_id>/withdraw/",
        vacancies.ApplicationWithdrawView.as_view(),
        name="application-withdraw",
    ),
    path(
        "verification-requests/",
        organizations.PendingVerificationListView.as_view(),
        name="verification-requests",
    ),
    path(
        "organizations/<slug:slug>/api-keys/",
        apikeys.ApiKeyListView.as_view(),
        name="organization-api-keys",
    ),
    path(
        "organizations/<slug:slug>/api-keys/<uuid:key_id>/",
        apikeys.ApiKeyDetailView.as_view(),
        name="organization-api-key",
    ),
    path("webhooks/events/", webhooks.WebhookEventListView.as_view(), name="webhook-events"),
    *webhook_routes("organizations/<slug:slug>/webhooks/", "organization-"),
    *webhook_routes("webhooks/", "portal-"),
    *router.urls,
]
