"""Reads of the job board: every list bounded, organizations and sectors fetched up front."""

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from apps.core.facets import facet_counts
from apps.organizations.models import Sector
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


def _with_relations(queryset: QuerySet[Vacancy]) -> QuerySet[Vacancy]:
    return queryset.select_related("organization").prefetch_related("sectors")


def live_vacancies() -> QuerySet[Vacancy]:
    """Published and not past their date: an expired vacancy disappears at once."""
    return _with_relations(
        Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, expires_at__gt=timezone.now())
    ).order_by("-published_at", "-pk")


def vacancies_visible_to(*, user) -> QuerySet[Vacancy]:
    """Live vacancies, plus every vacancy of the user's organizations; staff see all."""
    now = timezone.now()
    visible = Q(status=VacancyStatus.PUBLISHED, expires_at__gt=now)
    if user.is_authenticated and user.is_staff:
        visible = Q()
    elif user.is_authenticated:
        visible |= Q(organization__memberships__user=user)
    return _with_relations(Vacancy.objects.filter(visible).distinct()).order_by(
        "-published_at", "-pk"
    )


def vacancy_search(queryset: QuerySet[Vacancy], query: str) -> QuerySet[Vacancy]:
    """Ranked full-text search: the GIN-indexed vector on PostgreSQL, FTS5 on SQLite."""
    query = query.strip()
    if not query:
        return queryset
    if settings.USES_POSTGRES:
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search = SearchQuery(query, search_type="websearch", config="english") | SearchQuery(
            query, search_type="websearch", config="simple"
        )
        return (
            queryset.filter(search_vector=search)
            # F(): a bare field name would be re-parsed as text and lose the A/B/C weights.
            .annotate(rank=SearchRank(F("search_vector"), search))
            .order_by("-rank", "-published_at")
        )
    from apps.core.sqlite_search import fts_search
    from apps.vacancies.fulltext import VACANCY_INDEX, VACANCY_WEIGHTS

    return fts_search(
        queryset, index=VACANCY_INDEX.name, query=query, weights=VACANCY_WEIGHTS
    ).order_by("-rank", "-published_at")


def vacancy_facets(*, base: QuerySet[Vacancy], filters: dict) -> dict[str, list[dict]]:
    from apps.vacancies.filters import VacancyFilter

    sectors = dict(Sector.objects.values_list("slug", "name"))
    names = dict(base.values_list("organization__slug", "organization__name").distinct())

    def without(parameter: str) -> QuerySet[Vacancy]:
        others = {k: v for k, v in filters.items() if k not in (parameter, "page", "ordering")}
        return VacancyFilter(others, queryset=base.order_by()).qs

    return facet_counts(
        filtered_without=without,
        facets={
            "sector": ("sectors__slug", sectors.get),
            "contract": ("contract", lambda value: dict(ContractType.choices).get(value, value)),
            "experience": ("experience", lambda value: dict(Experience.choices).get(value, value)),
            "workplace": ("workplace", lambda value: dict(Workplace.choices).get(value, value)),
            "city": ("city", None),
            "organization": ("organization__slug", names.get),
        },
        selected=filters,
    )


def moderation_queue() -> QuerySet[Vacancy]:
    return _with_relations(Vacancy.objects.filter(status=VacancyStatus.PENDING_REVIEW)).order_by(
        "submitted_at", "pk"
    )


def organization_vacancies(*, organization, include_all: bool = False) -> QuerySet[Vacancy]:
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


def applications_of(*, user) -> QuerySet[Application]:
    return Application.objects.filter(applicant=user).select_related(
        "vacancy", "vacancy__organization", "cv"
    )


def applications_visible_to(*, user) -> QuerySet[Application]:
    """The user's own applications and those to their organizations' vacancies."""
    return (
        Application.objects.filter(
            Q(applicant=user) | Q(vacancy__organization__memberships__user=user)
        )
        .select_related("vacancy", "vacancy__organization", "applicant", "cv")
        .distinct()
        .order_by("-created_at")
    )


def applications_received(*, user, status: str = "") -> QuerySet[Application]:
    """Applications to the vacancies of the user's organizations, newest first."""
    from apps.organizations.models import Membership

    organizations = Membership.objects.filter(user=user).values("organization_id")
    queryset = Application.objects.filter(vacancy__organization_id__in=organizations)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.select_related(
        "vacancy", "vacancy__organization", "applicant", "applicant__talent_profile", "cv"
    ).order_by("-created_at")


def application_counts_by_status(*, vacancy: Vacancy) -> dict[str, int]:
    counts = dict(
        vacancy.applications.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in ApplicationStatus.values}


def organizations_applied_to(*, cv_id) -> QuerySet:
    """Organizations that received an application made with this CV."""
    from apps.organizations.models import Organization

    return Organization.objects.filter(
        vacancies__applications__cv_id=cv_id,
        vacancies__applications__status__in=SHARING_STATUSES,
    ).distinct()


def vacancies_of_member(*, user) -> QuerySet[Vacancy]:
    """Every vacancy of the user's organizations, with its number of applications."""
    from apps.organizations.models import Membership

    organizations = Membership.objects.filter(user=user).values("organization_id")
    return (
        Vacancy.objects.filter(organization_id__in=organizations)
        .select_related("organization")
        .annotate(application_count=Count("applications", distinct=True))
        .order_by("-created_at")
    )


def alerts_of(*, user) -> QuerySet[JobAlert]:
    return JobAlert.objects.filter(user=user).order_by("-created_at")


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
