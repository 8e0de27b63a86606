"""Request checks that apply to every page and every API call."""

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from apps.core.input import UnsafeInput, query_dict_problem, strict_parse_file_upload, text_problem


def bad_request(request: HttpRequest, message: str) -> HttpResponse:
    """400 with the reason: DRF's error shape under /api/, the portal's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"reason": message}, status=400)


class InputMiddleware:
    """Refuses NUL characters in the path, query string and form fields with a 400, and has
    Django parse multipart bodies with the same strict file-name rule as the API."""

    def __init__(self, get_response: Any):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # An instance attribute: Django calls request.parse_file_upload when it reads a
        # multipart body, whoever reads it first (a form, the CSRF check, DRF).
        request.parse_file_upload = partial(strict_parse_file_upload, request)  # type: ignore[method-assign]
        try:
            problem = text_problem(request.path) or query_dict_problem(request.GET.lists())
            if not problem and request.method == "POST":
                problem = query_dict_problem(request.POST.lists())
        except UnsafeInput as error:
            problem = str(error)
        if problem:
            return bad_request(request, problem)
        return self.get_response(request)
