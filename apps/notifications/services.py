"""Notices and job alerts: rows written with their cause, sent after it commits, never twice."""

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.notifications.models import (
    AlertFrequency,
    DeliveryStatus,
    JobAlert,
    JobAlertMatch,
    Notification,
    NotificationKind,
    NotificationPreference,
)

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "notifications.job-alert.unsubscribe"
MAX_ALERTS_PER_USER = 20


def absolute_url(path: str) -> str:
    return path if path.startswith("http") else f"{settings.SITE_URL}{path}"


def email_wanted(*, user: User, kind: str) -> bool:
    preference = NotificationPreference.objects.filter(user=user, kind=kind).first()
    return True if preference is None else preference.email


def notify(
    *,
    recipient: User,
    kind: str,
    subject: str,
    template: str,
    context: dict | None = None,
    url: str = "",
    dedupe_key: str | None = None,
    headers: dict | None = None,
) -> Notification | None:
    """Write the notice in the caller's transaction; email it once that commits.

    `template` names `<app>/email/<name>` of the owning app: `.txt` and `.html` are rendered.
    With a `dedupe_key`, the same cause never creates a second notice.
    """
    if not recipient.is_active:
        return None
    context = {
        **(context or {}),
        "recipient": recipient,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "url": absolute_url(url) if url else "",
        "settings_url": absolute_url("/notifications/settings/"),
    }
    body = render_to_string(f"{template}.txt", context).strip()
    html_body = render_to_string(f"{template}.html", context)
    wants_email = email_wanted(user=recipient, kind=kind)
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                kind=kind,
                subject=subject[:200],
                body=body,
                html_body=html_body,
                url=url,
                dedupe_key=dedupe_key,
                headers=headers or {},
                status=DeliveryStatus.PENDING if wants_email else DeliveryStatus.SKIPPED,
            )
    except IntegrityError:
        if dedupe_key is None:
            raise
        return None  # this cause was notified already
    if wants_email:
        enqueue_send(notification_id=notification.pk)
    return notification


def notify_all(*, recipients: Iterable[User], **kwargs) -> list[Notification]:
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


def enqueue_send(*, notification_id) -> None:
    """After commit, so the worker finds the row; a lost message is re-sent by the requeue."""
    from apps.notifications.tasks import send_notification

    def send() -> None:
        try:
            send_notification.delay(str(notification_id))
        except Exception:  # noqa: BLE001  (broker down: the periodic requeue picks it up)
            logger.warning("Broker unreachable; notification %s stays pending", notification_id)

    transaction.on_commit(send)


class SendFailed(Exception):
    """The email could not be sent; the task retries with backoff."""


def notification_send(*, notification_id) -> str:
    """Send the email if the notice is still pending; lock the row so only one worker does."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
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
            to=[notification.recipient.email],
            headers=notification.headers or None,
        )
        if notification.html_body:
            message.attach_alternative(notification.html_body, "text/html")
        try:
            message.send(fail_silently=False)
        except Exception as error:
            notification.attempts += 1
            notification.last_error = f"{type(error).__name__}: {error}"[:2000]
            if notification.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
                notification.status = DeliveryStatus.FAILED
            notification.save(update_fields=["attempts", "last_error", "status"])
            if notification.status == DeliveryStatus.FAILED:
                return DeliveryStatus.FAILED
            raise SendFailed(notification.last_error) from error
        notification.status = DeliveryStatus.SENT
        notification.attempts += 1
        notification.sent_at = timezone.now()
        notification.save(update_fields=["status", "attempts", "sent_at"])
        return DeliveryStatus.SENT


def notifications_requeue_pending() -> int:
    """Re-enqueue notices still pending after a while: a broker outage delays, never loses."""
    from apps.notifications.tasks import send_notification

    cutoff = timezone.now() - timedelta(minutes=settings.NOTIFICATION_REQUEUE_AFTER_MINUTES)
    pending = Notification.objects.filter(status=DeliveryStatus.PENDING, created_at__lte=cutoff)
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
    unknown = set(email_by_kind) - set(NotificationKind.values)
    if unknown:
        raise ServiceError(
            {"kind": [_("Unknown kind: %(k)s.") % {"k": ", ".join(sorted(unknown))}]}
        )
    for kind, email in email_by_kind.items():
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"email": bool(email)}
        )


# --- Job alerts ---------------------------------------------------------------------------

ALERT_FILTERS = (
    "q",
    "organization",
    "sector",
    "contract",
    "experience",
    "workplace",
    "discipline",
    "city",
)


def clean_alert_filters(filters: dict) -> dict:
    """Only the job board's own filters, each valid, or a ServiceError naming the parameter."""
    from apps.vacancies.filters import VacancyFilter

    if not isinstance(filters, dict):
        raise ServiceError({"filters": [_("Give the filters as an object.")]})
    unknown = set(filters) - set(ALERT_FILTERS)
    if unknown:
        raise ServiceError({name: [_("Unknown filter.")] for name in sorted(unknown)})
    cleaned = {k: str(v).strip() for k, v in filters.items() if v not in (None, "")}
    filterset = VacancyFilter(cleaned)
    if not filterset.is_valid():
        raise ServiceError({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    return cleaned


def alert_default_name(filters: dict) -> str:
    parts = [filters.get("q", "")] + [
        filters[k] for k in ALERT_FILTERS if k != "q" and filters.get(k)
    ]
    return (", ".join(p for p in parts if p) or _("All new vacancies"))[:120]


def job_alert_create(
    *, user: User, filters: dict, frequency: str = AlertFrequency.DAILY, name: str = ""
) -> JobAlert:
    if not user.is_authenticated:
        raise ActionForbidden(_("Sign in to save a job alert."))
    if frequency not in AlertFrequency.values:
        raise ServiceError({"frequency": [_("Choose instant, daily or weekly.")]})
    cleaned = clean_alert_filters(filters)
    if JobAlert.objects.filter(user=user).count() >= MAX_ALERTS_PER_USER:
        raise ServiceError({"detail": _("At most %(n)d alerts.") % {"n": MAX_ALERTS_PER_USER}})
    return JobAlert.objects.create(
        user=user,
        filters=cleaned,
        frequency=frequency,
        name=(name or "").strip()[:120] or alert_default_name(cleaned),
        last_run_at=timezone.now(),
    )


def job_alert_update(*, user: User, alert: JobAlert, **fields) -> JobAlert:
    if alert.user_id != user.pk:
        raise ActionForbidden(_("This is not your alert."))
    if "frequency" in fields and fields["frequency"] not in AlertFrequency.values:
        raise ServiceError({"frequency": [_("Choose instant, daily or weekly.")]})
    if "filters" in fields:
        fields["filters"] = clean_alert_filters(fields["filters"])
    for name in ("name", "frequency", "filters", "is_active"):
        if name in fields:
            setattr(alert, name, fields[name])
    alert.save()
    return alert


def job_alert_delete(*, user: User, alert: JobAlert) -> None:
    if alert.user_id != user.pk:
        raise ActionForbidden(_("This is not your alert."))
    alert.delete()


def unsubscribe_token(alert: JobAlert) -> str:
    return signing.dumps(str(alert.pk), salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(alert: JobAlert) -> str:
    return absolute_url(f"/alerts/{alert.pk}/unsubscribe/{unsubscribe_token(alert)}/")


def unsubscribe_check(*, alert_id, token: str) -> None:
    """The token proves the link was made for this very alert; anything else is refused."""
    try:
        signed_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ServiceError({"detail": _("This unsubscribe link is not valid.")}) from error
    if str(signed_id) != str(alert_id):
        raise ServiceError({"detail": _("This unsubscribe link is not valid.")})


def job_alert_unsubscribe(*, alert_id, token: str) -> JobAlert:
    """One click from the email, without signing in."""
    unsubscribe_check(alert_id=alert_id, token=token)
    alert = JobAlert.objects.filter(pk=alert_id).first()
    if alert is None:
        raise ServiceError({"detail": _("This alert no longer exists.")})
    if alert.is_active:
        alert.is_active = False
        alert.save(update_fields=["is_active"])
    return alert


def _matches_structured(vacancy_facts: dict, filters: dict) -> bool:
    for key, value in filters.items():
        if key == "q":
            continue
        if key == "sector":
            if value not in vacancy_facts["sectors"]:
                return False
        elif key == "city":
            if vacancy_facts["city"] != value.lower():
                return False
        elif key == "organization":
            if vacancy_facts["organization"] != value:
                return False
        elif vacancy_facts.get(key) != value:
            return False
    return True


def job_alerts_match(*, vacancy_ids: Iterable[int]) -> int:
    """Record which active alerts each newly published vacancy matches.

    Structured filters are checked in memory against the batch; free-text searches run one
    query per distinct search over the batch. No query per (alert, vacancy) pair.
    """
    from apps.vacancies.models import Vacancy
    from apps.vacancies.selectors import vacancy_search

    vacancies = list(
        Vacancy.objects.filter(pk__in=list(vacancy_ids))
        .select_related("organization")
        .prefetch_related("sectors")
    )
    if not vacancies:
        return 0
    facts = {
        v.pk: {
            "sectors": {s.slug for s in v.sectors.all()},
            "city": v.city.lower(),
            "organization": v.organization.slug,
            "contract": v.contract,
            "experience": v.experience,
            "workplace": v.workplace,
            "discipline": v.discipline,
        }
        for v in vacancies
    }
    batch = Vacancy.objects.filter(pk__in=list(facts))
    text_hits: dict[str, set[int]] = {}
    matches = []
    alerts = JobAlert.objects.filter(is_active=True).only("pk", "filters").iterator(chunk_size=2000)
    for alert in alerts:
        filters = alert.filters or {}
        candidates = [pk for pk, f in facts.items() if _matches_structured(f, filters)]
        query = filters.get("q", "").strip()
        if query and candidates:
            if query not in text_hits:
                text_hits[query] = set(vacancy_search(batch, query).values_list("pk", flat=True))
            candidates = [pk for pk in candidates if pk in text_hits[query]]
        matches.extend(JobAlertMatch(alert_id=alert.pk, vacancy_id=pk) for pk in candidates)
    JobAlertMatch.objects.bulk_create(matches, ignore_conflicts=True, batch_size=5000)
    return len(matches)


def _deliver_matches(alerts: Iterable[JobAlert], *, digest: bool) -> int:
    """One notice per alert for its matches not yet sent; each match is sent once."""
    from apps.vacancies.selectors import live_vacancies

    delivered = 0
    for alert in alerts:
        with transaction.atomic():
            pending = list(
                JobAlertMatch.objects.select_for_update(skip_locked=True)
                .filter(alert=alert, notification__isnull=True)
                .order_by("created_at")[:50]
            )
            if not pending:
                continue
            vacancies = list(live_vacancies().filter(pk__in=[m.vacancy_id for m in pending]))
            if not vacancies:
                JobAlertMatch.objects.filter(pk__in=[m.pk for m in pending]).delete()
                continue
            count = len(vacancies)
            subject = (
                _("%(n)d new vacancies for “%(name)s”") % {"n": count, "name": alert.name}
                if count > 1
                else _("New vacancy for “%(name)s”: %(title)s")
                % {"name": alert.name, "title": vacancies[0].title}
            )
            unsubscribe = unsubscribe_url(alert)
            notification = notify(
                recipient=alert.user,
                kind=NotificationKind.JOB_ALERT,
                subject=subject,
                template="notifications/email/job_alert",
                context={
                    "alert": alert,
                    "vacancies": [(v, absolute_url(v.get_absolute_url())) for v in vacancies],
                    "digest": digest,
                    "unsubscribe_url": unsubscribe,
                    "edit_url": absolute_url("/alerts/"),
                },
                url="/alerts/",
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
            )
            JobAlertMatch.objects.filter(pk__in=[m.pk for m in pending]).update(
                notification=notification
            )
            JobAlert.objects.filter(pk=alert.pk).update(last_run_at=timezone.now())
            delivered += 1
    return delivered


def job_alerts_deliver_instant(*, vacancy_ids: Iterable[int]) -> int:
    alert_ids = (
        JobAlertMatch.objects.filter(
            vacancy_id__in=list(vacancy_ids),
            notification__isnull=True,
            alert__frequency=AlertFrequency.INSTANT,
            alert__is_active=True,
        )
        .values_list("alert_id", flat=True)
        .distinct()
    )
    alerts = JobAlert.objects.filter(pk__in=list(alert_ids)).select_related("user")
    return _deliver_matches(alerts, digest=False)


def job_alert_digests_send(*, frequency: str) -> int:
    alerts = (
        JobAlert.objects.filter(
            frequency=frequency, is_active=True, matches__notification__isnull=True
        )
        .distinct()
        .select_related("user")
    )
    return _deliver_matches(alerts, digest=True)


def job_alerts_on_publish(*, vacancy_ids: list[int]) -> None:
    """Called when vacancies are published: match and send instant alerts after commit."""
    from apps.notifications.tasks import match_job_alerts

    def enqueue() -> None:
        try:
            match_job_alerts.delay(list(vacancy_ids))
        except Exception:  # noqa: BLE001
            logger.warning(
                "Broker unreachable; alerts for %s run with the next digest", vacancy_ids
            )

    transaction.on_commit(enqueue)
