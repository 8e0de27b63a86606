"""Celery tasks: take ids and call a service; each is safe to run twice."""

from celery import shared_task

from apps.webhooks import services


@shared_task(name="webhooks.deliver", acks_late=True)
def deliver_webhook(delivery_id: str) -> str:
    # Retries are scheduled on the row (`next_attempt_at`), not by Celery: they survive a
    # lost message, and a retry hours away does not sit in the broker.
    return services.delivery_attempt(delivery_id=delivery_id)


@shared_task(name="webhooks.enqueue_due", acks_late=True)
def enqueue_due() -> int:
    return services.deliveries_enqueue_due()
