"""Notices: rows written with their cause, sent after it commits, never twice."""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.broker import publish
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.core.html import sanitize_html
from apps.core.i18n import localized_url
from apps.notifications.kinds import choosable_kind_values, is_always_emailed
from apps.notifications.models import (
    DeliveryStatus,
    Notification,
    NotificationPreference,
)
from apps.notifications.selectors import notifications_due

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    return path if path.startswith("http") else f"{settings.SITE_URL}{path}"


def email_wanted(*, user: User, kind: str) -> bool:
    if is_always_emailed(kind):
        return True
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return True if preference is None else preference.email


def _render(*, template: str, context: dict, url: str) -> tuple[str, str, str]:
    """The plain-text and HTML email, and the inbox message: the HTML template's message
    block alone (no greeting, button or footer), sanitised, with links within the portal.
    Rendered in the active language: notify() makes it the recipient's."""
    context = {
        **context,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "url": absolute_url(url) if url else "",
        "settings_url": absolute_url(reverse("notifications:preferences")),
    }
    body = render_to_string(f"{template}.txt", context).strip()
    html_body = render_to_string(f"{template}.html", context)
    message = sanitize_html(
        render_to_string(f"{template}.html", {**context, "inbox": True, "url": url})
    )
    return body, html_body, message


def _written(
    *, language: str, subject: Any, template: str, context: dict, url: str
) -> dict[str, Any]:
    """Subject, bodies, inbox message and link, all in `language`."""
    with translation.override(language):
        url = localized_url(url, language) if url else ""
        body, html_body, message = _render(template=template, context=context, url=url)
        return {
            "subject": str(subject)[:200],
            "body": body,
            "html_body": html_body,
            "message": message,
            "url": url,
        }


def _store(*, dedupe_key: str | None, **fields: Any) -> Notification | None:
    """Write the row in the caller's transaction; email it once that commits."""
    try:
        with transaction.atomic():
            notification = Notification.objects.create(dedupe_key=dedupe_key, **fields)
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None  # this cause was notified already
    if notification.status == DeliveryStatus.PENDING:
        enqueue_send(notification_id=notification.pk)
    return notification


def notification_retry_failed(*, dedupe_key: str) -> bool:
    """Its cause came again (an owner invites the same address again): a notice that failed
    for good is tried afresh. One still pending or already sent is left alone, so nothing
    is sent twice; the requeue takes care of a pending one."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .filter(dedupe_key=dedupe_key, status=DeliveryStatus.FAILED)
            .first()
        )
        if notification is None:
            return False
        notification.status = DeliveryStatus.PENDING
        notification.attempts = 0
        notification.last_error = ""
        notification.save(update_fields=["status", "attempts", "last_error"])
        enqueue_send(notification_id=notification.pk)
    return True


def notify(
    *,
    recipient: User,
    kind: str,
    subject: Any,
    template: str,
    context: dict | None = None,
    url: str = "",
    dedupe_key: str | None = None,
    headers: dict | None = None,
) -> Notification | None:
    """Write the notice in the caller's transaction; email it once that commits.

    `template` names `<app>/email/<name>` of the owning app: `.txt` and `.html` are rendered.
    With a `dedupe_key`, the same cause never creates a second notice.

    Everything is written in the recipient's language, not the language of whoever caused
    it: give the subject lazily (`lazy_format(gettext_lazy(...), ...)`), and any text or
    link in the context lazily too (choice labels, `reverse_absolute_lazy`). `url` is a
    page of the portal in any language (or none); it gets the recipient's prefix.
    """
    if not recipient.is_active:
        return None
    written = _written(
        language=recipient.language,
        subject=subject,
        template=template,
        context={**(context or {}), "recipient": recipient},
        url=url,
    )
    wants_email = email_wanted(user=recipient, kind=kind)
    return _store(
        recipient=recipient,
        kind=kind,
        **written,
        dedupe_key=dedupe_key,
        headers=headers or {},
        status=DeliveryStatus.PENDING if wants_email else DeliveryStatus.SKIPPED,
    )


def notify_address(
    *,
    email: str,
    kind: str,
    subject: Any,
    template: str,
    context: dict | None = None,
    url: str = "",
    dedupe_key: str | None = None,
    language: str | None = None,
) -> Notification | None:
    """A notice for someone without an account: emailed only, through the same pipeline.

    Nobody has told the portal their language yet: it is written in `language`, by default
    the language of the request that causes it (the page the inviter used)."""
    # The templates greet `recipient.display_name`: without an account, that is the address.
    written = _written(
        language=language or translation.get_language() or settings.LANGUAGE_CODE,
        subject=subject,
        template=template,
        context={**(context or {}), "recipient": {"display_name": email}},
        url=url,
    )
    return _store(
        email=email,
        kind=kind,
        **written,
        dedupe_key=dedupe_key,
        status=DeliveryStatus.PENDING,
    )


def notify_all(*, recipients: Iterable[User], **kwargs: Any) -> list[Notification]:
    seen: set[int] = set()
    created = []
    for recipient in recipients:
        if recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        key = kwargs.get("dedupe_key")
        notification = notify(
            recipient=recipient,
            **{**kwargs, "dedupe_key": f"{key}:{recipient.pk}" if key else None},
        )
        if notification:
            created.append(notification)
    return created


def enqueue_send(*, notification_id: UUID | str) -> None:
    """After commit, so the worker finds the row; a lost message is re-sent by the requeue."""
    from apps.notifications.tasks import send_notification

    # With the broker down the notice stays pending: the periodic requeue sends it.
    transaction.on_commit(lambda: publish(send_notification, str(notification_id)))


class SendFailed(Exception):
    """The email could not be sent; the task retries with backoff."""


def notification_send(*, notification_id: UUID | str) -> str:
    """Send the email if the notice is still pending; lock the row so only one worker does."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            return "missing"
        if notification.status != DeliveryStatus.PENDING:
            return notification.status
        message = EmailMultiAlternatives(
            subject=f"[{settings.SITE_NAME}] {notification.subject}",
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.address],
            headers=notification.headers or None,
        )
        if notification.html_body:
            message.attach_alternative(notification.html_body, "text/html")
        try:
            message.send(fail_silently=False)
        except Exception as error:
            notification.attempts += 1
            notification.last_attempt_at = timezone.now()
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
                notification.status = DeliveryStatus.FAILED
            notification.save(update_fields=["attempts", "last_attempt_at", "last_error", "status"])
            failure = error
        else:
            notification.status = DeliveryStatus.SENT
            notification.attempts += 1
            notification.sent_at = timezone.now()
            notification.save(update_fields=["status", "attempts", "sent_at"])
            return DeliveryStatus.SENT
    # Raised after the block commits, so the counted attempt is not rolled back with it.
    if notification.status == DeliveryStatus.FAILED:
        return DeliveryStatus.FAILED
    raise SendFailed(notification.last_error) from failure


def notifications_requeue_pending() -> int:
    """Re-enqueue notices still pending after a while: a broker outage delays, never loses."""
    from apps.notifications.tasks import send_notification

    now = timezone.now()
    cutoff = now - timedelta(minutes=settings.NOTIFICATION_REQUEUE_AFTER_MINUTES)
    # Never tried (the message was lost), or tried and failed longer ago than the task's
    # backoff would wait: the retry message itself was lost.
    backoff_max: int = send_notification.retry_backoff_max  # type: ignore[attr-defined]
    backoff = now - timedelta(seconds=backoff_max * 2)
    pending = Notification.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(attempts=0, created_at__lte=cutoff) | Q(attempts__gt=0, last_attempt_at__lte=backoff)
    )
    count = 0
    for notification_id in pending.values_list("pk", flat=True)[:5000]:
        send_notification.delay(str(notification_id))
        count += 1
    return count


# --- Inbox and preferences ----------------------------------------------------------------


def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise ActionForbidden(_("This is not your notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def preferences_set(*, user: User, email_by_kind: dict[str, bool]) -> None:
    unknown = set(email_by_kind) - set(choosable_kind_values())
    if unknown:
        raise ServiceError(
            {"kind": [_("Unknown kind: %(k)s.") % {"k": ", ".join(sorted(unknown))}]}
        )
    for kind, email in email_by_kind.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(email)}
        )


def personal_data_erase(*, user: User) -> None:
    """On erasure: notices sent to the address before it had an account go too.

    The account's own notices go with it (the foreign key cascades).
    """
    Notification.objects.filter(recipient__isnull=True, email__iexact=user.email).delete()


# --- How long notices are kept -------------------------------------------------------------


def _notifications_delete(ids: list) -> int:
    deleted, _by_model = Notification.objects.filter(pk__in=ids).delete()
    return deleted


def notifications_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    return [
        retention.run_in_batches(
            due=notifications_due(at=now),
            action=gettext_lazy("deleted"),
            apply=_notifications_delete,
            dry_run=dry_run,
            limit=limit,
        )
    ]


def notifications_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    months = settings.RETENTION_NOTIFICATIONS_MONTHS
    return retention.upcoming_from(
        due=notifications_due(at=until).only("pk", "kind", "subject", "created_at"),
        order_by=("created_at", "pk"),
        item=lambda notice: retention.DueItem(
            label=_("Notice “%(subject)s”") % {"subject": notice.subject},
            goes_at=retention.goes_at(start=notice.created_at, months=months),
        ),
        limit=limit,
    )


def notifications_period() -> str:
    return _("%(months)d months after they were sent") % {
        "months": settings.RETENTION_NOTIFICATIONS_MONTHS
    }
