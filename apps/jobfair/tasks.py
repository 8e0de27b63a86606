"""Celery tasks of the job fair: take ids or nothing, call a service, safe to run twice."""

from celery import shared_task

from apps.jobfair import services


@shared_task(name="jobfair.send_meeting_reminders", acks_late=True)
def send_meeting_reminders() -> int:
    """Every 5 minutes: reminders for meetings starting within the hour; each sent once."""
    return services.meetings_send_reminders()
