"""Every read of the statistics: grouped queries, a fixed number per page.

Weeks start on Monday and months on the 1st, both in the portal's time zone
(Europe/Brussels). Views come from the daily rows, so they run up to the last flush of the
view counter (a few minutes behind).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.utils import timezone

from apps.accounts.models import ErasedAccount
from apps.events.models import Event, Registration, RegistrationStatus
from apps.organizations.models import Organization
from apps.stats.models import VacancyDailyViews
from apps.vacancies.models import Application, ApplicationStatus, Vacancy

WEEKS = 12
MONTHS = 12
VACANCY_LIMIT = 100
EVENT_LIMIT = 50

# The funnel in its order: the way forward, then the two ways out.
FUNNEL = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.HIRED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
)


@dataclass(frozen=True)
class VacancyFigures:
    vacancy_id: int
    title: str
    slug: str
    status: str
    status_label: str
    published_at: datetime | None
    views: int
    # Applications by their current status: every FUNNEL status is a key.
    applications: dict[str, int]

    @property
    def total_applications(self) -> int:
        return sum(self.applications.values())

    @property
    def funnel(self) -> list[int]:
        """The counts in FUNNEL order, for tables."""
        return [self.applications[status] for status in FUNNEL]


@dataclass(frozen=True)
class WeekFigures:
    week: date  # the Monday
    views: int
    applications: int


@dataclass(frozen=True)
class EventFigures:
    event_id: int
    title: str
    slug: str
    starts_at: datetime
    status: str
    status_label: str
    confirmed: int
    waitlisted: int
    cancelled: int
    attended: int

    @property
    def registered(self) -> int:
        """Everyone holding a place or a spot on the waiting list, or who came."""
        return self.confirmed + self.waitlisted + self.attended

    @property
    def attendance_rate(self) -> int | None:
        """Percent of the people with a place who came; None before anyone was checked in."""
        with_place = self.confirmed + self.attended
        if not self.attended or not with_place:
            return None
        return round(100 * self.attended / with_place)


@dataclass(frozen=True)
class OrganizationFigures:
    organization: Organization
    vacancies: list[VacancyFigures]
    total_views: int
    funnel: dict[str, int]
    weeks: list[WeekFigures]
    events: list[EventFigures]
    status_labels: dict[str, str] = field(
        default_factory=lambda: {s: str(ApplicationStatus(s).label) for s in FUNNEL}
    )

    @property
    def total_applications(self) -> int:
        return sum(self.funnel.values())

    @property
    def funnel_rows(self) -> list[tuple[str, str, int]]:
        """(status, label, count) in FUNNEL order, for the table."""
        return [(status, self.status_labels[status], self.funnel[status]) for status in FUNNEL]


@dataclass(frozen=True)
class MonthFigures:
    month: date  # the 1st
    new_users: int
    new_organizations: int
    vacancies_published: int
    applications: int
    event_registrations: int
    event_attended: int


# The CSV columns of the portal figures, in order.
MONTH_COLUMNS = (
    "new_users",
    "new_organizations",
    "vacancies_published",
    "applications",
    "event_registrations",
    "event_attended",
)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _as_date(value: date | datetime) -> date:
    if isinstance(value, datetime):
        return timezone.localtime(value).date()
    return value


def week_starts(*, today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last `weeks` weeks, oldest first, this week last."""
    this_week = today - timedelta(days=today.weekday())
    return [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def month_starts(*, today: date, months: int = MONTHS) -> list[date]:
    """The 1sts of the last `months` months, oldest first, this month last."""
    starts = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def _sum(*series: dict[date, int]) -> dict[date, int]:
    total: dict[date, int] = {}
    for values in series:
        for bucket, value in values.items():
            total[bucket] = total.get(bucket, 0) + value
    return total


def _per_bucket(queryset: QuerySet, *, trunc: Any, value: Any) -> dict[date, int]:
    rows = (
        queryset.order_by()
        .annotate(bucket=trunc)
        .values("bucket")
        .annotate(total=value)
        .values_list("bucket", "total")
    )
    return {_as_date(bucket): total or 0 for bucket, total in rows}


# --- One organization -----------------------------------------------------------------


def organization_vacancy_figures(
    *, organization: Organization, limit: int = VACANCY_LIMIT
) -> list[VacancyFigures]:
    """Views and applications by status of the organization's published vacancies.

    One query: the views are summed in a subquery, so they are not multiplied by the
    join with the applications.
    """
    views = (
        VacancyDailyViews.objects.filter(vacancy=OuterRef("pk"))
        .order_by()
        .values("vacancy")
        .annotate(total=Sum("count"))
        .values("total")
    )
    queryset = (
        Vacancy.objects.filter(organization=organization, published_at__isnull=False)
        .only("pk", "title", "slug", "status", "published_at")
        .annotate(
            views=Coalesce(Subquery(views, output_field=IntegerField()), 0),
            **{
                f"n_{status}": Count("applications", filter=Q(applications__status=status))
                for status in FUNNEL
            },
        )
        .order_by("-published_at", "-pk")[:limit]
    )
    return [
        VacancyFigures(
            vacancy_id=vacancy.pk,
            title=vacancy.title,
            slug=vacancy.slug,
            status=vacancy.status,
            status_label=vacancy.get_status_display(),
            published_at=vacancy.published_at,
            views=vacancy.views,  # type: ignore[attr-defined]  # annotated by the query
            applications={status: getattr(vacancy, f"n_{status}") for status in FUNNEL},
        )
        for vacancy in queryset
    ]


def organization_funnel(*, organization: Organization) -> dict[str, int]:
    """Applications to all the organization's vacancies, by current status (one query)."""
    totals = Application.objects.filter(vacancy__organization=organization).aggregate(
        **{str(status): Count("pk", filter=Q(status=status)) for status in FUNNEL}
    )
    return {status: totals[status] for status in FUNNEL}


def organization_total_views(*, organization: Organization) -> int:
    total = VacancyDailyViews.objects.filter(vacancy__organization=organization).aggregate(
        total=Sum("count")
    )["total"]
    return total or 0


def organization_weekly_figures(
    *, organization: Organization, today: date | None = None, weeks: int = WEEKS
) -> list[WeekFigures]:
    """Views and applications per week over the last `weeks` weeks (two queries)."""
    starts = week_starts(today=today or timezone.localdate(), weeks=weeks)
    views = _per_bucket(
        VacancyDailyViews.objects.filter(vacancy__organization=organization, date__gte=starts[0]),
        trunc=TruncWeek("date"),
        value=Sum("count"),
    )
    applications = _per_bucket(
        Application.objects.filter(
            vacancy__organization=organization, created_at__gte=_local_midnight(starts[0])
        ),
        trunc=TruncWeek("created_at"),
        value=Count("pk"),
    )
    return [
        WeekFigures(week=start, views=views.get(start, 0), applications=applications.get(start, 0))
        for start in starts
    ]


def organization_event_figures(
    *, organization: Organization, limit: int = EVENT_LIMIT
) -> list[EventFigures]:
    """Registrations by status of the events the organization organizes, latest first."""

    def count(status: str) -> Count:
        return Count("registrations", filter=Q(registrations__status=status))

    queryset = (
        Event.objects.filter(organizer=organization)
        .only("pk", "title", "slug", "starts_at", "status")
        .annotate(
            n_confirmed=count(RegistrationStatus.CONFIRMED),
            n_waitlisted=count(RegistrationStatus.WAITLISTED),
            n_cancelled=count(RegistrationStatus.CANCELLED),
            n_attended=count(RegistrationStatus.ATTENDED),
        )
        .order_by("-starts_at", "-pk")[:limit]
    )
    return [
        EventFigures(
            event_id=event.pk,
            title=event.title,
            slug=event.slug,
            starts_at=event.starts_at,
            status=event.status,
            status_label=event.get_status_display(),
            confirmed=event.n_confirmed,
            waitlisted=event.n_waitlisted,
            cancelled=event.n_cancelled,
            attended=event.n_attended,
        )
        for event in queryset
    ]


def organization_figures(
    *, organization: Organization, today: date | None = None
) -> OrganizationFigures:
    """Everything the organization's statistics page shows, in six queries."""
    return OrganizationFigures(
        organization=organization,
        vacancies=organization_vacancy_figures(organization=organization),
        total_views=organization_total_views(organization=organization),
        funnel=organization_funnel(organization=organization),
        weeks=organization_weekly_figures(organization=organization, today=today),
        events=organization_event_figures(organization=organization),
    )


# --- The whole portal -----------------------------------------------------------------


def portal_monthly_figures(
    *, today: date | None = None, months: int = MONTHS
) -> list[MonthFigures]:
    """New users and organizations, vacancies published, applications, event registrations
    (not cancelled, by the month they were made) and attendance (by the month of the
    event), per month over the last `months` months: seven queries. Erased people and
    anonymised applications and registrations are still counted."""
    starts = month_starts(today=today or timezone.localdate(), months=months)
    since = _local_midnight(starts[0])
    series = {
        "new_users": _sum(
            _per_bucket(
                get_user_model().objects.filter(date_joined__gte=since),
                trunc=TruncMonth("date_joined"),
                value=Count("pk"),
            ),
            # Erased accounts leave the day they joined, so the past does not change.
            _per_bucket(
                ErasedAccount.objects.filter(joined_on__gte=starts[0]),
                trunc=TruncMonth("joined_on"),
                value=Count("pk"),
            ),
        ),
        "new_organizations": _per_bucket(
            Organization.objects.filter(created_at__gte=since),
            trunc=TruncMonth("created_at"),
            value=Count("pk"),
        ),
        "vacancies_published": _per_bucket(
            Vacancy.objects.filter(published_at__gte=since),
            trunc=TruncMonth("published_at"),
            value=Count("pk"),
        ),
        "applications": _per_bucket(
            Application.objects.filter(created_at__gte=since),
            trunc=TruncMonth("created_at"),
            value=Count("pk"),
        ),
        "event_registrations": _per_bucket(
            Registration.objects.filter(created_at__gte=since).exclude(
                status=RegistrationStatus.CANCELLED
            ),
            trunc=TruncMonth("created_at"),
            value=Count("pk"),
        ),
        "event_attended": _per_bucket(
            Registration.objects.filter(
                status=RegistrationStatus.ATTENDED, event__starts_at__gte=since
            ),
            trunc=TruncMonth("event__starts_at"),
            value=Count("pk"),
        ),
    }
    return [
        MonthFigures(month=start, **{name: values.get(start, 0) for name, values in series.items()})
        for start in starts
    ]
