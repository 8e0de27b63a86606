"""Sending: once per notice, retried on SMTP errors, and never lost while the broker is down."""

import smtplib
import threading
import time
import uuid
from datetime import timedelta

import pytest
from celery import current_app as celery_app
from django.conf import settings
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.utils import timezone

from apps.notifications import services
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tasks import send_notification
from apps.notifications.tests.factories import NotificationFactory


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def smtp_down(monkeypatch):
    """Every send raises an SMTP error until `smtp_down.restore()`."""

    calls = []

    def refuse(self, fail_silently=False):
        calls.append(self.to)
        raise smtplib.SMTPException("421 Service not available")

    class Switch:
        def restore(self):
            monkeypatch.undo()

    switch = Switch()
    switch.calls = calls
    monkeypatch.setattr(EmailMultiAlternatives, "send", refuse)
    return switch


@pytest.fixture
def retries_run_at_once():
    """Eager tasks re-apply a retry at once (no countdown) instead of raising it."""
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    try:
        yield
    finally:
        celery_app.conf.task_eager_propagates = propagates


def age(notification: Notification, minutes: int) -> None:
    Notification.objects.filter(pk=notification.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


@pytest.mark.django_db
class TestOnce:
    def test_calling_the_service_twice_sends_one_email(self):
        notice = NotificationFactory()
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.SENT
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.SENT
        assert len(mail.outbox) == 1
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.SENT
        assert notice.attempts == 1
        assert notice.sent_at is not None
        message = mail.outbox[0]
        assert message.to == [notice.recipient.email]
        assert message.subject == f"[{settings.SITE_NAME}] {notice.subject}"
        assert message.body == notice.body
        assert message.alternatives[0][1] == "text/html"

    def test_a_redelivered_task_sends_one_email(self):
        notice = NotificationFactory()
        first = send_notification.apply(args=[str(notice.pk)])
        again = send_notification.apply(args=[str(notice.pk)])
        assert first.get() == again.get() == DeliveryStatus.SENT
        assert len(mail.outbox) == 1
        notice.refresh_from_db()
        assert notice.attempts == 1

    def test_a_notice_that_no_longer_exists_is_a_no_op(self):
        assert services.notification_send(notification_id=uuid.uuid4()) == "missing"
        assert send_notification.apply(args=[str(uuid.uuid4())]).get() == "missing"
        assert mail.outbox == []

    def test_skipped_and_failed_notices_are_not_sent(self):
        skipped = NotificationFactory(status=DeliveryStatus.SKIPPED)
        failed = NotificationFactory(status=DeliveryStatus.FAILED, attempts=6)
        assert services.notification_send(notification_id=skipped.pk) == DeliveryStatus.SKIPPED
        assert services.notification_send(notification_id=failed.pk) == DeliveryStatus.FAILED
        assert mail.outbox == []

    def test_headers_are_passed_on(self):
        notice = NotificationFactory(headers={"List-Unsubscribe": "<https://x.example/u/>"})
        services.notification_send(notification_id=notice.pk)
        assert mail.outbox[0].extra_headers["List-Unsubscribe"] == "<https://x.example/u/>"


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_for_the_same_notice_send_it_once(monkeypatch):
    """The row lock: the second worker waits, then finds it sent."""
    notice = NotificationFactory()
    original = EmailMultiAlternatives.send

    def slow_send(self, fail_silently=False):
        time.sleep(0.5)
        return original(self, fail_silently=fail_silently)

    monkeypatch.setattr(EmailMultiAlternatives, "send", slow_send)
    results = []

    def worker():
        try:
            results.append(services.notification_send(notification_id=notice.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert results == [DeliveryStatus.SENT, DeliveryStatus.SENT]
    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=notice.pk).attempts == 1


@pytest.mark.django_db
class TestSmtpErrors:
    def test_an_smtp_error_raises_counts_the_attempt_and_keeps_it_pending(self, smtp_down):
        notice = NotificationFactory()
        with pytest.raises(services.SendFailed, match="SMTPException"):
            services.notification_send(notification_id=notice.pk)
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.PENDING
        assert notice.attempts == 1
        assert "421 Service not available" in notice.last_error
        assert notice.sent_at is None
        assert mail.outbox == []

        smtp_down.restore()
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.SENT
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.SENT
        assert notice.attempts == 2
        assert len(mail.outbox) == 1

    def test_after_the_last_attempt_the_notice_is_failed(self, smtp_down):
        notice = NotificationFactory()
        for attempt in range(1, settings.NOTIFICATION_MAX_ATTEMPTS):
            with pytest.raises(services.SendFailed):
                services.notification_send(notification_id=notice.pk)
            notice.refresh_from_db()
            assert (notice.status, notice.attempts) == (DeliveryStatus.PENDING, attempt)
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.FAILED
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.FAILED
        assert notice.attempts == settings.NOTIFICATION_MAX_ATTEMPTS
        assert len(smtp_down.calls) == settings.NOTIFICATION_MAX_ATTEMPTS

        smtp_down.restore()
        assert services.notification_send(notification_id=notice.pk) == DeliveryStatus.FAILED
        assert mail.outbox == []
        # The requeue leaves failed notices alone.
        age(notice, settings.NOTIFICATION_REQUEUE_AFTER_MINUTES + 1)
        assert services.notifications_requeue_pending() == 0

    def test_the_task_retries_until_it_gives_up(self, smtp_down, settings, retries_run_at_once):
        settings.NOTIFICATION_MAX_ATTEMPTS = 3
        notice = NotificationFactory()
        result = send_notification.apply(args=[str(notice.pk)])
        assert result.get() == DeliveryStatus.FAILED
        notice.refresh_from_db()
        assert notice.status == DeliveryStatus.FAILED
        assert notice.attempts == 3
        assert len(smtp_down.calls) == 3

    def test_the_task_succeeds_on_a_retry(self, monkeypatch, retries_run_at_once):
        notice = NotificationFactory()
        original = EmailMultiAlternatives.send
        calls = []

        def flaky(self, fail_silently=False):
            calls.append(1)
            if len(calls) == 1:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
            return original(self, fail_silently=fail_silently)

        monkeypatch.setattr(EmailMultiAlternatives, "send", flaky)
        result = send_notification.apply(args=[str(notice.pk)])
        assert result.get() == DeliveryStatus.SENT
        notice.refresh_from_db()
        assert (notice.status, notice.attempts) == (DeliveryStatus.SENT, 2)
        assert len(mail.outbox) == 1


@pytest.fixture(scope="module")
def every_task():
    """Every app's tasks registered, as the worker's autodiscovery does."""
    celery_app.loader.import_default_modules()
    return celery_app.tasks


@pytest.mark.usefixtures("every_task")
class TestTaskDeclarations:
    def test_send_acknowledges_late_and_retries_with_backoff_on_send_failures(self):
        task = celery_app.tasks["notifications.send"]
        assert task.acks_late is True
        assert task.autoretry_for == (services.SendFailed,)
        assert task.retry_backoff
        assert task.retry_backoff_max
        assert task.max_retries >= settings.NOTIFICATION_MAX_ATTEMPTS


@pytest.mark.django_db
class TestBrokerDown:
    def test_the_requeue_sends_only_old_pending_notices(self):
        old = NotificationFactory()
        age(old, settings.NOTIFICATION_REQUEUE_AFTER_MINUTES + 1)
        young = NotificationFactory()
        for status in (DeliveryStatus.SENT, DeliveryStatus.SKIPPED, DeliveryStatus.FAILED):
            age(NotificationFactory(status=status), 60)
        assert services.notifications_requeue_pending() == 1
        assert [m.to for m in mail.outbox] == [[old.recipient.email]]
        young.refresh_from_db()
        assert young.status == DeliveryStatus.PENDING


def test_requeue_leaves_retrying_notices_to_their_backoff(db, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from apps.notifications import services
    from apps.notifications.tasks import send_notification
    from apps.notifications.tests.factories import NotificationFactory

    old = timezone.now() - timedelta(hours=1)
    fresh = NotificationFactory(status="pending", attempts=0)
    lost = NotificationFactory(status="pending", attempts=0)
    retrying = NotificationFactory(status="pending", attempts=2, last_attempt_at=timezone.now())
    stale = NotificationFactory(
        status="pending", attempts=3, last_attempt_at=timezone.now() - timedelta(hours=3)
    )
    type(lost).objects.filter(pk__in=[lost.pk, retrying.pk, stale.pk]).update(created_at=old)
    sent = []
    monkeypatch.setattr(
        send_notification, "delay", lambda notification_id: sent.append(notification_id)
    )
    assert services.notifications_requeue_pending() == 2
    assert set(sent) == {str(lost.pk), str(stale.pk)}
    assert str(fresh.pk) not in sent and str(retrying.pk) not in sent
