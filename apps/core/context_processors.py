from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    return {
        "SITE_NAME": settings.SITE_NAME,
        # The embedded default prints mail in the terminal; pages that promise an email say so.
        "MAIL_PRINTED_IN_TERMINAL": settings.EMAIL_BACKEND
        == "django.core.mail.backends.console.EmailBackend",
    }
