"""A registration made while the broker is down is confirmed by email once it is back."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from apps.accounts.tests.factories import UserFactory
from apps.events import services as event_services
from apps.events.tests.factories import EventFactory
from apps.notifications import services, tasks
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tasks import send_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def age(notification: Notification, minutes: int) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_notice_made_while_the_broker_is_down_is_sent_by_the_requeue(committed, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(send_notification, "delay", unreachable)
    person = UserFactory()
    with committed():  # the commit itself does not fail
        registration = event_services.registration_create(user=person, event=EventFactory())
    assert registration.pk
    notice = Notification.objects.get(recipient=person)
    assert notice.status == DeliveryStatus.PENDING
    assert mail.outbox == []

    # Still down, and too young to requeue anyway.
    assert services.notifications_requeue_pending() == 0
    monkeypatch.undo()  # the broker is back (eager in tests)
    assert services.notifications_requeue_pending() == 0
    assert mail.outbox == []

    age(notice, settings.NOTIFICATION_REQUEUE_AFTER_MINUTES + 1)
    assert tasks.requeue_pending.apply().get() == 1
    notice.refresh_from_db()
    assert notice.status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert services.notifications_requeue_pending() == 0
    assert len(mail.outbox) == 1
