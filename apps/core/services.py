"""Writes every app shares: the audit log, housekeeping, and running the retention rules."""

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import models
from django.utils import timezone

from apps.core import retention
from apps.core.models import AuditEntry

logger = logging.getLogger(__name__)


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


def retention_apply(
    *,
    now: datetime | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    names: Iterable[str] | None = None,
) -> list[tuple[retention.RetentionRule, Sequence[retention.Step]]]:
    """Run the retention rules every app registered (or those named), in order.

    Each rule checks under a lock what it is about to let go, so a run that overlaps
    another, or that runs twice, never does anything twice. A dry run changes nothing.
    """
    now = now or timezone.now()
    chosen = [retention.rule(name) for name in names] if names else retention.rules()
    outcome = []
    for rule in chosen:
        steps = rule.run(now=now, dry_run=dry_run, limit=limit)
        for step in steps:
            logger.info(
                "Retention %s%s: %s due, %s %s, %s left",
                rule.name,
                " (dry run)" if dry_run else "",
                step.due,
                step.done,
                step.action,
                step.left,
            )
        outcome.append((rule, steps))
    return outcome
