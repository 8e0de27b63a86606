"""Page helpers every app uses, the health check and the error pages."""

from django import forms
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from apps.core import health
from apps.core.exceptions import ServiceError


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


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    healthy, checks = health.run_checks()
    body = {"status": "ok" if healthy else "unavailable", "checks": checks}
    if not healthy:
        body["failing"] = sorted(name for name, state in checks.items() if state.startswith("down"))
    return JsonResponse(body, status=200 if healthy else 503)


def error_400(request, exception=None):
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    reason = str(exception) if exception and str(exception) else ""
    return render(request, "403.html", {"reason": reason}, status=403)


def error_404(request, exception=None):
    return render(request, "404.html", status=404)


def error_500(request):
    return render(request, "500.html", status=500)
