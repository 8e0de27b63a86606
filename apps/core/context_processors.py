from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from apps.core.i18n import language_codes


def portal(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        # The embedded default prints mail in the terminal; pages that promise an email say so.
        "MAIL_PRINTED_IN_TERMINAL": settings.EMAIL_BACKEND
        == "django.core.mail.backends.console.EmailBackend",
    }


def language_alternates(request: HttpRequest) -> dict:
    """The same page in every language, for the hreflang links: under /en/, /nl/ and /fr/,
    and the bare path as x-default, which sends each person to their own language."""
    path = request.path
    current = translation.get_language_from_path(path)
    if not current:
        return {"language_alternates": []}
    rest = path[len(current) + 1 :]
    query = request.META.get("QUERY_STRING", "")
    query = f"?{query}" if query else ""
    alternates = [(code, f"{settings.SITE_URL}/{code}{rest}{query}") for code in language_codes()]
    alternates.append(("x-default", f"{settings.SITE_URL}{rest}{query}"))
    return {"language_alternates": alternates}
