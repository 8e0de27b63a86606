"""Registrations and check-ins go 24 months after the event, counted still; erasing a
person gives their places back. The clock is moved forward with time-machine."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.services import account_erase
from apps.accounts.tests.factories import UserFactory
from apps.core import retention
from apps.events import selectors, services
from apps.events.models import Registration, RegistrationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

STARTS = datetime(2026, 5, 12, 15, 0, tzinfo=UTC)
ENDS = STARTS + timedelta(hours=3)
GOES = retention.goes_at(start=ENDS, months=24)


def run(moment: datetime, **kwargs):
    with time_machine.travel(moment, tick=False):
        [step] = services.registrations_apply_retention(now=timezone.now(), **kwargs)
    return step.due, step.done


@pytest.fixture
def event():
    return EventFactory(title="BioBizz Cafe Ghent", starts_at=STARTS, ends_at=ENDS)


def test_registrations_and_check_ins_go_24_months_after_the_event(event):
    came = RegistrationFactory(
        event=event, status=RegistrationStatus.ATTENDED, checked_in_at=STARTS
    )
    stayed_away = RegistrationFactory(event=event)
    later_event = EventFactory(
        starts_at=STARTS + timedelta(days=60), ends_at=ENDS + timedelta(days=60)
    )
    not_due = RegistrationFactory(event=later_event)

    assert run(GOES - timedelta(seconds=1)) == (0, 0)
    assert run(GOES) == (2, 2)
    for registration in (came, stayed_away):
        registration.refresh_from_db()
        assert registration.user_id is None and registration.anonymised_at == GOES
    came.refresh_from_db()
    assert came.status == RegistrationStatus.ATTENDED and came.checked_in_at == STARTS
    not_due.refresh_from_db()
    assert not_due.user_id is not None
    # Counted in the figures, gone from the organizers' list.
    assert event.registrations.count() == 2
    assert not selectors.event_registrations(event=event).exists()
    assert run(GOES + timedelta(days=1)) == (0, 0)


def test_the_dry_run_changes_nothing(event):
    registration = RegistrationFactory(event=event)
    assert run(GOES, dry_run=True) == (1, 0)
    registration.refresh_from_db()
    assert registration.user_id is not None


def test_erasure_gives_the_place_back_and_keeps_the_registration_counted():
    event = EventFactory(capacity=1)
    leaving = UserFactory()
    waiting = UserFactory()
    services.registration_create(user=leaving, event=event)
    services.registration_create(user=waiting, event=event)
    account_erase(user=leaving)
    promoted = Registration.objects.get(user=waiting)
    assert promoted.status == RegistrationStatus.CONFIRMED
    gone = Registration.objects.get(user__isnull=True)
    assert gone.status == RegistrationStatus.CANCELLED
    assert event.registrations.count() == 2


def test_the_privacy_page_says_when_each_registration_goes(event):
    from rest_framework.test import APIClient

    registration = RegistrationFactory(event=event)
    client = APIClient()
    client.force_authenticate(registration.user)
    data = client.get(reverse("me-privacy")).json()
    [held] = [h for h in data["holdings"] if h["kind"] == "registration"]
    assert held["holder"] == event.organizer.name
    assert "BioBizz Cafe Ghent" in held["label"]
    assert "exhibitors" not in held["label"]
    assert datetime.fromisoformat(held["until"]) == GOES
    # The event's page is where the place is cancelled or the choice changed.
    assert [link["url"] for link in held["links"]] == [event.get_absolute_url()]


def test_the_privacy_page_says_who_may_see_you_at_an_event():
    event = EventFactory(title="BioBizz Cafe Ghent", starts_at=timezone.now() + timedelta(days=3))
    person = UserFactory()
    services.registration_create(user=person, event=event, visible_to_exhibitors=True)
    client = Client()
    client.force_login(person)
    html = client.get(reverse("privacy:overview")).content.decode()
    assert "its exhibitors may see your talent profile until it ends" in html
    assert f'href="{event.get_absolute_url()}"' in html
