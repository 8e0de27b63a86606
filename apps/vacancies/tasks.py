from celery import shared_task

from apps.vacancies import alerts, services


@shared_task(name="vacancies.expire_due", acks_late=True)
def expire_due() -> int:
    """Daily: mark vacancies past their date as expired; safe to run twice."""
    return services.vacancies_expire_due()


@shared_task(name="vacancies.notify_expiring", acks_late=True)
def notify_expiring() -> int:
    """Daily: warn organizations of vacancies expiring within 7 days; sends each warning once."""
    return services.vacancies_notify_expiring()


@shared_task(name="vacancies.match_job_alerts", acks_late=True)
def match_job_alerts(vacancy_ids: list[int]) -> int:
    """Record the alerts newly published vacancies match, and send the instant ones."""
    alerts.job_alerts_match(vacancy_ids=vacancy_ids)
    return alerts.job_alerts_deliver_instant(vacancy_ids=vacancy_ids)


@shared_task(name="vacancies.send_alert_digests", acks_late=True)
def send_alert_digests(frequency: str) -> int:
    """Daily or weekly: one digest per alert of its matches not sent yet."""
    return alerts.job_alert_digests_send(frequency=frequency)
