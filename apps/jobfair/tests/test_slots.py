"""Exhibitors open consecutive slots within the event, and close the ones nobody booked."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.events.models import EventStatus, ParticipantRole
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import MeetingSlot, SlotStatus
from apps.jobfair.tests.factories import MeetingFactory, MeetingSlotFactory, exhibitor_at
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(title="Knowledge for Growth", kind="conference")


def open_slots(actor, event, organization, **kwargs):
    values = {
        "starts_at": event.starts_at + timedelta(minutes=15),
        "duration_minutes": 20,
        "count": 3,
        "location": "Stand 12",
        **kwargs,
    }
    return services.meeting_slots_open(
        actor=actor, event=event, organization=organization, **values
    )


def test_a_start_a_length_and_a_count_give_consecutive_slots(event):
    organization, member = exhibitor_at(event, name="Leie Biologics")
    slots = open_slots(member, event, organization)
    starts = [slot.starts_at for slot in MeetingSlot.objects.order_by("starts_at")]
    first = event.starts_at + timedelta(minutes=15)
    assert starts == [first, first + timedelta(minutes=20), first + timedelta(minutes=40)]
    assert [slot.duration_minutes for slot in slots] == [20, 20, 20]
    assert {slot.location for slot in slots} == {"Stand 12"}
    assert {slot.created_by_id for slot in slots} == {member.pk}
    assert all(slot.status == SlotStatus.OPEN for slot in slots)


def test_the_host_of_a_cafe_opens_slots_too():
    cafe = EventFactory()
    organization, member = exhibitor_at(cafe, role=ParticipantRole.HOST)
    assert len(open_slots(member, cafe, organization, count=2)) == 2


@pytest.mark.parametrize(
    ("starts", "count", "field"),
    [
        (timedelta(minutes=-10), 1, "starts_at"),  # before the event starts
        (timedelta(hours=1, minutes=30), 2, "starts_at"),  # the second ends after the event
        (timedelta(minutes=0), 0, "count"),
        (timedelta(minutes=0), 51, "count"),
    ],
)
def test_slots_outside_the_event_or_too_many_are_refused(event, starts, count, field):
    organization, member = exhibitor_at(event)
    with pytest.raises(ServiceError) as refused:
        open_slots(member, event, organization, starts_at=event.starts_at + starts, count=count)
    assert refused.value.status_code == 400
    assert field in refused.value.detail
    assert not MeetingSlot.objects.exists()


@pytest.mark.parametrize("minutes", [0, 4, 241])
def test_a_length_out_of_bounds_is_refused(event, minutes):
    organization, member = exhibitor_at(event)
    with pytest.raises(ServiceError) as refused:
        open_slots(member, event, organization, duration_minutes=minutes)
    assert "duration_minutes" in refused.value.detail
    assert not MeetingSlot.objects.exists()


def test_a_non_member_opens_no_slot_for_an_organization(event):
    organization, _member = exhibitor_at(event)
    for outsider in (
        UserFactory(),
        UserFactory(is_staff=True),
        MembershipFactory(organization=event.organizer).user,  # the event's organizer
    ):
        with pytest.raises(ActionForbidden):
            open_slots(outsider, event, organization)
    assert not MeetingSlot.objects.exists()


def test_an_organization_that_does_not_exhibit_opens_no_slot(event):
    organization = OrganizationFactory(verified=True)
    member = MembershipFactory(organization=organization).user
    with pytest.raises(ServiceError) as refused:
        open_slots(member, event, organization)
    assert refused.value.status_code == 400
    assert "organization" in refused.value.detail
    assert not MeetingSlot.objects.exists()


@pytest.mark.parametrize("status", [EventStatus.CANCELLED, EventStatus.DRAFT])
def test_no_slots_at_an_event_that_is_not_published(status):
    event = EventFactory(status=status)
    organization, member = exhibitor_at(event)
    with pytest.raises(ConflictError):
        open_slots(member, event, organization)


def test_no_slots_in_the_past():
    now = timezone.now()
    event = EventFactory(starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=3))
    organization, member = exhibitor_at(event)
    with pytest.raises(ServiceError) as refused:
        open_slots(member, event, organization, starts_at=now - timedelta(minutes=20))
    assert "starts_at" in refused.value.detail
    assert open_slots(member, event, organization, starts_at=now + timedelta(minutes=5))


def test_slots_at_the_same_place_do_not_overlap_but_parallel_tables_may(event):
    organization, member = exhibitor_at(event)
    open_slots(member, event, organization, count=3)
    with pytest.raises(ConflictError):
        open_slots(member, event, organization, starts_at=event.starts_at + timedelta(minutes=50))
    assert MeetingSlot.objects.count() == 3
    open_slots(member, event, organization, location="Stand 13", count=3)
    assert MeetingSlot.objects.count() == 6


def test_a_member_closes_a_slot_nobody_booked():
    slot = MeetingSlotFactory()
    member = MembershipFactory(organization=slot.organization).user
    closed = services.meeting_slot_close(actor=member, slot=slot)
    assert closed.status == SlotStatus.CLOSED and closed.closed_at is not None
    with pytest.raises(ConflictError):
        services.meeting_slot_close(actor=member, slot=slot)


def test_a_booked_slot_is_not_closed():
    meeting = MeetingFactory()
    member = MembershipFactory(organization=meeting.slot.organization).user
    with pytest.raises(ConflictError):
        services.meeting_slot_close(actor=member, slot=meeting.slot)
    meeting.slot.refresh_from_db()
    assert meeting.slot.status == SlotStatus.OPEN


def test_only_members_close_slots():
    slot = MeetingSlotFactory()
    for outsider in (UserFactory(), UserFactory(is_staff=True)):
        with pytest.raises(ActionForbidden):
            services.meeting_slot_close(actor=outsider, slot=slot)
    slot.refresh_from_db()
    assert slot.status == SlotStatus.OPEN
