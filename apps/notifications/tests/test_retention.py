"""Notices are kept 12 months; the clock is moved forward with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone
from rest_framework.test import APIClient

from apps.core import retention
from apps.notifications import services
from apps.notifications.models import Notification
from apps.notifications.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

SENT = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
GOES = retention.goes_at(start=SENT, months=12)


def run(moment: datetime, **kwargs):
    with time_machine.travel(moment, tick=False):
        [step] = services.notifications_apply_retention(now=timezone.now(), **kwargs)
    return step.due, step.done


def test_notices_go_12_months_after_they_were_sent():
    old = NotificationFactory(created_at=SENT)
    recent = NotificationFactory(created_at=SENT + timedelta(hours=1))
    assert run(GOES - timedelta(seconds=1)) == (0, 0)
    assert run(GOES, dry_run=True) == (1, 0)
    assert Notification.objects.count() == 2
    assert run(GOES) == (1, 1)
    assert list(Notification.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Notification.objects.filter(pk=old.pk).exists()


def test_the_inbox_is_one_item_on_the_privacy_page_dated_by_its_oldest_notice():
    first = NotificationFactory(created_at=SENT)
    NotificationFactory(recipient=first.recipient, created_at=SENT + timedelta(days=3))
    client = APIClient()
    client.force_authenticate(first.recipient)
    [held] = [
        h
        for h in client.get("/api/v1/me/privacy/").json()["holdings"]
        if h["kind"] == "notifications"
    ]
    assert held["label"].startswith("2 notices")
    assert datetime.fromisoformat(held["until"]) == GOES
