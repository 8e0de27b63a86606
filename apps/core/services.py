from django.contrib.sessions.models import Session
from django.utils import timezone


def sessions_purge_expired() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
