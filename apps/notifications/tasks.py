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


@shared_task(name="notifications.match_job_alerts", acks_late=True)
def match_job_alerts(vacancy_ids: list[int]) -> int:
    services.job_alerts_match(vacancy_ids=vacancy_ids)
    return services.job_alerts_deliver_instant(vacancy_ids=vacancy_ids)


@shared_task(name="notifications.send_digests", acks_late=True)
def send_digests(frequency: str) -> int:
    return services.job_alert_digests_send(frequency=frequency)
