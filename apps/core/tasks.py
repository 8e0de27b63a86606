from celery import shared_task

from apps.core import retention, services

# Each task run takes at most this many items per rule, well inside the time limits; a
# rule with more left enqueues itself again.
RETENTION_TASK_LIMIT = 2000


@shared_task(name="core.purge_expired_sessions", acks_late=True)
def purge_expired_sessions() -> int:
    """Daily housekeeping; deleting what is already expired is safe to run twice."""
    return services.sessions_purge_expired()


@shared_task(name="core.apply_retention", acks_late=True)
def apply_retention() -> list[str]:
    """Daily (beat): one task per retention rule, so a slow rule never holds up the others."""
    names = [rule.name for rule in retention.rules()]
    for name in names:
        apply_retention_rule.delay(name)
    return names


@shared_task(name="core.apply_retention_rule", acks_late=True)
def apply_retention_rule(name: str) -> dict[str, int]:
    """Apply one rule; safe to run twice, since what is done is no longer due."""
    [(_rule, steps)] = services.retention_apply(names=[name], limit=RETENTION_TASK_LIMIT)
    if any(step.left and step.done for step in steps):
        apply_retention_rule.delay(name)  # a backlog: carry on in a fresh task
    return {str(step.action): step.done for step in steps}
