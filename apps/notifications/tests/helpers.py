"""Assertions on notices that every app's tests of its own notices use."""

from django.conf import settings
from django.core import mail
from django.urls import reverse

from apps.notifications.models import DeliveryStatus, Notification

SITE_URL = "https://portal.example.be"


def recipients(kind: str) -> list[str]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


def assert_emailed(kind: str, path: str) -> None:
    """Every notice of `kind` was sent once, with a text and an HTML part and an absolute link."""
    notices = list(Notification.objects.filter(kind=kind).select_related("recipient"))
    assert notices
    for notice in notices:
        assert notice.status == DeliveryStatus.SENT
        assert notice.attempts == 1
        assert notice.sent_at is not None
        assert notice.url == path
        messages = [
            m
            for m in mail.outbox
            if m.to == [notice.recipient.email] and m.subject.endswith(notice.subject)
        ]
        assert len(messages) == 1, notice
        message = messages[0]
        assert message.subject == f"[{settings.SITE_NAME}] {notice.subject}"
        assert message.from_email == settings.DEFAULT_FROM_EMAIL
        html = [content for content, mimetype in message.alternatives if mimetype == "text/html"]
        assert len(html) == 1
        assert html[0].lstrip().lower().startswith("<!doctype html>")
        assert settings.SITE_NAME in html[0]
        link = f"{SITE_URL}{path}"
        assert link in message.body
        assert f'href="{link}"' in html[0]
        assert f"{SITE_URL}{reverse('notifications:preferences')}" in message.body
        assert notice.recipient.display_name in message.body
        assert "{{" not in message.body and "{%" not in message.body
        assert "{{" not in html[0] and "{%" not in html[0]
