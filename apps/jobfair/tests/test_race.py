"""Races for a slot on PostgreSQL: threads with their own connections, started together."""

import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection

from apps.core.exceptions import ConflictError
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import Meeting, MeetingStatus
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not settings.USES_POSTGRES, reason="row locks need PostgreSQL"),
]


def run_together(calls: list[Callable[[], object]]) -> list[object]:
    """Start every call at the same moment, each in a thread with its own connection; answer
    each call's result or the error it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        except BaseException as error:  # reported by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results


def booker(person, slot) -> Callable[[], Meeting]:
    return lambda: services.meeting_book(attendee=person, slot=slot, message="Hello")


@pytest.mark.parametrize("attempt", range(3))
def test_two_people_racing_for_a_slot_never_both_get_it(attempt):
    slot = MeetingSlotFactory()
    people = [attendee_of(slot.event) for _ in range(2)]
    results = run_together([booker(person, slot) for person in people])
    booked = [r for r in results if isinstance(r, Meeting)]
    refused = [r for r in results if isinstance(r, BaseException)]
    assert len(booked) == 1
    assert len(refused) == 1 and isinstance(refused[0], ConflictError), refused
    assert slot.meetings.filter(status=MeetingStatus.BOOKED).count() == 1


def test_eight_people_racing_for_a_slot():
    slot = MeetingSlotFactory()
    people = [attendee_of(slot.event) for _ in range(8)]
    results = run_together([booker(person, slot) for person in people])
    assert sum(isinstance(r, Meeting) for r in results) == 1
    assert all(isinstance(r, ConflictError) for r in results if not isinstance(r, Meeting))
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("same_event", [True, False])
@pytest.mark.parametrize("attempt", range(3))
def test_one_person_booking_two_overlapping_slots_at_once_gets_one(attempt, same_event):
    event = EventFactory()
    other = event if same_event else EventFactory(starts_at=event.starts_at, ends_at=event.ends_at)
    first = MeetingSlotFactory(event=event)
    second = MeetingSlotFactory(
        event=other,
        starts_at=first.starts_at + timedelta(minutes=10),
        ends_at=first.ends_at + timedelta(minutes=10),
    )
    person = attendee_of(event)
    if not same_event:
        attendee_of(other, user=person)
    results = run_together([booker(person, first), booker(person, second)])
    assert sum(isinstance(r, Meeting) for r in results) == 1
    assert Meeting.objects.filter(attendee=person, status=MeetingStatus.BOOKED).count() == 1


@pytest.mark.parametrize("attempt", range(3))
def test_a_cancel_racing_a_booking_leaves_at_most_one_meeting(attempt):
    slot = MeetingSlotFactory()
    holder = attendee_of(slot.event)
    meeting = services.meeting_book(attendee=holder, slot=slot)
    newcomer = attendee_of(slot.event)
    run_together(
        [
            lambda: services.meeting_cancel(actor=holder, meeting=meeting),
            booker(newcomer, slot),
        ]
    )
    assert slot.meetings.filter(status=MeetingStatus.BOOKED).count() <= 1
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
