"""Exact figures on the known data sets of factories.py."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.stats import selectors
from apps.stats.tests.factories import (
    first_of_month,
    organization_data_set,
    portal_data_set,
    this_monday,
)

pytestmark = pytest.mark.django_db

NO_APPLICATIONS = dict.fromkeys(selectors.FUNNEL, 0)


@pytest.fixture
def data():
    return organization_data_set()


def test_views_and_applications_by_status_per_vacancy(data):
    figures = selectors.organization_vacancy_figures(organization=data.acme)
    # Published vacancies only, the latest first; the draft and the other organization's
    # vacancy are left out.
    assert [(f.title, f.status, f.views) for f in figures] == [
        ("Lab technician", "published", 8),
        ("Bioinformatician", "published", 12),
        ("Closed position", "closed", 7),
    ]
    technician, bioinformatician, closed = figures
    assert bioinformatician.applications == {
        "submitted": 2,
        "in_review": 1,
        "shortlisted": 1,
        "hired": 1,
        "rejected": 1,
        "withdrawn": 1,
    }
    assert bioinformatician.total_applications == 7
    assert bioinformatician.funnel == [2, 1, 1, 1, 1, 1]
    assert technician.applications == {**NO_APPLICATIONS, "submitted": 1, "rejected": 1}
    assert closed.applications == {**NO_APPLICATIONS, "hired": 1}


def test_the_funnel_and_total_views(data):
    assert selectors.organization_funnel(organization=data.acme) == {
        "submitted": 3,
        "in_review": 1,
        "shortlisted": 1,
        "hired": 2,
        "rejected": 2,
        "withdrawn": 1,
    }
    assert selectors.organization_total_views(organization=data.acme) == 27
    assert selectors.organization_funnel(organization=data.other) == {
        **NO_APPLICATIONS,
        "submitted": 1,
    }
    assert selectors.organization_total_views(organization=data.other) == 50


def test_views_and_applications_per_week(data):
    weeks = selectors.organization_weekly_figures(organization=data.acme)
    assert len(weeks) == 12
    assert weeks[-1].week == this_monday()
    assert all(week.week.weekday() == 0 for week in weeks)
    assert [(w.views, w.applications) for w in weeks] == [(0, 0)] * 8 + [
        (2, 1),
        (5, 3),
        (9, 3),
        (4, 2),
    ]
    # Twenty weeks back is out of the window: 27 views and 10 applications in all.
    assert sum(w.views for w in weeks) == 20
    assert sum(w.applications for w in weeks) == 9


def test_registrations_and_attendance_of_the_events_organized(data):
    events = selectors.organization_event_figures(organization=data.acme)
    assert [
        (e.title, e.confirmed, e.waitlisted, e.cancelled, e.attended, e.registered) for e in events
    ] == [
        ("BioBizz Cafe Ghent", 2, 1, 1, 0, 3),
        ("Knowledge for Growth", 1, 0, 1, 3, 4),
    ]
    cafe, conference = events
    assert conference.attendance_rate == 75
    assert cafe.attendance_rate is None
    assert [e.title for e in selectors.organization_event_figures(organization=data.other)] == [
        "Other event"
    ]


def test_all_of_an_organization_in_six_queries_whatever_the_data(data):
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.organization_figures(organization=data.acme)
    assert len(queries) == 6
    assert figures.total_views == 27
    assert figures.total_applications == 10
    assert [row[2] for row in figures.funnel_rows] == [3, 1, 1, 2, 2, 1]
    assert len(figures.vacancies) == 3 and len(figures.events) == 2


def test_week_and_month_starts():
    assert selectors.week_starts(today=date(2026, 3, 4), weeks=3) == [
        date(2026, 2, 16),
        date(2026, 2, 23),
        date(2026, 3, 2),
    ]
    assert selectors.month_starts(today=date(2026, 2, 28), months=4) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_portal_figures_per_month():
    portal_data_set()
    with CaptureQueriesContext(connection) as queries:
        months = selectors.portal_monthly_figures()
    # One per series, and one more for the accounts erased since they joined.
    assert len(queries) == 7
    assert len(months) == 12
    assert [m.month for m in months[-3:]] == [
        first_of_month(2),
        first_of_month(1),
        first_of_month(0),
    ]
    assert months[0].month == first_of_month(11)
    rows = [
        (
            m.new_users,
            m.new_organizations,
            m.vacancies_published,
            m.applications,
            m.event_registrations,
            m.event_attended,
        )
        for m in months
    ]
    assert rows == [(0, 0, 0, 0, 0, 0)] * 9 + [
        (2, 1, 1, 1, 1, 0),
        (3, 1, 1, 2, 1, 2),
        (2, 1, 1, 2, 2, 0),
    ]


def test_portal_figures_in_the_portal_time_zone():
    """A user who joined at 00:30 in Brussels on the 1st belongs to that month, not the one
    before (it is still the previous day in UTC)."""
    from datetime import datetime, time

    from apps.accounts.tests.factories import UserFactory

    first = first_of_month(1)
    UserFactory(date_joined=timezone.make_aware(datetime.combine(first, time(0, 30))))
    months = selectors.portal_monthly_figures()
    assert months[-2].month == first
    assert months[-2].new_users == 1
    assert months[-3].new_users == 0
