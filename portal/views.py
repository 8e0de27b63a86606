"""Pages that gather every app: the home page and the dashboard."""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from apps.accounts.models import User
from apps.content import selectors as content_selectors
from apps.events import selectors as event_selectors
from apps.invitations import selectors as invitation_selectors
from apps.jobfair import selectors as jobfair_selectors
from apps.organizations import selectors as organization_selectors
from apps.talent import selectors as talent_selectors
from apps.vacancies import selectors as vacancy_selectors


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "directory": organization_selectors.directory_summary(),
        "latest_vacancies": vacancy_selectors.live_vacancies()[:6],
        "coming_events": event_selectors.upcoming(
            event_selectors.events_visible_to(user=request.user).filter(status="published")
        )[:4],
        "latest_news": content_selectors.latest_news(),
    }
    return render(request, "portal/home.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)  # signed in: login_required
    context = {
        "memberships": organization_selectors.user_memberships(user=user),
        "requests_to_decide": organization_selectors.membership_requests_to_decide(user=user)[:50],
        "invitations": organization_selectors.invitations_open_for(user=user)[:20],
        "my_requests": organization_selectors.membership_requests_of_user(user=user).order_by(
            "-created_at"
        )[:20],
        "verifications_to_decide": organization_selectors.verification_requests_pending()[:50]
        if user.is_staff
        else [],
        "my_applications": vacancy_selectors.applications_of(user=user).order_by("-created_at")[
            :50
        ],
        "organization_vacancies": vacancy_selectors.vacancies_of_member(user=user)[:50],
        "moderation_count": vacancy_selectors.moderation_queue().count() if user.is_staff else 0,
        "my_registrations": event_selectors.registrations_of(user=user).filter(
            event__ends_at__gt=timezone.now()
        )[:20],
        "my_meetings": jobfair_selectors.meetings_of(user=user, upcoming_only=True)[:20],
        "organization_meetings": jobfair_selectors.meetings_with_organizations_of(user=user),
        "invitations_to_apply": invitation_selectors.invitations_waiting_for(user=user)[:20],
        "talent_profile": talent_selectors.talent_profile_of(user=user),
        "cv_count": talent_selectors.cvs_of(user=user).count(),
        "cv_downloads": talent_selectors.cv_downloads_of(user=user)[:10],
    }
    return render(request, "portal/dashboard.html", context)
