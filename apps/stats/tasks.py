from celery import shared_task

from apps.stats import services


@shared_task(name="stats.flush_vacancy_views", acks_late=True)
def flush_vacancy_views() -> int:
    """Every few minutes: move the cached vacancy view counts into the database.

    Safe to run twice: a second run finds nothing left to move.
    """
    return services.vacancy_views_flush()
