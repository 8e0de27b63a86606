from celery import shared_task

from apps.core import services


@shared_task(name="core.purge_expired_sessions", acks_late=True)
def purge_expired_sessions() -> int:
    """Daily housekeeping; deleting what is already expired is safe to run twice."""
    return services.sessions_purge_expired()
