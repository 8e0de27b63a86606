"""Writes every app shares: the audit log and housekeeping."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from apps.core.models import AuditEntry


def audit_record(
    *, actor: AbstractBaseUser | None, action: str, target: models.Model, note: str = ""
) -> AuditEntry:
    """Write one audit line; called by the services that make moderation decisions."""
    return AuditEntry.objects.create(
        actor_id=actor.pk if actor is not None else None,
        actor_email=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:255],
        note=(note or "")[:5000],
    )


def audit_forget_actor(*, user: AbstractBaseUser) -> int:
    """On erasure: the decisions stay on record, the person's address does not."""
    return AuditEntry.objects.filter(actor_id=user.pk).update(
        actor=None, actor_email="(erased account)"
    )


def sessions_purge_expired() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
