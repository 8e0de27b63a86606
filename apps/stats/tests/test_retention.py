"""The figures keep their counts when people are erased and their data reaches its date."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from apps.accounts.models import ErasedAccount, ErasureReason, User
from apps.accounts.services import account_erase
from apps.accounts.tests.factories import UserFactory
from apps.core.services import retention_apply
from apps.events.models import Registration, RegistrationStatus
from apps.events.services import registration_check_in, registration_create
from apps.events.tests.factories import EventFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.stats import selectors
from apps.vacancies.models import Application
from apps.vacancies.services import application_change_status, application_create, vacancy_close
from apps.vacancies.tests.factories import cv_for, published_vacancy

pytestmark = pytest.mark.django_db


def figures(organization, today):
    mine = selectors.organization_figures(organization=organization, today=today)
    portal = selectors.portal_monthly_figures(today=today)
    return (
        mine.funnel,
        mine.total_applications,
        [(w.week, w.applications) for w in mine.weeks],
        [(e.event_id, e.confirmed, e.attended, e.cancelled) for e in mine.events],
        portal,
    )


def test_statistics_keep_their_counts_after_people_are_erased():
    member = MembershipFactory(organization__verified=True).user
    organization = member.memberships.get().organization
    vacancy = published_vacancy(organization=organization)
    event = EventFactory(
        organizer=organization,
        starts_at=timezone.now() + timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=3),
    )
    people = [UserFactory() for _ in range(3)]
    for person in people:
        application_create(applicant=person, vacancy=vacancy, cv=cv_for(person))
        registration_create(user=person, event=event)
    application_change_status(
        actor=member, application=Application.objects.get(applicant=people[0]), status="in_review"
    )
    with time_machine.travel(event.starts_at + timedelta(minutes=5), tick=False):
        registration_check_in(actor=member, registration=Registration.objects.get(user=people[1]))
    today = timezone.localdate()
    before = figures(organization, today)
    assert before[1] == 3

    # After the event one person erases their account; two years on, the rules take the rest.
    with time_machine.travel(event.ends_at + timedelta(days=1), tick=False):
        account_erase(user=people[0])
        vacancy_close(actor=member, vacancy=vacancy)
    with time_machine.travel(timezone.now() + timedelta(days=800), tick=False):
        retention_apply()
    assert not Application.objects.filter(applicant__isnull=False).exists()
    assert not Registration.objects.filter(user__isnull=False).exists()
    assert Registration.objects.filter(status=RegistrationStatus.ATTENDED).count() == 1

    after = figures(organization, today)
    assert after == before

    # Nobody signed in since: the unused accounts were warned, and a month on they are erased
    # through the same path as a person's own erasure. The figures still count them.
    with time_machine.travel(timezone.now() + timedelta(days=800 + 31), tick=False):
        retention_apply()
    assert not User.objects.filter(pk__in=[p.pk for p in people[1:]] + [member.pk]).exists()
    assert ErasedAccount.objects.filter(reason=ErasureReason.INACTIVE).count() == 3
    assert figures(organization, today) == before
