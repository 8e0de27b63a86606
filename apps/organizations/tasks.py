from celery import shared_task

from apps.organizations import services


@shared_task(
    name="organizations.send_invitation",
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=6,
)
def send_invitation(invitation_id: str) -> bool:
    """Emails the invitation; a second run finds it sent and does nothing."""
    return services.invitation_send(invitation_id=invitation_id)
