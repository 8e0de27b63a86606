"""Full-text search and counting that stay bounded however large a table grows.

Shared by the job board and the talent pool:
- counts stop at `COUNT_CAP`: past it a list says "10,000+" and pages stop there, as the
  big job boards do, so a broad search never counts 100,000 rows;
- relevance is ranked over the newest `RANK_WINDOW` matches only, and the rest follow newest
  first, so a broad word never ranks every row that holds it;
- a search with few matches collects them through its indexes and sorts them, instead of
  walking the newest-first index and testing every row's words (`few_matches_plan`).
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection, transaction
from django.db.models import Expression, F, QuerySet

COUNT_CAP = 10_000
RANK_WINDOW = 1_000
CACHE_SECONDS = 600
# Changed whenever what is cached changes shape, so that new code never reads an answer the
# code before it cached under the same data version (a deploy changes no data).
CACHE_FORMAT = 2
T = TypeVar("T")


def data_version(sql: str, params: list | tuple = ()) -> str | None:
    """The version of some data, read by `sql` (one row), or None when nothing may be cached.

    The versions are kept by PostgreSQL triggers in the transaction of every write, so a new
    version is seen exactly when the write commits. A transaction with uncommitted writes of
    its own gets None: what it reads must not be cached under a version that a rollback would
    hand out again.
    """
    if not settings.USES_POSTGRES:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_current_xact_id_if_assigned() IS NOT NULL, * FROM ({sql}) AS current",  # noqa: S608
            params,
        )
        writing, *values = cursor.fetchone()
    if writing:
        return None
    return ":".join(
        "-" if value is None else str(value.timestamp() if hasattr(value, "timestamp") else value)
        for value in values
    )


def cached_under(version: str | None, name: str, signature: str, compute: Callable[[], T]) -> T:
    """`compute()`, cached under the data's version (none: computed every time)."""
    if version is None:
        return compute()
    digest = hashlib.sha1(signature.encode(), usedforsecurity=False).hexdigest()
    key = f"{name}:{CACHE_FORMAT}:{version}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def search_query(text: str) -> Any:
    """The words as typed (web-search syntax), stemmed in English or taken as they are."""
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(text, search_type="websearch", config="english") | SearchQuery(
        text, search_type="websearch", config="simple"
    )


def search_matches(
    queryset: QuerySet, text: str, *, vector: str = "search_vector", query: Any = None
) -> QuerySet:
    """Rows whose GIN-indexed vector matches the words (PostgreSQL only); `query` is the
    words as a tsquery when the caller builds its own (`search_query` otherwise)."""
    return queryset.filter(**{vector: search_query(text) if query is None else query})


def capped_count(queryset: QuerySet, cap: int | None = None) -> int:
    """The number of rows, counting no further than `cap` + 1 (which means "more than cap");
    COUNT_CAP unless told."""
    cap = COUNT_CAP if cap is None else cap
    return queryset.order_by().values("pk")[: cap + 1].count()


@contextmanager
def planner_settings(**values: str) -> Iterator[None]:
    """The queries inside run with these planner settings (PostgreSQL's `SET LOCAL`, inside a
    transaction of their own); the settings before are restored after them."""
    names = list(values)
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join("current_setting(%s), set_config(%s, %s, true)" for _ in names),
            [part for name in names for part in (name, name, values[name])],
        )
        row = cursor.fetchone()
        previous = {name: row[2 * position] for position, name in enumerate(names)}
        try:
            yield
        finally:
            if not outermost:  # the end of the transaction restores them otherwise
                cursor.execute(
                    "SELECT " + ", ".join("set_config(%s, %s, true)" for _ in names),
                    [part for name in names for part in (name, previous[name])],
                )


@contextmanager
def few_matches_plan(matches: int | None) -> Iterator[None]:
    """The queries inside find a search's matches through the indexes, then sort them, when
    there are at most COUNT_CAP of them (`matches`, as counted; None: unknown).

    PostgreSQL cannot tell how rare a word is. To find the newest matches it walks the
    newest-first index and tests the words against every row it passes: for a word that 4%
    of the board holds, 26,000 rows read to find the 1,000 to rank (200 ms at 100,000
    vacancies), and every row for a word that none holds. Collecting the few matches from
    the GIN index and sorting them reads only those (20 ms). Past the cap the matches are
    dense and the walk finds them soon: its plan is kept.
    """
    if matches is None or matches > COUNT_CAP or not settings.USES_POSTGRES:
        yield
        return
    with planner_settings(enable_indexscan="off", enable_seqscan="off"):
        yield


def ranked_ids(
    queryset: QuerySet,
    *,
    text: str,
    newest: tuple[str, ...],
    offset: int,
    limit: int,
    window: int = RANK_WINDOW,
    vector: str = "search_vector",
    rank: Expression | None = None,
    query: Any = None,
) -> list:
    """Primary keys of one page in order of relevance, ranking at most `window` rows.

    `queryset` holds the matches. The newest `window` of them are ranked; the matches past
    the window follow, newest first. Together they are every match exactly once. On
    PostgreSQL the rank is `SearchRank` over `vector`; elsewhere it is `rank` (the embedded
    default's FTS5 relevance), and without one the matches stay newest first. `query` is
    the tsquery the matches were found with, when it is not `search_query(text)`.
    """
    ids: list = []
    if offset < window and (settings.USES_POSTGRES or rank is not None):
        if settings.USES_POSTGRES:
            from django.contrib.postgres.search import SearchRank

            rank = SearchRank(F(vector), search_query(text) if query is None else query)
        candidates = queryset.order_by(*newest).values("pk")[:window]
        ranked = (
            queryset.model.objects.filter(pk__in=candidates)
            .annotate(rank=rank)
            .order_by("-rank", *newest)
            .values_list("pk", flat=True)
        )
        ids = list(ranked[offset : min(offset + limit, window)])
        if offset + limit <= window:
            return ids
    elif offset < window:
        window = 0  # no ranking without PostgreSQL: newest first throughout
    start = max(offset, window)
    rest = queryset.order_by(*newest).values_list("pk", flat=True)
    return ids + list(rest[start : offset + limit])


class CountedPaginator(Paginator):
    """A paginator told its (capped) count, so it never counts the rows itself."""

    def __init__(self, object_list: Any, per_page: Any, *, count: int, **kwargs: Any):
        super().__init__(object_list, per_page, **kwargs)
        self.count_is_capped = count > COUNT_CAP
        self.count = min(count, COUNT_CAP)

    def page_number(self, number: Any, *, strict: bool) -> int:
        """The page asked for; past the end or not a number, an error when `strict`, else
        the first or last page (as `Paginator.get_page`)."""
        if strict:
            return self.validate_number(number)
        try:
            return self.validate_number(number)
        except PageNotAnInteger:
            return 1
        except EmptyPage:
            return self.num_pages
