from django.conf import settings
from django.http import HttpRequest


def portal(request: HttpRequest) -> dict:
    context = {
        "SITE_NAME": settings.SITE_NAME,
        # The embedded default prints mail in the terminal; pages that promise an email say so.
        "MAIL_PRINTED_IN_TERMINAL": settings.EMAIL_BACKEND
        == "django.core.mail.backends.console.EmailBackend",
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from apps.notifications.selectors import unread_count

        context["unread_notifications"] = unread_count(user=user)
    return context
