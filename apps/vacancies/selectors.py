"""Reads of the job board: every list bounded, organizations and sectors fetched up front.

At 100,000 live vacancies the job board stays fast because:
- the public board reads the narrow listing PostgreSQL keeps of every published vacancy
  (`BoardListing`), not the wide vacancy rows: a common word's matches are counted and faceted
  from memory, in one pass;
- the live list is read newest first from a partial index, and nobody's list needs DISTINCT
  (members see their own through EXISTS);
- counts stop at 10,000 and relevance ranks only the newest 1,000 matches (`apps.core.search`);
- without words, the facets of the whole board, and of the board with one or two values
  chosen, come from counts PostgreSQL keeps per facet value and per chosen value;
- counts, page ids and facets are cached under the board's version, which PostgreSQL bumps in
  the transaction of every write, and under the next expiry date, so a cached answer is never
  read once a vacancy was published, changed, closed or expired.
"""

import json
from collections import defaultdict
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchQueryField, SearchVectorField
from django.core.paginator import Page
from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    Func,
    Model,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import FilterSet

from apps.accounts.models import User
from apps.core import retention
from apps.core.personal_data import Holding, Link
from apps.core.search import (
    CountedPaginator,
    cached_under,
    capped_count,
    data_version,
    few_matches_plan,
    planner_settings,
    ranked_ids,
    search_matches,
)
from apps.organizations.agents import Actor, OrganizationAgent
from apps.organizations.models import Membership, Organization, Sector
from apps.privacy.selectors import live_consent
from apps.talent.models import ContractType
from apps.vacancies.filters import FACET_PARAMETERS
from apps.vacancies.language import SEARCH_CONFIGS, VacancyLanguage
from apps.vacancies.models import (
    Application,
    ApplicationStatus,
    BoardListing,
    Experience,
    JobAlert,
    Vacancy,
    VacancyStatus,
    Workplace,
)

# A withdrawn application no longer shares the applicant's profile and CV.
SHARING_STATUSES = [s for s in ApplicationStatus.values if s != ApplicationStatus.WITHDRAWN]
NEWEST = ("-published_at", "-pk")
BY_UPDATE = ("updated_at", "pk")
FACET_LIMIT = 12
# The listing's columns its filter tokens are made of (`vacancies_board_filter_tokens`).
TOKEN_COLUMNS = (
    "contract",
    "experience",
    "workplace",
    "discipline",
    "city",
    "organization_id",
    "sectors",
)
# The filters the listing has tokens for.
TOKEN_FILTERS = (
    "contract",
    "experience",
    "workplace",
    "discipline",
    "city",
    "organization",
    "sector",
)
# The facets that are plain columns, with their columns.
COLUMN_FACETS = {
    "contract": "contract",
    "experience": "experience",
    "workplace": "workplace",
    "city": "city",
    "organization": "organization_id",
    "language": "language",
}
T = TypeVar("T")


def _with_relations(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return queryset.select_related("organization").prefetch_related("sectors")


def _live(now: datetime) -> Q:
    return Q(status=VacancyStatus.PUBLISHED, expires_at__gt=now)


def live_vacancies(*, now: datetime | None = None) -> QuerySet[Vacancy]:
    """Published and not past their date: an expired vacancy disappears at once."""
    return _with_relations(Vacancy.objects.filter(_live(now or timezone.now()))).order_by(*NEWEST)


def board_rows(*, now: datetime) -> QuerySet:
    """The live job board as its searches, counts and facets read it, newest first.

    On PostgreSQL the narrow listing of published vacancies that the database keeps; on SQLite
    the vacancy rows. Either way the primary keys are the vacancies' ids.
    """
    if settings.USES_POSTGRES:
        return BoardListing.objects.filter(expires_at__gt=now).order_by(*NEWEST)
    return Vacancy.objects.filter(_live(now)).order_by(*NEWEST)


def _through_the_indexes() -> AbstractContextManager[None]:
    """The queries inside go through the listing's indexes rather than reading all of it.

    PostgreSQL costs every page as if it came from disk, so for a word that half the board
    holds it prefers reading the whole listing and testing every row's vector to fetching
    the rows its GIN index names; the listing stays in memory, where the index costs half
    as much (`docs/performance.md`). Only the facet pass, which counts every match, is told.
    """
    return planner_settings(enable_seqscan="off")


def sector_condition(model: type[Model], sector: Sector) -> Q:
    """The rows in the sector: the listing keeps a vacancy's sectors as an array, a vacancy
    relates to them."""
    if model is BoardListing:
        return Q(sectors__contains=[sector.pk])
    return Q(sectors=sector)


def vacancies_visible_to(
    *, user: Actor, now: datetime | None = None, include_ended: bool = False
) -> QuerySet[Vacancy]:
    """Live vacancies, plus every vacancy of the user's organizations; staff see all.

    An organization's API key sees its own organization's as a member does, and with
    `include_ended` also the closed and expired vacancies of everyone, which were public
    once: a mirror of the job board learns from them what to take down.
    """
    visible = _live(now or timezone.now())
    if isinstance(user, OrganizationAgent):
        visible |= Q(organization_id=user.organization.pk)
        if include_ended:
            visible |= Q(published_at__isnull=False) & Q(
                status__in=(VacancyStatus.PUBLISHED, VacancyStatus.CLOSED, VacancyStatus.EXPIRED)
            )
    elif user.is_authenticated and user.is_staff:
        visible = Q()
    elif user.is_authenticated:
        # EXISTS, not a join: a join repeats rows and would need DISTINCT over wide rows.
        membership = Membership.objects.filter(
            user=user, organization_id=OuterRef("organization_id")
        )
        visible |= Q(Exists(membership))
    return _with_relations(Vacancy.objects.filter(visible)).order_by(*NEWEST)


def vacancies_acted_on(*, user: Actor) -> QuerySet[Vacancy]:
    """The vacancies a caller may act on: for a key, its own organization's only, so another
    organization's answers 404; a person sees what they see, and the rules say what they may."""
    queryset = vacancies_visible_to(user=user)
    if isinstance(user, OrganizationAgent):
        queryset = queryset.filter(organization_id=user.organization.pk)
    return queryset


def vacancy_search(queryset: QuerySet, query: str, *, filters: dict | None = None) -> QuerySet:
    """The vacancies that match the words: the GIN-indexed vector on PostgreSQL, the FTS5
    index on SQLite. Ranking is the page's business (`vacancy_board_page`).

    On the board's listing, the other `filters` chosen with the words (each applied by its
    own filter) are also looked up as tokens in a second GIN index, so that a common word
    and a rare city meet in the indexes instead of in a read of every row with the word.
    """
    query = query.strip()
    if not query:
        return queryset
    if settings.USES_POSTGRES:
        language = (filters or {}).get("language")
        matches = search_matches(queryset, query, query=vacancy_search_query(query, language))
        chosen = {k: v for k, v in (filters or {}).items() if k in TOKEN_FILTERS and v}
        if queryset.model is BoardListing and chosen:
            matches = matches.filter(_has_tokens(chosen))
        return matches
    from apps.core.sqlite_search import fts_filter
    from apps.vacancies.fulltext import VACANCY_INDEX

    return fts_filter(queryset, index=VACANCY_INDEX.name, query=query)


def vacancy_search_query(text: str, language: str | None = None) -> SearchQuery:
    """The words as typed (web-search syntax), matched as English, Dutch and French stem
    them, and as they are; only as the chosen language stems them when the search is
    limited to one. French words pass through `vacancies_french_words` first, as the
    vectors of French vacancies do (the `vacancy_language` migration): "chercheuses"
    finds "chercheur". The vectors are built in each vacancy's own language by a trigger."""
    configs = SEARCH_CONFIGS
    languages = [language] if language in configs else list(configs)
    query: Any = SearchQuery(text, search_type="websearch", config="simple")
    for code in reversed(languages):
        words: Any = text
        if code == VacancyLanguage.FRENCH:
            words = Func(Value(text), function="vacancies_french_words", output_field=TextField())
        query = SearchQuery(words, search_type="websearch", config=configs[code]) | query
    return query


def sqlite_relevance(text: str) -> Expression | None:
    """How the embedded default ranks a search (FTS5, weighted as the PostgreSQL vector)."""
    if settings.USES_POSTGRES:
        return None
    from apps.core.sqlite_search import fts_rank
    from apps.vacancies.fulltext import VACANCY_INDEX, VACANCY_WEIGHTS

    return fts_rank(Vacancy, index=VACANCY_INDEX.name, query=text, weights=VACANCY_WEIGHTS)


class _Matches(Func):
    """`vector @@ query`, as a condition."""

    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _has_tokens(chosen: dict) -> _Matches:
    """The listing's rows whose filter tokens (the `board_listing` migration) include those of
    every chosen value; a token stands for the value as its filter compares it. The tokens
    are the expression of a GIN index, not a column."""
    kinds = list(chosen)
    values = [str(v.pk) if isinstance(v, Model) else str(v) for v in chosen.values()]
    text_array: ArrayField = ArrayField(CharField())
    tokens = Func(
        Value(kinds, output_field=text_array),
        Value(values, output_field=text_array),
        function="vacancies_board_filter_query",
        output_field=SearchQueryField(),
    )
    # The expression of the listing's GIN index of tokens, as its migration writes it.
    row_tokens = Func(
        *(F(column) for column in TOKEN_COLUMNS),
        function="vacancies_board_filter_tokens",
        output_field=SearchVectorField(),
    )
    return _Matches(row_tokens, tokens)


# --- The board's cache ---------------------------------------------------------------------


def board_version(*, now: datetime) -> str | None:
    """A key that changes whenever the live job board may have changed, or None (no cache).

    The counter is bumped by PostgreSQL triggers in the transaction of every write; the next
    expiry date makes the key change the moment a vacancy runs out, with no write at all.
    """
    return data_version(
        "SELECT (SELECT version FROM vacancies_board_version WHERE id = 1),"
        " (SELECT min(expires_at) FROM vacancies_vacancy WHERE status = %s AND expires_at > %s)",
        [VacancyStatus.PUBLISHED, now],
    )


def board_cached(version: str | None, name: str, signature: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its value cached under the board's version (None: not cached)."""
    return cached_under(version, f"jobs:{name}", signature, compute)


def _signature(cleaned: dict, *, leave_out: tuple[str, ...] = ()) -> str:
    """The filters as a stable string: model instances by primary key, dates in ISO form."""

    def plain(value: Any) -> Any:
        if isinstance(value, Model):
            return str(value.pk)
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return str(value).strip().lower()

    return json.dumps(
        {
            k: plain(v)
            for k, v in sorted(cleaned.items())
            if v not in (None, "") and k not in leave_out
        }
    )


# --- Pages ---------------------------------------------------------------------------------


@dataclass
class BoardQuery:
    """A validated search of the job board: the filtered rows and what they were filtered by."""

    # The filtered rows (vacancies, or their listings), and the rows they were filtered from.
    matches: QuerySet
    base: QuerySet
    cleaned: dict
    filterset_class: type
    now: datetime
    # The board's version when the search began, or None when the answer is not cached.
    version: str | None

    @property
    def text(self) -> str:
        return (self.cleaned.get("q") or "").strip()

    @property
    def by_relevance(self) -> bool:
        return bool(self.text) and self.cleaned.get("ordering") != "newest" and not self.by_update

    @property
    def by_update(self) -> bool:
        """A sync (`updated_since`): the oldest change first, so the last row is the cursor."""
        return self.cleaned.get("updated_since") is not None


def board_query(*, filterset: Any, now: datetime, version: str | None) -> BoardQuery:
    """From a valid VacancyFilter over rows as of `now`. `version` is the board's version
    (`board_version`), read before any row, when everyone asking sees the same rows (the
    live board); None when what is read must not be cached."""
    cleaned = dict(filterset.form.cleaned_data)
    return BoardQuery(
        matches=filterset.qs,
        base=filterset.queryset,
        cleaned=cleaned,
        filterset_class=type(filterset),
        now=now,
        version=version,
    )


def vacancy_board_page(
    *, search: BoardQuery, number: Any, per_page: int, strict: bool, total: int | None = None
) -> Page:
    """One page of the search: a capped count, the page's ids, then its rows by id.

    `total` is the exact number of matches when the caller knows it already (the facets
    count it); otherwise it is counted, up to the cap. `strict` raises InvalidPage for a page
    past the end (the API's 404); otherwise the nearest page is shown (the pages).
    """
    version = search.version
    filters = _signature(search.cleaned, leave_out=("ordering",))
    if total is None:
        total = cached_under(version, "jobs:count", filters, lambda: capped_count(search.matches))
    paginator = CountedPaginator(search.matches, per_page, count=total)
    number = paginator.page_number(number, strict=strict)
    offset = (number - 1) * per_page
    # A count that stopped at the cap: the pages stop there too.
    limit = max(0, min(per_page, paginator.count - offset))
    order = "relevance" if search.by_relevance else "updated" if search.by_update else "newest"

    def page_ids() -> list[int]:
        if search.by_relevance:
            with few_matches_plan(total):
                return ranked_ids(
                    search.matches,
                    text=search.text,
                    newest=NEWEST,
                    offset=offset,
                    limit=limit,
                    rank=sqlite_relevance(search.text),
                    query=vacancy_search_query(search.text, search.cleaned.get("language"))
                    if settings.USES_POSTGRES
                    else None,
                )
        ordering = BY_UPDATE if search.by_update else NEWEST
        rows = search.matches.order_by(*ordering).values_list("pk", flat=True)
        # Words tested row by row along the index are what few matches make slow.
        with few_matches_plan(total if search.text else None):
            return list(rows[offset : offset + limit])

    ids = cached_under(version, "jobs:ids", f"{filters}|{order}|{offset}|{limit}", page_ids)
    rows = {}
    if ids:
        # Never the search vector: Python has no use for it, and it is the widest column.
        found = Vacancy.objects.filter(pk__in=ids).defer("search_vector").order_by()
        rows = _with_relations(found).in_bulk(ids)
    return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


# --- Facets --------------------------------------------------------------------------------


@dataclass
class BoardFacets:
    """Each facet's values with their counts, and the exact number of matches when a pass
    over every match counted it (None otherwise)."""

    facets: dict[str, list[dict]]
    total: int | None


def vacancy_facets(*, search: BoardQuery) -> BoardFacets:
    """For each facet, its values and counts under every *other* active filter.

    The facets nobody selected are counted in one pass over the matches, which counts the
    matches too; a selected facet needs a pass without its own filter. On PostgreSQL the
    passes read the board's listing, sectors included. The counts are cached under the
    board's version.
    """
    version = search.version
    signature = _signature(search.cleaned, leave_out=("ordering", "page"))
    counts, total = cached_under(version, "jobs:facets", signature, lambda: _facet_counts(search))
    labels = {
        "contract": dict(ContractType.choices),
        "experience": dict(Experience.choices),
        "workplace": dict(Workplace.choices),
        "language": dict(VacancyLanguage.choices),
    }
    result = {}
    for parameter, rows in counts.items():
        chosen = str(search.cleaned.get(parameter) or "")
        if isinstance(search.cleaned.get(parameter), Model):
            chosen = _facet_value(parameter, search.cleaned[parameter])
        result[parameter] = [
            {
                "value": value,
                "label": str(labels.get(parameter, {}).get(value, label)),
                "count": count,
                "selected": value.lower() == chosen.lower() if chosen else False,
            }
            for value, label, count in rows
        ]
    return BoardFacets(facets=result, total=total)


def _facet_value(parameter: str, instance: Model) -> str:
    return instance.slug if hasattr(instance, "slug") else str(instance.pk)


def _facet_counts(search: BoardQuery) -> tuple[dict[str, list[tuple[str, str, int]]], int | None]:
    """({parameter: [(value, label, count), …]}, number of matches or None): the largest
    FACET_LIMIT values of each facet first, language-free."""
    data = {k: v for k, v in search.cleaned.items() if v not in (None, "")}
    selected = [p for p in FACET_PARAMETERS if p in data]

    def rows_without(*parameters: str) -> QuerySet:
        if not set(parameters) & set(data):
            return search.matches
        others = {k: _raw(v) for k, v in data.items() if k not in parameters}
        return search.filterset_class(others, queryset=search.base).qs

    def only(parameter: str) -> tuple[dict[str, dict], int]:
        """The facets of the board with only this value chosen: kept by PostgreSQL for every
        value but an organization's, whose few rows its index finds."""
        if parameter == "organization":
            return _listing_facets(rows_without(*(p for p in selected if p != parameter)), {})
        return _chosen_value_facets(parameter=parameter, value=data[parameter], now=search.now)

    raw: dict[str, dict] = {}
    total = None
    whole_board = not set(data) - {*FACET_PARAMETERS, "ordering"}
    if search.matches.model is BoardListing and whole_board and len(selected) <= 2:
        # Without words the counts PostgreSQL keeps serve the board: a chosen value's own facet
        # counts the rows every other chosen value keeps, the whole board for one, and one
        # other value's rows for two; the rest count the rows they all keep (the matches).
        if not selected:
            raw, total = _whole_board_facets(now=search.now)
        elif len(selected) == 1:
            raw, total = only(selected[0])
            raw[selected[0]] = _whole_board_facets(now=search.now)[0][selected[0]]
        else:
            first, second = selected
            raw, total = _listing_facets(search.matches, {})
            raw[first] = only(second)[0][first]
            raw[second] = only(first)[0][second]
    elif search.matches.model is BoardListing:
        keeps = {
            p: facet_condition(search.filterset_class, BoardListing, p, data[p]) for p in selected
        }
        raw, total = _listing_facets(rows_without(*selected), keeps)
    else:
        together = [p for p in FACET_PARAMETERS if p not in data]
        if together:
            raw.update(_vacancy_facet_pass(rows_without(), together))
        for parameter in selected:
            raw.update(_vacancy_facet_pass(rows_without(parameter), [parameter]))
    labelled = {
        parameter: _labelled(parameter, raw[parameter], data.get(parameter))
        for parameter in FACET_PARAMETERS
    }
    return labelled, total


def facet_condition(
    filterset_class: type[FilterSet], model: type[Model], parameter: str, value: Any
) -> Q:
    """The rows that choosing `value` for a facet keeps, exactly as the FilterSet's filter of
    that name keeps them."""
    if parameter == "sector":
        return sector_condition(model, value)
    declared = filterset_class.base_filters[parameter]
    return Q(**{f"{declared.field_name}__{declared.lookup_expr}": value})


def _raw(value: Any) -> str:
    if isinstance(value, Model):
        return _facet_value("", value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _listing_facets(
    rows: QuerySet[BoardListing], keeps: dict[str, Q]
) -> tuple[dict[str, dict], int]:
    """Every facet's counts, and the number of matches, in one pass over the listing.

    `rows` are filtered by everything but the chosen facet values, and `keeps` says what each
    chosen value keeps. A facet counts the rows that every *other* chosen value keeps (so its
    own values stay selectable); the matches are the rows that all of them keep.

    The facets with few values (contract, experience, workplace, language and the sectors,
    an array) are grouped together, a thousand combinations at most that Python adds up;
    cities and organizations, which have many, each on their own: three hash tables per row.
    """
    flags = {
        f"keeps_{p}": ExpressionWrapper(q, output_field=BooleanField()) for p, q in keeps.items()
    }
    small = ["contract", "experience", "workplace", "language", "sectors"]
    inner, params = (
        rows.order_by()
        .annotate(**flags)
        .values(*small, "city", "organization_id", *flags)
        .query.sql_with_params()
    )

    def counted_for(parameter: str | None) -> str:
        kept = [f"filtered.keeps_{p}" for p in keeps if p != parameter]
        return f"COUNT(*) FILTER (WHERE {' AND '.join(kept)})" if kept else "COUNT(*)"

    # The rows every chosen value keeps (the matches), then the rows all but one keep.
    aggregates = [counted_for(None), *(counted_for(p) for p in keeps)]
    figure_of = {p: position for position, p in enumerate(keeps, start=1)}
    together = ", ".join(f"filtered.{column}" for column in small)
    # A row that two chosen values leave out counts for no facet at all.
    left_out = " + ".join(f"(NOT filtered.keeps_{p})::int" for p in keeps) or "0"
    sql = (
        f"SELECT {together}, filtered.city, filtered.organization_id,"  # noqa: S608
        f" GROUPING({together}, filtered.city, filtered.organization_id),"
        f" {', '.join(aggregates)} FROM ({inner}) AS filtered WHERE {left_out} <= 1"
        f" GROUP BY GROUPING SETS (({together}), (filtered.city), (filtered.organization_id), ())"
    )
    counts: dict[str, dict] = {p: defaultdict(int) for p in FACET_PARAMETERS}
    total = 0
    with _through_the_indexes(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        counted = cursor.fetchall()
    for row in counted:
        contract, experience, workplace, language, sectors, city, organization = row[:7]
        grouping, *figures = row[7:]
        # What the row counts for each facet: the rows every other chosen value keeps.
        count = {p: figures[figure_of.get(p, 0)] for p in FACET_PARAMETERS}
        # GROUPING() has a 1 bit for each column a row is not grouped by; the last two are
        # the city and the organization.
        if grouping == 0b1111111:
            total = figures[0]
        elif grouping == 0b0000011:
            counts["contract"][contract] += count["contract"]
            counts["experience"][experience] += count["experience"]
            counts["workplace"][workplace] += count["workplace"]
            counts["language"][language] += count["language"]
            for sector in sectors:
                counts["sector"][sector] += count["sector"]
        elif grouping == 0b1111101:
            counts["city"][city] += count["city"]
        elif grouping == 0b1111110:
            counts["organization"][organization] += count["organization"]
    facets = {
        p: {v: n for v, n in values.items() if v not in (None, "") and n}
        for p, values in counts.items()
    }
    return facets, total


def _whole_board_facets(*, now: datetime) -> tuple[dict[str, dict], int]:
    """The facets and the size of the whole live board: the counts PostgreSQL keeps of every
    listing (the `board_facet_counts` migration), less the listings past their date, counted
    in the same query (one snapshot) from the listing's index on the expiry date."""
    sql = """
        SELECT facet, value, sum(listings)::int FROM (
            SELECT facet, value, listings FROM vacancies_board_facet_count
            UNION ALL
            SELECT counted.facet, counted.value, -1
            FROM vacancies_board_listing AS listing,
                 vacancies_board_facet_values(listing) AS counted
            WHERE listing.expires_at <= %s OR listing.expires_at IS NULL
        ) AS live
        GROUP BY facet, value HAVING sum(listings) > 0
    """
    return _kept_facets(sql, [now])


def _chosen_value_facets(*, parameter: str, value: Any, now: datetime) -> tuple[dict, int]:
    """The facets and the size of the live board with one value of one facet chosen (any but
    an organization): the counts PostgreSQL keeps per chosen value (the
    `board_facet_pair_counts` migration), less the listings past their date. A city is
    chosen in any case, as its filter compares it; the values it stands for are read from
    the whole board's counts."""
    if parameter == "city":
        chosen = (
            "SELECT value FROM vacancies_board_facet_count"
            " WHERE facet = 'city' AND upper(value) = upper(%s)"
        )
    else:
        chosen = "SELECT %s::varchar"
    sql = f"""
        SELECT other_facet, other_value, sum(listings)::int FROM (
            SELECT other_facet, other_value, listings FROM vacancies_board_facet_pair_count
            WHERE facet = %s AND value IN ({chosen})
            UNION ALL
            SELECT pair.other_facet, pair.other_value, -1
            FROM vacancies_board_listing AS listing,
                 vacancies_board_facet_pairs(listing) AS pair
            WHERE (listing.expires_at <= %s OR listing.expires_at IS NULL)
                AND pair.facet = %s AND pair.value IN ({chosen})
        ) AS live
        GROUP BY other_facet, other_value HAVING sum(listings) > 0
    """  # noqa: S608 (the query's parts are constants; the values are parameters)
    raw = _raw(value)
    return _kept_facets(sql, [parameter, raw, now, parameter, raw])


def _kept_facets(sql: str, params: list) -> tuple[dict[str, dict], int]:
    """({facet: {value: listings}}, listings in all) from a query of (facet, value, listings)
    rows, the board's own size under the facet ''."""
    counts: dict[str, dict] = {p: {} for p in FACET_PARAMETERS}
    total = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for facet, value, listings in cursor.fetchall():
            if facet == "":
                total = listings
            elif facet == "organization":
                counts[facet][int(value)] = listings
            else:
                counts[facet][value] = listings
    return counts, total


def _vacancy_facet_pass(queryset: QuerySet[Vacancy], parameters: list[str]) -> dict[str, dict]:
    """Counts per value of each facet over vacancy rows, one GROUP BY per facet: SQLite (the
    embedded default) has neither the listing nor GROUPING SETS, and its boards are small."""
    counts: dict[str, dict] = {}
    for parameter in parameters:
        if parameter == "sector":
            through = Vacancy.sectors.through.objects.filter(
                vacancy_id__in=queryset.order_by().values("pk")
            )
            pairs = list(
                through.values("sector_id").annotate(n=Count("*")).values_list("sector_id", "n")  # type: ignore[misc]  # the stubs miss the annotation
            )
        else:
            column = COLUMN_FACETS[parameter]
            pairs = list(
                queryset.order_by().values(column).annotate(n=Count("*")).values_list(column, "n")
            )
        counts[parameter] = {value: n for value, n in pairs if value not in (None, "")}
    return counts


def _labelled(parameter: str, counts: dict, selected: Any) -> list[tuple[str, str, int]]:
    top = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))[:FACET_LIMIT]
    if parameter == "organization":
        chosen = selected.pk if isinstance(selected, Model) else None
        if chosen is not None and chosen in counts and chosen not in dict(top):
            top = [*top[: FACET_LIMIT - 1], (chosen, counts[chosen])]
        names = {
            pk: (slug, name)
            for pk, slug, name in Organization.objects.filter(pk__in=[pk for pk, _ in top])
            .order_by()
            .values_list("pk", "slug", "name")
        }
        return [(names[pk][0], names[pk][1], n) for pk, n in top if pk in names]
    if parameter == "sector":
        sector_names = dict(Sector.objects.values_list("slug", "name"))
        return [(slug, sector_names.get(slug, slug), n) for slug, n in top]
    if selected and str(selected) not in dict(top):
        wanted = str(selected).lower()
        match = next(((v, n) for v, n in counts.items() if str(v).lower() == wanted), None)
        if match:
            top = [*top[: FACET_LIMIT - 1], match]
    return [(str(value), str(value), n) for value, n in top]


def moderation_queue() -> QuerySet[Vacancy]:
    return _with_relations(Vacancy.objects.filter(status=VacancyStatus.PENDING_REVIEW)).order_by(
        "submitted_at", "pk"
    )


def organization_vacancies(
    *, organization: Organization, include_all: bool = False
) -> QuerySet[Vacancy]:
    """An organization's open vacancies, or all of them for its members."""
    queryset = Vacancy.objects.filter(organization=organization)
    if not include_all:
        queryset = queryset.filter(status=VacancyStatus.PUBLISHED, expires_at__gt=timezone.now())
    return (
        _with_relations(queryset)
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-created_at")
    )


def applications_for_vacancy(*, vacancy: Vacancy) -> QuerySet[Application]:
    """The vacancy's applications with their applicants; anonymised ones only count."""
    return (
        vacancy.applications.filter(applicant__isnull=False)
        .select_related("applicant", "applicant__talent_profile", "cv", "vacancy__organization")
        .select_related("talent_pool_consent")
        .order_by("-created_at")
    )


def applications_of(*, user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related(
        "vacancy", "vacancy__organization", "cv", "talent_pool_consent"
    )


def applications_visible_to(*, user: User | OrganizationAgent) -> QuerySet[Application]:
    """The user's own applications and those to their organizations' vacancies."""
    if isinstance(user, OrganizationAgent):
        return (
            Application.objects.filter(vacancy__organization_id=user.organization.pk)
            .select_related("vacancy", "vacancy__organization", "applicant", "cv")
            .order_by("-created_at")
        )
    return (
        Application.objects.filter(
            Q(applicant=user) | Q(vacancy__organization__memberships__user=user),
            applicant__isnull=False,
        )
        .select_related("vacancy", "vacancy__organization", "applicant", "cv")
        .select_related("talent_pool_consent")
        .distinct()
        .order_by("-created_at")
    )


def application_counts_by_status(*, vacancy: Vacancy) -> dict[str, int]:
    counts = dict(
        vacancy.applications.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in ApplicationStatus.values}


def organizations_applied_to(*, cv_id: UUID | str) -> QuerySet[Organization]:
    """Organizations that received an application made with this CV."""
    return Organization.objects.filter(
        vacancies__applications__cv_id=cv_id,
        vacancies__applications__status__in=SHARING_STATUSES,
    ).distinct()


def applications_received(*, user: User, status: str = "") -> QuerySet[Application]:
    """Applications to the vacancies of the user's organizations, newest first."""
    organizations = Membership.objects.filter(user=user).values("organization_id")
    queryset = Application.objects.filter(vacancy__organization_id__in=organizations)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related(
        "vacancy", "vacancy__organization", "applicant", "applicant__talent_profile", "cv"
    ).order_by("-created_at")


def applicant_shared_with_member(*, member: User, applicant_id: int) -> bool:
    """Applying shares one's profile with the organization applied to."""
    return Application.objects.filter(
        applicant_id=applicant_id,
        vacancy__organization__memberships__user=member,
        status__in=SHARING_STATUSES,
    ).exists()


def vacancies_of_member(*, user: User) -> QuerySet[Vacancy]:
    """Every vacancy of the user's organizations, with its number of applications."""
    organizations = Membership.objects.filter(user=user).values("organization_id")
    return (
        Vacancy.objects.filter(organization_id__in=organizations)
        .select_related("organization")
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-created_at")
    )


def alerts_of(*, user: User) -> QuerySet[JobAlert]:
    return JobAlert.objects.filter(user=user).order_by("-created_at")


def alert_filters_described(*, alerts: list[JobAlert]) -> dict[UUID, list[tuple[str, str]]]:
    """Each alert's filters as a person reads them, by alert, in at most two queries."""
    described = searches_described(filters_list=[alert.filters for alert in alerts])
    return {alert.pk: rows for alert, rows in zip(alerts, described, strict=True)}


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
    """The user's applications and job alerts, for the GDPR export."""
    return {
        "applications": [
            {
                "vacancy": application.vacancy.title,
                "organization": application.vacancy.organization.name,
                "cv": application.cv.original_name if application.cv else None,
                "cover_letter": application.cover_letter,
                "status": application.status,
                "applied_at": application.created_at.isoformat(),
                "status_changed_at": application.status_changed_at.isoformat(),
            }
            for application in applications_of(user=user).order_by("created_at")
        ],
        "job_alerts": [
            {
                "name": alert.name,
                "filters": alert.filters,
                "frequency": alert.frequency,
                "active": alert.is_active,
            }
            for alert in alerts_of(user=user)
        ],
    }


def alert_filter_labels(*, filters: dict) -> list[tuple[str, str]]:
    """A search in words: [("Search", "antibody"), ("Contract", "Internship")]."""
    return searches_described(filters_list=[filters])[0]


def searches_described(*, filters_list: list[dict]) -> list[list[tuple[str, str]]]:
    """Job board searches as a person reads them: each filter's label and the value's own
    (a contract's label, an organization's name), in at most two queries for all of them."""
    from apps.vacancies.filters import VacancyFilter

    wanted: dict[str, set[str]] = {"organization": set(), "sector": set()}
    for filters in filters_list:
        for key, slugs in wanted.items():
            if filters.get(key):
                slugs.add(str(filters[key]))
    names: dict[str, dict[str, str]] = {
        "organization": dict(
            Organization.objects.filter(slug__in=wanted["organization"]).values_list("slug", "name")
        )
        if wanted["organization"]
        else {},
        "sector": dict(Sector.objects.filter(slug__in=wanted["sector"]).values_list("slug", "name"))
        if wanted["sector"]
        else {},
    }
    described = []
    for filters in filters_list:
        rows = []
        for key, value in filters.items():
            definition = VacancyFilter.base_filters.get(key)
            label = str(definition.label) if definition is not None else key
            choices = dict(definition.extra.get("choices") or ()) if definition is not None else {}
            shown = names.get(key, {}).get(str(value)) or choices.get(value) or value
            rows.append((label, str(shown)))
        described.append(rows)
    return described


# --- How long applications are kept, and the organizations' own talent pools ------------


def _application_months() -> int:
    return settings.RETENTION_APPLICATIONS_MONTHS


def with_vacancy_end(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """Applications with `vacancy_ended_at`: when the vacancy was closed, or its expiry
    date (still ahead while it runs)."""
    return queryset.annotate(vacancy_ended_at=Coalesce("vacancy__closed_at", "vacancy__expires_at"))


def in_talent_pool(*, at: datetime) -> Q:
    """Applications whose applicant agreed to stay in the organization's pool, still at `at`."""
    return Q(talent_pool_consent__isnull=False) & live_consent("talent_pool_consent__", at=at)


def applications_due(*, at: datetime) -> QuerySet[Application]:
    """Applications the rule anonymises at `at`: their vacancy ended the configured number of
    months before, and their applicant is not in the organization's talent pool then."""
    return (
        with_vacancy_end(Application.objects.filter(applicant__isnull=False))
        .filter(Q(vacancy_ended_at__lte=retention.cutoff(at=at, months=_application_months())))
        .exclude(in_talent_pool(at=at))
    )


def application_regular_end(application: Application) -> datetime | None:
    """When the application goes by the vacancy's end alone, talent pool aside."""
    vacancy = application.vacancy
    ended = vacancy.closed_at or vacancy.expires_at
    if ended is None:
        return None
    return retention.goes_at(start=ended, months=_application_months())


def application_goes_at(application: Application, *, now: datetime) -> datetime | None:
    """When the rule anonymises the application: after the vacancy's end, or when its talent
    pool consent runs out if that is later."""
    regular = application_regular_end(application)
    consent = application.talent_pool_consent
    if regular is not None and consent is not None and consent.is_live(now):
        return max(regular, consent.expires_at) if consent.expires_at else None
    return regular


def talent_pool_of(
    *, organization: Organization, now: datetime | None = None
) -> QuerySet[Application]:
    """The people in the organization's own talent pool: one row per application whose
    applicant agreed, while the consent holds. Withdrawing takes them out at once."""
    return (
        Application.objects.filter(
            in_talent_pool(at=now or timezone.now()),
            vacancy__organization=organization,
            applicant__isnull=False,
        )
        .select_related("applicant", "applicant__talent_profile", "cv", "vacancy")
        .select_related("talent_pool_consent")
        .order_by("-talent_pool_consent__given_at", "-pk")
    )


HOLDINGS_LIMIT = 500


def application_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The user's applications as each organization holds them, with the day each goes."""
    held = []
    applications = applications_of(user=user).order_by("-created_at")[:HOLDINGS_LIMIT]
    for application in applications:
        vacancy = application.vacancy
        if application.cv is not None:
            label = _("Your application to “%(title)s”, with your CV “%(cv)s” and your letter") % {
                "title": vacancy.title,
                "cv": application.cv.original_name,
            }
        else:
            label = _("Your application to “%(title)s”") % {"title": vacancy.title}
        kept = _("%(months)d months after the vacancy closes or expires") % {
            "months": _application_months()
        }
        consent = application.talent_pool_consent
        pool_ends = consent.expires_at if consent is not None and consent.is_live(now) else None
        in_pool = pool_ends is not None
        if pool_ends is not None:
            kept += ", " + _("or while you are in its talent pool (until %(date)s)") % {
                "date": timezone.localtime(pool_ends).date().isoformat()
            }
        links = []
        if application.status != ApplicationStatus.WITHDRAWN:
            join = (
                _("Stay in its talent pool %(months)d months from today")
                if in_pool
                else _("Stay in its talent pool for %(months)d months")
            )
            links.append(
                Link(
                    join % {"months": settings.TALENT_POOL_MONTHS},
                    reverse(
                        "vacancies:talent_pool_join", kwargs={"application_id": application.pk}
                    ),
                    method="post",
                )
            )
        if application.status in (
            ApplicationStatus.SUBMITTED,
            ApplicationStatus.IN_REVIEW,
            ApplicationStatus.SHORTLISTED,
        ):
            links.append(
                Link(
                    _("Withdraw the application"),
                    reverse(
                        "vacancies:application_withdraw", kwargs={"application_id": application.pk}
                    ),
                    method="post",
                )
            )
        held.append(
            Holding(
                kind="application",
                label=label,
                holder=vacancy.organization.name,
                since=application.created_at,
                until=application_goes_at(application, now=now),
                kept=kept,
                links=tuple(links),
            )
        )
    for alert in alerts_of(user=user)[:HOLDINGS_LIMIT]:
        held.append(
            Holding(
                kind="job_alert",
                label=_("Your job alert “%(name)s”") % {"name": alert.name},
                since=alert.created_at,
                kept=_("Until you delete it"),
                links=(Link(_("Manage your alerts"), reverse("alerts:list")),),
            )
        )
    return held
