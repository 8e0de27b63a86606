from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from apps.accounts.models import User
from apps.core import retention
from apps.core.personal_data import Holding, Link
from apps.notifications.kinds import choosable_kind_values
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
    return {kind: chosen.get(kind, True) for kind in choosable_kind_values()}


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


# --- How long notices are kept -------------------------------------------------------------


def notifications_due(*, at: datetime) -> QuerySet[Notification]:
    """Notices older than the configured number of months at `at`."""
    return Notification.objects.filter(
        created_at__lte=retention.cutoff(at=at, months=settings.RETENTION_NOTIFICATIONS_MONTHS)
    )


def notification_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The inbox as one item: how many notices, and when the oldest goes (two queries)."""
    notices = inbox(user=user)
    oldest = notices.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is None:
        return []
    count = notices.count()
    months = settings.RETENTION_NOTIFICATIONS_MONTHS
    return [
        Holding(
            kind="notifications",
            label=ngettext(
                "%(count)d notice in your inbox (and its email)",
                "%(count)d notices in your inbox (and their emails)",
                count,
            )
            % {"count": count},
            since=oldest,
            until=retention.goes_at(start=oldest, months=months),
            kept=_("Each notice %(months)d months after it was sent; the date is the oldest's")
            % {"months": months},
            links=(Link(_("Open your inbox"), reverse("notifications:inbox")),),
        )
    ]
