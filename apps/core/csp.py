"""A Content-Security-Policy on every HTML page the portal serves.

Pages run only scripts and styles from the portal's own files: no inline script, no
event-handler attribute, nothing from another host. So even text that slipped past the
escaping could not run in a browser. The policy is `settings.CONTENT_SECURITY_POLICY`; a
response may add sources for its own page in `response.csp_additions`.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy_header(policy: dict[str, list[str]]) -> str:
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


def with_additions(
    policy: dict[str, list[str]], additions: dict[str, list[str]]
) -> dict[str, list[str]]:
    merged = {directive: list(sources) for directive, sources in policy.items()}
    for directive, sources in additions.items():
        merged.setdefault(directive, []).extend(sources)
    return merged


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.header = policy_header(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and "Content-Security-Policy" not in response:
            additions = getattr(response, "csp_additions", None)
            response["Content-Security-Policy"] = (
                policy_header(with_additions(settings.CONTENT_SECURITY_POLICY, additions))
                if additions
                else self.header
            )
        return response
