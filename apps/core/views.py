"""Pages that belong to no single app: home, dashboard, health, and page helpers."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from apps.content import selectors as content_selectors
from apps.core import health
from apps.core.exceptions import ServiceError
from apps.core.input import UnsafeInput
from apps.events import selectors as event_selectors
from apps.organizations import selectors as organization_selectors
from apps.talent import selectors as talent_selectors
from apps.vacancies import selectors as vacancy_selectors


def add_service_errors(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal next to the fields it names, the rest above the form."""
    for field, messages in error.detail.items():
        messages = messages if isinstance(messages, list | tuple) else [messages]
        for message in messages:
            form.add_error(field if field in form.fields else None, str(message))


def render_refusal(request: HttpRequest, error: ServiceError, back_url: str) -> HttpResponse:
    context = {"messages_refused": error.messages, "back_url": back_url}
    return render(request, "refused.html", context, status=error.status_code)


def page_query(request: HttpRequest) -> str:
    """The current query string without `page`, for pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def home(request: HttpRequest) -> HttpResponse:
    context = {
        "directory": organization_selectors.directory_summary(),
        "latest_vacancies": vacancy_selectors.live_vacancies()[:6],
        "coming_events": event_selectors.upcoming(
            event_selectors.events_visible_to(user=request.user).filter(status="published")
        )[:4],
        "latest_news": content_selectors.latest_news(),
    }
    return render(request, "core/home.html", context)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
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
        "talent_profile": talent_selectors.talent_profile_of(user=user),
        "cv_count": talent_selectors.cvs_of(user=user).count(),
        "cv_downloads": talent_selectors.cv_downloads_of(user=user)[:10],
    }
    return render(request, "core/dashboard.html", context)


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = health.run_checks()
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if not healthy:
        body["failing"] = sorted(name for name, state in checks.items() if state.startswith("down"))
    return JsonResponse(body, status=200 if healthy else 503)


def _api_error(request, status: int, detail: str) -> JsonResponse | None:
    """Under /api/ an error answers in DRF's shape, never with a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return None


def error_400(request, exception=None):
    reason = str(exception) if isinstance(exception, UnsafeInput) else ""
    return _api_error(request, 400, reason or "Bad request.") or render(
        request, "400.html", {"reason": reason}, status=400
    )


def error_403(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return _api_error(request, 403, reason or "Forbidden.") or render(
        request, "403.html", {"reason": reason}, status=403
    )


def error_404(request, exception=None):
    return _api_error(request, 404, "Not found.") or render(request, "404.html", status=404)


def error_500(request):
    return _api_error(request, 500, "Server error.") or render(request, "500.html", status=500)
