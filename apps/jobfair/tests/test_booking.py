"""Booking: registered attendees only, one person a slot, no overlaps, one's own CV."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.events import services as event_services
from apps.events.models import EventStatus, RegistrationStatus
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import Meeting, MeetingStatus, SlotStatus
from apps.jobfair.tests.factories import (
    MeetingFactory,
    MeetingSlotFactory,
    attendee_of,
    exhibitor_at,
)
from apps.organizations.tests.factories import MembershipFactory
from apps.talent.tests.factories import CVFactory
from apps.vacancies.tests.factories import cv_for

pytestmark = pytest.mark.django_db


def slot_at(event, minutes: int, length: int = 20, organization=None, **kwargs):
    starts_at = event.starts_at + timedelta(minutes=minutes)
    values = {
        "event": event,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=length),
    }
    if organization is not None:
        values["organization"] = organization
    return MeetingSlotFactory(**values, **kwargs)


@pytest.fixture
def event():
    return EventFactory(title="BioBizz Cafe Ghent")


@pytest.fixture
def slot(event):
    return slot_at(event, 30)


def book(person, slot, **kwargs):
    return services.meeting_book(attendee=person, slot=slot, **kwargs)


def test_an_attendee_books_a_free_slot_with_a_message_and_their_cv(event, slot):
    person = attendee_of(event)
    cv = cv_for(person)
    meeting = book(person, slot, message="  Interested in your internships.  ", cv=cv)
    assert meeting.status == MeetingStatus.BOOKED
    assert meeting.message == "Interested in your internships."
    assert meeting.cv == cv
    assert meeting.slot == slot


@pytest.mark.parametrize(
    ("registration", "message"),
    [
        (None, "Register for the event first"),
        (RegistrationStatus.WAITLISTED, "waiting list"),
        (RegistrationStatus.CANCELLED, "Register for the event first"),
    ],
)
def test_only_people_with_a_confirmed_place_book(event, slot, registration, message):
    person = UserFactory()
    if registration is not None:
        attendee_of(event, user=person, status=registration)
    with pytest.raises(ActionForbidden) as refused:
        book(person, slot)
    assert message in refused.value.messages[0]
    assert not Meeting.objects.exists()


def test_someone_checked_in_still_books(event, slot):
    person = attendee_of(event, status=RegistrationStatus.ATTENDED)
    assert book(person, slot).status == MeetingStatus.BOOKED


def test_a_taken_slot_holds_one_person(event, slot):
    book(attendee_of(event), slot)
    with pytest.raises(ConflictError):
        book(attendee_of(event), slot)
    assert slot.meetings.count() == 1


def test_a_closed_slot_is_not_booked(event, slot):
    slot.status = SlotStatus.CLOSED
    slot.save()
    with pytest.raises(ConflictError):
        book(attendee_of(event), slot)
    assert not Meeting.objects.exists()


def test_a_past_slot_is_not_booked():
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=2))
    past = slot_at(event, 10)
    person = attendee_of(event)
    with pytest.raises(ConflictError) as refused:
        book(person, past)
    assert "past" in refused.value.messages[0]
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT])
def test_no_booking_at_an_event_that_is_not_published(status):
    event = EventFactory()
    slot = slot_at(event, 30)
    person = attendee_of(event)
    event.status = status
    event.save()
    with pytest.raises(ConflictError):
        book(person, slot)
    assert not Meeting.objects.exists()


class TestOverlap:
    """A person cannot hold two meetings at the same time, at one event or at two."""

    @pytest.mark.parametrize(
        ("minutes", "length"),
        [(30, 20), (40, 20), (20, 15), (25, 40), (35, 5)],
    )
    def test_an_overlapping_slot_is_refused(self, event, minutes, length):
        person = attendee_of(event)
        book(person, slot_at(event, 30, 20))  # 30–50
        other = slot_at(event, minutes, length)
        with pytest.raises(ConflictError) as refused:
            book(person, other)
        assert "already have a meeting at that time" in refused.value.messages[0]
        assert Meeting.objects.filter(attendee=person).count() == 1

    @pytest.mark.parametrize(("minutes", "length"), [(50, 20), (10, 20), (0, 30)])
    def test_back_to_back_slots_are_fine(self, event, minutes, length):
        person = attendee_of(event)
        book(person, slot_at(event, 30, 20))
        assert book(person, slot_at(event, minutes, length))

    def test_overlap_counts_across_events(self, event):
        parallel = EventFactory(starts_at=event.starts_at, ends_at=event.ends_at)
        person = attendee_of(event)
        attendee_of(parallel, user=person)
        book(person, slot_at(event, 30))
        with pytest.raises(ConflictError):
            book(person, slot_at(parallel, 40))

    def test_a_cancelled_meeting_no_longer_overlaps(self, event):
        person = attendee_of(event)
        first = book(person, slot_at(event, 30))
        services.meeting_cancel(actor=person, meeting=first)
        assert book(person, slot_at(event, 35))

    def test_two_people_may_meet_at_the_same_time(self, event):
        book(attendee_of(event), slot_at(event, 30, location="Table 1"))
        assert book(attendee_of(event), slot_at(event, 30, location="Table 2"))


def test_one_meeting_per_organization_and_event(event):
    first = slot_at(event, 30)
    second = slot_at(event, 60, organization=first.organization)
    person = attendee_of(event)
    book(person, first)
    with pytest.raises(ConflictError):
        book(person, second)


def test_another_persons_cv_is_refused(event, slot):
    person = attendee_of(event)
    with pytest.raises(ServiceError) as refused:
        book(person, slot, cv=CVFactory())
    assert refused.value.status_code == 400
    assert "cv" in refused.value.detail
    assert not Meeting.objects.exists()


def test_a_message_too_long_is_refused(event, slot):
    with pytest.raises(ServiceError) as refused:
        book(attendee_of(event), slot, message="x" * 1001)
    assert "message" in refused.value.detail
    assert not Meeting.objects.exists()


def test_members_do_not_book_their_own_organization(event, slot):
    member = MembershipFactory(organization=slot.organization).user
    attendee_of(event, user=member)
    with pytest.raises(ActionForbidden):
        book(member, slot)


def test_cancelling_frees_the_slot_for_someone_else(event, slot):
    person = attendee_of(event)
    meeting = book(person, slot)
    services.meeting_cancel(actor=person, meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.cancelled_by == person
    assert book(attendee_of(event), slot).status == MeetingStatus.BOOKED


def test_the_organization_cancels_too_but_nobody_else(event, slot):
    meeting = book(attendee_of(event), slot)
    with pytest.raises(ActionForbidden):
        services.meeting_cancel(actor=attendee_of(event), meeting=meeting)
    member = MembershipFactory(organization=slot.organization).user
    services.meeting_cancel(actor=member, meeting=meeting, reason="Our recruiter is ill.")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_a_cancelled_meeting_is_not_cancelled_again(event, slot):
    person = attendee_of(event)
    meeting = book(person, slot)
    services.meeting_cancel(actor=person, meeting=meeting)
    with pytest.raises(ConflictError):
        services.meeting_cancel(actor=person, meeting=meeting)


def test_a_meeting_that_started_is_not_cancelled():
    meeting = MeetingFactory()
    slot = meeting.slot
    slot.starts_at = timezone.now() - timedelta(minutes=1)
    slot.save()
    with pytest.raises(ConflictError):
        services.meeting_cancel(actor=meeting.attendee, meeting=meeting)


def test_giving_up_ones_place_gives_up_ones_meetings(event, slot):
    person = attendee_of(event)
    meeting = book(person, slot)
    event_services.registration_cancel(user=person, event=event)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert book(attendee_of(event), slot)


def test_a_cancelled_event_cancels_its_meetings(event, slot):
    meeting = book(attendee_of(event), slot)
    organizer = MembershipFactory(organization=event.organizer).user
    event_services.event_cancel(actor=organizer, event=event, reason="Storm")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED


def test_the_slot_of_an_organization_that_left_the_event_is_not_booked(event):
    organization, _member = exhibitor_at(event)
    slot = slot_at(event, 30, organization=organization)
    event.participations.filter(organization=organization).delete()
    with pytest.raises(ConflictError):
        book(attendee_of(event), slot)
