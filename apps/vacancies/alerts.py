"""Job alerts: saved job board searches, matched against newly published vacancies.

A match is a row, unique per alert and vacancy, so a vacancy is never sent twice on one
alert. Instant alerts are delivered right after matching; daily and weekly ones by the
digest tasks. The notices themselves go through the notification pipeline.
"""

import logging
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core import signing
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.broker import publish
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.notifications.services import absolute_url, notify
from apps.vacancies.filters import VacancyFilter
from apps.vacancies.models import AlertFrequency, JobAlert, JobAlertMatch, Vacancy, VacancyNotice
from apps.vacancies.selectors import alert_filter_labels, live_vacancies, vacancy_search

logger = logging.getLogger(__name__)
# Unchanged since alerts lived in notifications, so the links in sent emails keep working.
UNSUBSCRIBE_SALT = "notifications.job-alert.unsubscribe"
MAX_ALERTS_PER_USER = 20


ALERT_FILTERS = (
    "q",
    "organization",
    "sector",
    "contract",
    "experience",
    "workplace",
    "discipline",
    "city",
    "language",
)


def clean_alert_filters(filters: dict) -> dict:
    """Only the job board's own filters, each valid, or a ServiceError naming the parameter."""
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
    """The search in words, the way the job board labels its filters: "antibody, Internship"."""
    parts = [shown for _label, shown in alert_filter_labels(filters=filters)]
    return (", ".join(parts) or _("All new vacancies"))[:120]


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


def job_alert_update(*, user: User, alert: JobAlert, **fields: Any) -> JobAlert:
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


def unsubscribe_check(*, alert_id: UUID | str, token: str) -> None:
    """The token proves the link was made for this very alert; anything else is refused."""
    try:
        signed_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as error:
        raise ServiceError({"detail": _("This unsubscribe link is not valid.")}) from error
    if str(signed_id) != str(alert_id):
        raise ServiceError({"detail": _("This unsubscribe link is not valid.")})


def job_alert_unsubscribe(*, alert_id: UUID | str, token: str) -> JobAlert:
    """One click from the email, without signing in."""
    unsubscribe_check(alert_id=alert_id, token=token)
    alert = JobAlert.objects.filter(pk=alert_id).first()
    if alert is None:
        raise ServiceError({"detail": _("This alert no longer exists.")})
    if alert.is_active:
        alert.is_active = False
        alert.save(update_fields=["is_active"])
    return alert


STRUCTURED_FILTERS = (
    "sector",
    "city",
    "organization",
    "contract",
    "experience",
    "workplace",
    "discipline",
    "language",
)


def _batch_index(vacancies: Any) -> tuple[set[int], dict[str, dict[str, set[int]]]]:
    """For each filter, which vacancies of the batch carry each value."""
    index: dict[str, dict[str, set[int]]] = {key: {} for key in STRUCTURED_FILTERS}
    for vacancy in vacancies:
        values = {
            "city": [vacancy.city.lower()],
            "organization": [vacancy.organization.slug],
            "sector": [sector.slug for sector in vacancy.sectors.all()],
            "contract": [vacancy.contract],
            "experience": [vacancy.experience],
            "workplace": [vacancy.workplace],
            "discipline": [vacancy.discipline],
            "language": [vacancy.language],
        }
        for key, found in values.items():
            for value in found:
                index[key].setdefault(value, set()).add(vacancy.pk)
    return {vacancy.pk for vacancy in vacancies}, index


def job_alerts_match(*, vacancy_ids: Iterable[int]) -> int:
    """Record which active alerts each newly published vacancy matches.

    The batch is indexed by filter value, so an alert costs a few set intersections;
    free-text searches run one query per distinct search over the batch. No query per
    (alert, vacancy) pair. `make bench` measures it.
    """
    vacancies = list(
        Vacancy.objects.filter(pk__in=list(vacancy_ids))
        .select_related("organization")
        .prefetch_related("sectors")
    )
    if not vacancies:
        return 0
    every, index = _batch_index(vacancies)
    batch = Vacancy.objects.filter(pk__in=every)
    text_hits: dict[tuple[str, str], set[int]] = {}
    empty: set[int] = set()
    total = 0
    matches: list[tuple] = []
    alerts = JobAlert.objects.filter(is_active=True, user__is_active=True).values_list(
        "pk", "filters"
    )
    for alert_id, filters in alerts.iterator(chunk_size=5000):
        filters = filters or {}
        candidates = every
        for key in STRUCTURED_FILTERS:
            value = filters.get(key)
            if value:
                value = value.lower() if key == "city" else value
                candidates = candidates & index[key].get(value, empty)
                if not candidates:
                    break
        query = (filters.get("q") or "").strip()
        if query and candidates:
            # As the board searches: in the chosen language's stemming, or in all three.
            language = filters.get("language") or ""
            if (query, language) not in text_hits:
                found = vacancy_search(batch, query, filters={"language": language})
                text_hits[query, language] = set(found.values_list("pk", flat=True))
            candidates = candidates & text_hits[query, language]
        matches.extend((alert_id, pk) for pk in candidates)
        if len(matches) >= 100_000:
            total += _store_matches(matches)
            matches = []
    return total + _store_matches(matches)


@transaction.atomic
def _store_matches(pairs: list[tuple]) -> int:
    """Insert (alert, vacancy) pairs, skipping those already recorded (never sent twice)."""
    if not pairs:
        return 0
    if connection.vendor != "postgresql":
        JobAlertMatch.objects.bulk_create(
            [JobAlertMatch(alert_id=a, vacancy_id=v) for a, v in pairs],
            ignore_conflicts=True,
            batch_size=5000,
        )
        return len(pairs)
    # COPY into a scratch table, then one INSERT: hundreds of thousands of rows in seconds.
    table = JobAlertMatch._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS job_alert_match_load "
            "(alert_id uuid, vacancy_id bigint) ON COMMIT DROP"
        )
        with cursor.cursor.copy(
            "COPY job_alert_match_load (alert_id, vacancy_id) FROM STDIN"
        ) as copy:
            for pair in pairs:
                copy.write_row(pair)
        cursor.execute(
            f"INSERT INTO {table} (alert_id, vacancy_id, created_at) "  # noqa: S608
            "SELECT alert_id, vacancy_id, %s FROM job_alert_match_load "
            "ON CONFLICT (alert_id, vacancy_id) DO NOTHING",
            [timezone.now()],
        )
        cursor.execute("TRUNCATE job_alert_match_load")
    return len(pairs)


def _deliver_matches(alerts: Iterable[JobAlert], *, digest: bool) -> int:
    """One notice per alert for its matches not yet sent; each match is sent once."""
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
                kind=VacancyNotice.JOB_ALERT,
                subject=subject,
                template="vacancies/email/job_alert",
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
    from apps.vacancies.tasks import match_job_alerts

    def enqueue() -> None:
        if not publish(match_job_alerts, list(vacancy_ids)):
            # Broker down: match here, so no match is lost; the notices this writes stay
            # pending and the periodic requeue sends them once the broker is back.
            logger.warning("Matching job alerts for %s here", vacancy_ids)
            try:
                job_alerts_match(vacancy_ids=vacancy_ids)
                job_alerts_deliver_instant(vacancy_ids=vacancy_ids)
            except Exception:  # noqa: BLE001  (the publish has committed; never fail it now)
                logger.exception("Matching job alerts for %s failed", vacancy_ids)

    transaction.on_commit(enqueue)
