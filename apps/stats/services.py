"""Every write of the statistics: the vacancy view counter and its periodic flush.

Counting a view must not slow the vacancy page down, so the page only increments a
counter in the cache (key `vacancy-views:<vacancy id>:<local date>`): no database write.
`vacancy_views_flush`, run by Celery beat every few minutes, moves the cached counts into
`VacancyDailyViews` rows with `F()` increments.

Which keys to flush: only views of a live vacancy are counted, so the flush looks up the
counters of every vacancy that was live during the last `KEY_DAYS` days with
`cache.get_many` (chunked). That needs nothing beyond the portable cache API, so the
local-memory cache and Redis behave the same, and no index of keys can get out of step
with the counters.

Without Redis (the embedded default) there is no beat and the local-memory cache lives in
one process, so `VACANCY_VIEWS_IN_CACHE` is off there and each view is one UPDATE of the
day's row instead: a single developer's portal shows real figures at once.

Running the flush twice is safe: a counter is claimed by decrementing it by the amount
read, so a second run finds zero (or only the views that arrived since); a cache lock
keeps two runs from overlapping; if the database write fails, the claimed counts go back
to the cache for the next run.
"""

import contextlib
import logging
import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from apps.accounts.models import AnyUser
from apps.organizations.models import Organization
from apps.stats import permissions
from apps.stats.models import VacancyDailyViews
from apps.vacancies.models import Vacancy

logger = logging.getLogger(__name__)

KEY_PREFIX = "vacancy-views"
# A day's counter lives this many days, and the flush looks back as far: a flush that is
# late (beat or broker down for a while) still finds yesterday's counts.
KEY_DAYS = 3
KEY_TIMEOUT = int(timedelta(days=KEY_DAYS, hours=1).total_seconds())
FLUSH_LOCK_KEY = f"{KEY_PREFIX}:flush-lock"
# Longer than the task's hard time limit, so a killed worker blocks the flush only briefly.
FLUSH_LOCK_TIMEOUT = getattr(settings, "CELERY_TASK_TIME_LIMIT", 90) + 30
FLUSH_CHUNK = 500
BOT_MARKERS = ("bot", "spider", "crawl")


def view_key(*, vacancy_id: int, day: date) -> str:
    return f"{KEY_PREFIX}:{vacancy_id}:{day.isoformat()}"


def is_bot(user_agent: str) -> bool:
    """A simple check: crawlers say so in their user agent."""
    agent = (user_agent or "").lower()
    return any(marker in agent for marker in BOT_MARKERS)


def vacancy_view_record(
    *,
    vacancy_id: int,
    organization: Organization | None = None,
    user: AnyUser | None = None,
    user_agent: str = "",
    live: bool = True,
) -> bool:
    """Count one view of a vacancy's page, in the cache only; True when it was counted.

    Not counted: a vacancy that is not live (only staff and members see those), robots,
    and the members of the vacancy's own organization. A cache failure is logged and
    never breaks the page.
    """
    if not live or is_bot(user_agent):
        return False
    if user is not None and not permissions.counts_as_view(user, organization):
        return False
    if not settings.VACANCY_VIEWS_IN_CACHE:
        _count_in_database(vacancy_id=vacancy_id, day=timezone.localdate())
        return True
    key = view_key(vacancy_id=vacancy_id, day=timezone.localdate())
    try:
        try:
            cache.incr(key)
        except ValueError:
            # The day's first view; if another request created the key meanwhile, add to it.
            if not cache.add(key, 1, timeout=KEY_TIMEOUT):
                cache.incr(key)
    except Exception:
        logger.warning("Vacancy view of %s not counted: cache unavailable", vacancy_id)
        return False
    return True


def _count_in_database(*, vacancy_id: int, day: date) -> None:
    """Without Redis there is no beat to flush a cache: count straight into the day's row."""
    with transaction.atomic():
        VacancyDailyViews.objects.bulk_create(
            [VacancyDailyViews(vacancy_id=vacancy_id, date=day, count=0)], ignore_conflicts=True
        )
        VacancyDailyViews.objects.filter(vacancy_id=vacancy_id, date=day).update(
            count=F("count") + 1
        )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _parse_key(key: str) -> tuple[int, date]:
    _prefix, vacancy_id, day = key.split(":")
    return int(vacancy_id), date.fromisoformat(day)


def _counted_vacancy_ids(*, since: date) -> list[int]:
    """Every vacancy that may have been live on or after the day given."""
    start = timezone.make_aware(datetime.combine(since, time.min))
    return list(
        Vacancy.objects.filter(published_at__isnull=False, expires_at__gte=start)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _claim(keys: list[str]) -> dict[str, int]:
    """Take the counts out of the cache: decrement each counter by the amount read."""
    claimed: dict[str, int] = {}
    for key, value in cache.get_many(keys).items():
        if not isinstance(value, int) or value <= 0:
            continue
        # If the counter expired in between, nobody else will count these views: we do.
        with contextlib.suppress(ValueError):
            cache.decr(key, value)
        claimed[key] = value
    return claimed


def _give_back(claimed: dict[str, int]) -> None:
    for key, value in claimed.items():
        try:
            cache.incr(key, value)
        except ValueError:
            if not cache.add(key, value, timeout=KEY_TIMEOUT):
                cache.incr(key, value)


def _write(claimed: dict[str, int]) -> int:
    """Add the claimed counts to the daily rows, creating the missing rows first."""
    counts = {_parse_key(key): value for key, value in claimed.items()}
    with transaction.atomic():
        existing = set(
            Vacancy.objects.filter(pk__in={vacancy_id for vacancy_id, _ in counts}).values_list(
                "pk", flat=True
            )
        )
        counts = {k: v for k, v in counts.items() if k[0] in existing}
        VacancyDailyViews.objects.bulk_create(
            [VacancyDailyViews(vacancy_id=v, date=d, count=0) for v, d in counts],
            ignore_conflicts=True,
        )
        for (vacancy_id, day), value in counts.items():
            VacancyDailyViews.objects.filter(vacancy_id=vacancy_id, date=day).update(
                count=F("count") + value
            )
    return sum(counts.values())


def vacancy_views_flush(*, today: date | None = None) -> int:
    """Move the cached view counts into the database; returns the number of views moved.

    Safe to run twice or at the same time: a second run finds nothing left to move, and
    a run that finds another one in progress does nothing.
    """
    today = today or timezone.localdate()
    token = uuid.uuid4().hex
    if not cache.add(FLUSH_LOCK_KEY, token, timeout=FLUSH_LOCK_TIMEOUT):
        logger.info("Vacancy views flush skipped: another flush is running")
        return 0
    moved = 0
    try:
        days = [today - timedelta(days=n) for n in range(KEY_DAYS)]
        keys = [
            view_key(vacancy_id=vacancy_id, day=day)
            for vacancy_id in _counted_vacancy_ids(since=days[-1])
            for day in days
        ]
        for chunk in _chunks(keys, FLUSH_CHUNK):
            claimed = _claim(chunk)
            if not claimed:
                continue
            try:
                moved += _write(claimed)
            except Exception:
                _give_back(claimed)
                raise
    finally:
        if cache.get(FLUSH_LOCK_KEY) == token:
            cache.delete(FLUSH_LOCK_KEY)
    return moved
