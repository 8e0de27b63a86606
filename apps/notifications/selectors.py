from django.db.models import QuerySet

from apps.notifications.models import (
    JobAlert,
    Notification,
    NotificationKind,
    NotificationPreference,
)


def inbox(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created_at")


def unread_count(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences(*, user) -> dict[str, bool]:
    """Every kind with whether the user also gets it by email (default: yes)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, True) for kind in NotificationKind.values}


def alerts_of(*, user) -> QuerySet[JobAlert]:
    return JobAlert.objects.filter(user=user).order_by("-created_at")


def alert_filter_labels(*, filters: dict) -> list[tuple[str, str]]:
    """An alert's search in words: [("Search", "antibody"), ("Contract", "Internship")]."""
    from apps.vacancies.filters import VacancyFilter

    form = VacancyFilter(filters).form
    form.is_valid()
    labels = []
    for name, value in filters.items():
        field = form.fields.get(name)
        if field is None:
            continue
        shown = form.cleaned_data.get(name) or value
        if isinstance(shown, str) and getattr(field, "choices", None):
            shown = dict(field.choices).get(value, value)
        labels.append((str(field.label), str(shown)))
    return labels
