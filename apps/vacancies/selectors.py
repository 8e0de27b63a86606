"""Reads of the job board: every list bounded, organizations and sectors fetched up front.

At 100,000 live vacancies the job board stays fast because:
- the live list is read newest first from a partial index, and nobody's list needs DISTINCT
  (members see their own through EXISTS);
- counts stop at 10,000 and relevance ranks only the newest 1,000 matches (`apps.core.search`);
- counts, page ids and facets are cached under the board's version, which PostgreSQL bumps in
  the transaction of every write, and under the next expiry date, so a cached answer is never
  read once a vacancy was published, changed, closed or expired.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from django.conf import settings
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, Exists, Expression, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.core.search import (
    CountedPaginator,
    cached_under,
    capped_count,
    data_version,
    ranked_ids,
    search_matches,
)
from apps.organizations.agents import Actor, OrganizationAgent
from apps.organizations.models import Membership, Organization, Sector
from apps.talent.models import ContractType
from apps.vacancies.models import (
    Application,
    ApplicationStatus,
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
# Facets that are plain columns, counted together in one pass with GROUPING SETS.
COLUMN_FACETS = {
    "contract": "contract",
    "experience": "experience",
    "workplace": "workplace",
    "city": "city",
    "organization": "organization_id",
}
T = TypeVar("T")


def _with_relations(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return queryset.select_related("organization").prefetch_related("sectors")


def _live(now: datetime) -> Q:
    return Q(status=VacancyStatus.PUBLISHED, expires_at__gt=now)


def live_vacancies(*, now: datetime | None = None) -> QuerySet[Vacancy]:
    """Published and not past their date: an expired vacancy disappears at once."""
    return _with_relations(Vacancy.objects.filter(_live(now or timezone.now()))).order_by(*NEWEST)


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


def vacancy_search(queryset: QuerySet[Vacancy], query: str) -> QuerySet[Vacancy]:
    """The vacancies that match the words: the GIN-indexed vector on PostgreSQL, the FTS5
    index on SQLite. Ranking is the page's business (`vacancy_board_page`)."""
    query = query.strip()
    if not query:
        return queryset
    if settings.USES_POSTGRES:
        return search_matches(queryset, query)
    from apps.core.sqlite_search import fts_filter
    from apps.vacancies.fulltext import VACANCY_INDEX

    return fts_filter(queryset, index=VACANCY_INDEX.name, query=query)


def sqlite_relevance(text: str) -> Expression | None:
    """How the embedded default ranks a search (FTS5, weighted as the PostgreSQL vector)."""
    if settings.USES_POSTGRES:
        return None
    from apps.core.sqlite_search import fts_rank
    from apps.vacancies.fulltext import VACANCY_INDEX, VACANCY_WEIGHTS

    return fts_rank(Vacancy, index=VACANCY_INDEX.name, query=text, weights=VACANCY_WEIGHTS)


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


def board_cached(search: "BoardQuery", name: str, signature: str, compute: Callable[[], T]) -> T:
    """`compute()`, or its value cached under the board's version when the search allows."""
    return cached_under(search.version, f"jobs:{name}", signature, compute)


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

    matches: QuerySet[Vacancy]
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


def board_query(*, filterset: Any, now: datetime, cacheable: bool) -> BoardQuery:
    """From a valid VacancyFilter over rows as of `now`; `cacheable` when everyone asking
    sees the same rows (the live board). The version is read before any row."""
    version = board_version(now=now) if cacheable else None
    cleaned = dict(filterset.form.cleaned_data)
    return BoardQuery(
        matches=filterset.qs,
        cleaned=cleaned,
        filterset_class=type(filterset),
        now=now,
        version=version,
    )


def vacancy_board_page(*, search: BoardQuery, number: Any, per_page: int, strict: bool) -> Page:
    """One page of the search: a capped count, the page's ids, then its rows by id.

    `strict` raises InvalidPage for a page past the end (the API's 404); otherwise the
    nearest page is shown (the pages).
    """
    version = search.version
    filters = _signature(search.cleaned, leave_out=("ordering",))
    count = cached_under(version, "jobs:count", filters, lambda: capped_count(search.matches))
    paginator = CountedPaginator(search.matches, per_page, count=count)
    number = paginator.page_number(number, strict=strict)
    offset = (number - 1) * per_page
    order = "relevance" if search.by_relevance else "updated" if search.by_update else "newest"

    def page_ids() -> list[int]:
        if search.by_relevance:
            return ranked_ids(
                search.matches,
                text=search.text,
                newest=NEWEST,
                offset=offset,
                limit=per_page,
                rank=sqlite_relevance(search.text),
            )
        ordering = BY_UPDATE if search.by_update else NEWEST
        rows = search.matches.order_by(*ordering).values_list("pk", flat=True)
        return list(rows[offset : offset + per_page])

    ids = cached_under(version, "jobs:ids", f"{filters}|{order}|{offset}|{per_page}", page_ids)
    rows = {}
    if ids:
        # Never the search vector: Python has no use for it, and it is the widest column.
        found = Vacancy.objects.filter(pk__in=ids).defer("search_vector").order_by()
        rows = _with_relations(found).in_bulk(ids)
    return Page([rows[pk] for pk in ids if pk in rows], number, paginator)


# --- Facets --------------------------------------------------------------------------------


def vacancy_facets(*, search: BoardQuery) -> dict[str, list[dict]]:
    """For each facet, its values and counts under every *other* active filter.

    The facets nobody selected are counted together in one pass (GROUPING SETS) over the
    filtered rows; a selected facet needs its own pass without its filter, and sectors (a
    many-to-many) one more. The result is cached under the board's version.
    """
    version = search.version
    signature = _signature(search.cleaned, leave_out=("ordering", "page"))
    counts = cached_under(version, "jobs:facets", signature, lambda: _facet_counts(search))
    labels = {
        "contract": dict(ContractType.choices),
        "experience": dict(Experience.choices),
        "workplace": dict(Workplace.choices),
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
    return result


def _facet_value(parameter: str, instance: Model) -> str:
    return instance.slug if hasattr(instance, "slug") else str(instance.pk)


def _facet_counts(search: BoardQuery) -> dict[str, list[tuple[str, str, int]]]:
    """{parameter: [(value, label, count), …]}, the largest FACET_LIMIT first, language-free."""
    data = {k: v for k, v in search.cleaned.items() if v not in (None, "")}

    def rows_without(parameter: str | None) -> QuerySet[Vacancy]:
        if parameter is None or parameter not in data:
            return search.matches
        others = {k: _raw(v) for k, v in data.items() if k != parameter}
        return search.filterset_class(others, queryset=live_vacancies(now=search.now)).qs

    raw: dict[str, dict[str, int]] = {}
    together = [p for p in COLUMN_FACETS if p not in data]
    if together:
        raw.update(_grouping_sets(rows_without(None), together))
    for parameter in COLUMN_FACETS:
        if parameter in data:
            raw.update(_grouping_sets(rows_without(parameter), [parameter]))
    through = Vacancy.sectors.through.objects.filter(
        vacancy_id__in=rows_without("sector").order_by().values("pk")
    )
    raw["sector"] = dict(
        through.values("sector_id").annotate(n=Count("*")).values_list("sector_id", "n")  # type: ignore[misc]  # the stubs miss the annotation
    )
    return {
        parameter: _labelled(parameter, raw[parameter], data.get(parameter))
        for parameter in ("sector", *COLUMN_FACETS)
    }


def _raw(value: Any) -> str:
    if isinstance(value, Model):
        return _facet_value("", value)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _grouping_sets(queryset: QuerySet[Vacancy], parameters: list[str]) -> dict[str, dict]:
    """Counts per value of each facet column, in one scan of the filtered rows."""
    columns = [COLUMN_FACETS[p] for p in parameters]
    inner, params = queryset.order_by().values(*columns).query.sql_with_params()
    sets = ", ".join(f"({column})" for column in columns)
    select = ", ".join(columns)
    sql = (
        f"SELECT {select}, GROUPING({select}), COUNT(*) FROM ({inner}) AS filtered "  # noqa: S608
        f"GROUP BY GROUPING SETS ({sets})"
    )
    if len(columns) == 1:
        sql = f"SELECT {select}, 0, COUNT(*) FROM ({inner}) AS filtered GROUP BY {select}"  # noqa: S608
    elif connection.vendor != "postgresql":
        # SQLite (the embedded default) has no GROUPING SETS: one GROUP BY per column.
        counts_by_column: dict[str, dict] = {}
        for parameter in parameters:
            counts_by_column.update(_grouping_sets(queryset, [parameter]))
        return counts_by_column
    counts: dict[str, dict] = {p: {} for p in parameters}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            grouping, count = row[-2], row[-1]
            for position, parameter in enumerate(parameters):
                # GROUPING() has a 0 bit for the column this row is grouped by.
                bit = 1 << (len(columns) - 1 - position)
                if not grouping & bit and row[position] not in (None, ""):
                    counts[parameter][row[position]] = count
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
    return vacancy.applications.select_related(
        "applicant", "applicant__talent_profile", "cv", "vacancy__organization"
    ).order_by("-created_at")


def applications_of(*, user: User) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related(
        "vacancy", "vacancy__organization", "cv"
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
            Q(applicant=user) | Q(vacancy__organization__memberships__user=user)
        )
        .select_related("vacancy", "vacancy__organization", "applicant", "cv")
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
    """An alert's search in words: [("Search", "antibody"), ("Contract", "Internship")]."""
    from apps.vacancies.filters import VacancyFilter

    form = VacancyFilter(filters).form
    form.is_valid()
    labels = []
    for name, value in filters.items():
        field = form.fields.get(name)
        if field is None:
            continue
        shown = form.cleaned_data.get(name) or value
        if isinstance(shown, str) and getattr(field, "choices", None):
            shown = dict(field.choices).get(value, value)
        labels.append((str(field.label), str(shown)))
    return labels
