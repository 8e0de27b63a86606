from django.http import HttpRequest

from apps.notifications.selectors import unread_count


def unread_notifications(request: HttpRequest) -> dict:
    """The unread count in the navigation of every page a signed-in person sees."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
