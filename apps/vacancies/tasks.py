from celery import shared_task

from apps.vacancies import services


@shared_task(name="vacancies.expire_due", acks_late=True)
def expire_due() -> int:
    """Daily: mark vacancies past their date as expired; safe to run twice."""
    return services.vacancies_expire_due()


@shared_task(name="vacancies.notify_expiring", acks_late=True)
def notify_expiring() -> int:
    """Daily: warn organizations of vacancies expiring within 7 days; sends each warning once."""
    return services.vacancies_notify_expiring()
