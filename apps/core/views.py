"""Page helpers every app uses, the health check and the error pages."""

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.core import health
from apps.core.exceptions import ServiceError
from apps.core.input import UnsafeInput
from apps.core.permissions import is_staff


def add_service_errors(form: forms.Form, error: ServiceError) -> None:
    """Show a service's refusal next to the fields it names, the rest above the form."""
    for field, messages in error.detail.items():
        messages = messages if isinstance(messages, list | tuple) else [messages]
        for message in messages:
            form.add_error(field if field in form.fields else None, str(message))


def render_refusal(request: HttpRequest, error: ServiceError, back_url: str) -> HttpResponse:
    context = {"messages_refused": error.messages, "back_url": back_url}
    return render(request, "refused.html", context, status=error.status_code)


def staff_only(request: HttpRequest, reason: str) -> None:
    """Refuse a staff page to everyone else with a 403 that says why."""
    if not is_staff(request.user):
        raise PermissionDenied(reason)


def page_query(request: HttpRequest) -> str:
    """The current query string without `page`, for pagination links."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = health.run_checks()
    body: dict[str, Any] = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if not healthy:
        body["failing"] = sorted(name for name, state in checks.items() if state.startswith("down"))
    return JsonResponse(body, status=200 if healthy else 503)


def _api_error(request: HttpRequest, status: int, detail: str) -> JsonResponse | None:
    """Under /api/ an error answers in DRF's shape, never with a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return None


def error_400(request: HttpRequest, exception: Any = None) -> HttpResponse:
    reason = str(exception) if isinstance(exception, UnsafeInput) else ""
    return _api_error(request, 400, reason or _("Bad request.")) or render(
        request, "400.html", {"reason": reason}, status=400
    )


def error_403(request: HttpRequest, exception: Any = None) -> HttpResponse:
    reason = str(exception) if exception and str(exception) else ""
    return _api_error(request, 403, reason or _("Forbidden.")) or render(
        request, "403.html", {"reason": reason}, status=403
    )


def error_404(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _api_error(request, 404, _("Not found.")) or render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return _api_error(request, 500, _("Server error.")) or render(request, "500.html", status=500)
