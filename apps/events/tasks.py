from celery import shared_task

from apps.events import services


@shared_task(name="events.send_reminders", acks_late=True)
def send_reminders() -> int:
    """Every 15 minutes: reminders for events starting within 24 hours; each sent once."""
    return services.events_send_reminders()
