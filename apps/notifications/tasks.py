"""Celery tasks: take ids, load, call a service; every one is safe to run twice."""

from celery import shared_task

from apps.notifications import services


@shared_task(
    name="notifications.send",
    bind=True,
    acks_late=True,
    autoretry_for=(services.SendFailed,),
    retry_backoff=True,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def send_notification(self, notification_id: str) -> str:
    return services.notification_send(notification_id=notification_id)


@shared_task(name="notifications.requeue_pending", acks_late=True)
def requeue_pending() -> int:
    return services.notifications_requeue_pending()
