"""Factories and the known data sets the statistics tests check exact figures against."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.stats.models import VacancyDailyViews
from apps.vacancies.tests.factories import ApplicationFactory, VacancyFactory, published_vacancy


class VacancyDailyViewsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VacancyDailyViews

    vacancy = factory.SubFactory(VacancyFactory, published=True)
    date = factory.LazyFunction(timezone.localdate)
    count = 1


def local_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def this_monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def weeks_ago(weeks: int) -> date:
    """A day inside the week that started `weeks` Mondays ago (the Monday for this week)."""
    if weeks == 0:
        return this_monday()
    return this_monday() - timedelta(weeks=weeks) + timedelta(days=2)


def at_week(weeks: int) -> datetime:
    return timezone.now() if weeks == 0 else local_noon(weeks_ago(weeks))


def first_of_month(months_back: int) -> date:
    day = timezone.localdate().replace(day=1)
    for _ in range(months_back):
        day = (day - timedelta(days=1)).replace(day=1)
    return day


def at_month(months_back: int) -> datetime:
    """A moment inside the month `months_back` months ago: now for this month."""
    if months_back == 0:
        return timezone.now()
    return local_noon(first_of_month(months_back).replace(day=15))


@dataclass
class OrganizationDataSet:
    acme: object
    other: object
    member: object
    bioinformatician: object
    technician: object
    closed: object
    draft: object
    conference: object
    cafe: object


def organization_data_set() -> OrganizationDataSet:
    """Acme's vacancies, applications and events, and another organization's, to leave out.

    Expected figures for Acme (weeks counted back from this week, 0):
    - views: bioinformatician 12 (week 0: 4, week 1: 6, week 3: 2), technician 8 (week 1: 3,
      week 2: 5), closed 7 (20 weeks ago); total 27; per week 4, 9, 5, 2 for weeks 0..3;
    - applications: bioinformatician submitted 2, in review 1, shortlisted 1, hired 1,
      rejected 1, withdrawn 1; technician submitted 1, rejected 1; closed hired 1 (20 weeks
      ago); per week 2, 3, 3, 1 for weeks 0..3;
    - events: the conference (40 days ago) confirmed 1, attended 3, cancelled 1; the cafe
      (in 30 days) confirmed 2, waitlisted 1, cancelled 1.
    """
    acme = OrganizationFactory(name="Acme Biologics", slug="acme", verified=True)
    other = OrganizationFactory(name="Other Pharma", slug="other", verified=True)
    member = MembershipFactory(organization=acme, role="recruiter").user
    now = timezone.now()
    bioinformatician = published_vacancy(
        organization=acme,
        title="Bioinformatician",
        slug="bioinformatician",
        published_at=now - timedelta(days=30),
    )
    technician = published_vacancy(
        organization=acme,
        title="Lab technician",
        slug="lab-technician",
        published_at=now - timedelta(days=10),
    )
    closed = published_vacancy(
        organization=acme,
        title="Closed position",
        slug="closed-position",
        status="closed",
        published_at=now - timedelta(days=150),
    )
    draft = VacancyFactory(organization=acme, title="Draft position", slug="draft-position")
    elsewhere = published_vacancy(organization=other, title="Elsewhere", slug="elsewhere")

    for vacancy, weeks, count in (
        (bioinformatician, 0, 4),
        (bioinformatician, 1, 6),
        (bioinformatician, 3, 2),
        (technician, 1, 3),
        (technician, 2, 5),
        (closed, 20, 7),
        (elsewhere, 0, 50),
    ):
        VacancyDailyViewsFactory(vacancy=vacancy, date=weeks_ago(weeks), count=count)

    for vacancy, status, weeks in (
        (bioinformatician, "submitted", 0),
        (bioinformatician, "submitted", 0),
        (bioinformatician, "in_review", 1),
        (bioinformatician, "shortlisted", 1),
        (bioinformatician, "hired", 2),
        (bioinformatician, "rejected", 2),
        (bioinformatician, "withdrawn", 3),
        (technician, "submitted", 1),
        (technician, "rejected", 2),
        (closed, "hired", 20),
        (elsewhere, "submitted", 0),
    ):
        ApplicationFactory(vacancy=vacancy, status=status, created_at=at_week(weeks))

    conference = EventFactory(
        organizer=acme,
        title="Knowledge for Growth",
        slug="knowledge-for-growth",
        kind="conference",
        starts_at=now - timedelta(days=40),
    )
    cafe = EventFactory(organizer=acme, title="BioBizz Cafe Ghent", slug="biobizz-cafe-ghent")
    foreign = EventFactory(organizer=other, title="Other event", slug="other-event")
    for event, status, count in (
        (conference, "confirmed", 1),
        (conference, "attended", 3),
        (conference, "cancelled", 1),
        (cafe, "confirmed", 2),
        (cafe, "waitlisted", 1),
        (cafe, "cancelled", 1),
        (foreign, "confirmed", 5),
    ):
        for _ in range(count):
            RegistrationFactory(event=event, status=status)
    return OrganizationDataSet(
        acme=acme,
        other=other,
        member=member,
        bioinformatician=bioinformatician,
        technician=technician,
        closed=closed,
        draft=draft,
        conference=conference,
        cafe=cafe,
    )


def portal_data_set() -> None:
    """Activity in this month (0), the two before (1, 2) and one 13 months back (left out).

    Expected, for months 2, 1, 0: new users 2, 3, 2; new organizations 1, 1, 1; vacancies
    published 1, 1, 1; applications 1, 2, 2; registrations (not cancelled, by the month
    made) 1, 1, 2; attended (by the month of the event) 0, 2, 0. Every other month: zeros.
    """

    def person(months_back: int):
        return UserFactory(date_joined=at_month(months_back))

    acme = OrganizationFactory(created_at=at_month(2), verified=True)
    beta = OrganizationFactory(created_at=at_month(1), verified=True)
    gamma = OrganizationFactory(created_at=at_month(0), verified=True)
    ancient = OrganizationFactory(created_at=at_month(13), verified=True)
    old_user = person(13)
    a1, a2, a3, a4 = person(2), person(1), person(1), person(0)
    r1, r2, r3 = person(2), person(1), person(0)

    va = published_vacancy(organization=acme, published_at=at_month(2))
    vb = published_vacancy(organization=beta, published_at=at_month(1))
    vc = published_vacancy(organization=acme, published_at=at_month(0))
    published_vacancy(organization=ancient, published_at=at_month(13))
    VacancyFactory(organization=acme)  # a draft: never published

    for vacancy, applicant, months_back in (
        (va, a1, 2),
        (va, a2, 1),
        (vb, a3, 1),
        (vc, a4, 0),
        (va, a4, 0),
    ):
        ApplicationFactory(vacancy=vacancy, applicant=applicant, created_at=at_month(months_back))

    past = EventFactory(organizer=acme, starts_at=at_month(1))
    old = EventFactory(organizer=ancient, starts_at=at_month(13))
    coming = EventFactory(organizer=gamma)
    for event, user, status, months_back in (
        (past, r1, "attended", 2),
        (past, r2, "attended", 1),
        (past, a2, "cancelled", 1),
        (coming, r3, "confirmed", 0),
        (coming, a4, "waitlisted", 0),
        (old, old_user, "attended", 13),
    ):
        RegistrationFactory(event=event, user=user, status=status, created_at=at_month(months_back))
