from collections.abc import Callable

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.notifications.kinds import kind_values
from apps.notifications.models import (
    Notification,
    NotificationPreference,
)


def inbox(*, user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences(*, user: User) -> dict[str, bool]:
    """Every kind with whether the user also gets it by email (default: yes)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, True) for kind in kind_values()}


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The user's notices and email settings, for the GDPR export."""
    return {
        "notifications": [
            {
                "kind": notification.kind,
                "subject": notification.subject,
                "body": notification.body,
                "created_at": notification.created_at.isoformat(),
                "read_at": notification.read_at.isoformat() if notification.read_at else None,
            }
            for notification in inbox(user=user).order_by("created_at")[:5000]
        ],
        "notification_settings": email_preferences(user=user),
    }
