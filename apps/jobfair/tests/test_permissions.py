"""Every role against every write of the job fair, through the API."""

from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events.models import RegistrationStatus
from apps.events.tests.factories import EventFactory
from apps.jobfair import services
from apps.jobfair.models import MeetingSlot, MeetingStatus, SlotStatus
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of, exhibitor_at
from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "outsider",
    "waitlisted",
    "attendee",
    "exhibitor",
    "other_exhibitor",
    "organizer",
    "staff",
]


@pytest.fixture
def world():
    event = EventFactory(slug="knowledge-for-growth")
    organization, member = exhibitor_at(event, slug="leie-biologics")
    _other, other_member = exhibitor_at(event, slug="schelde-pharma")
    slot = MeetingSlotFactory(event=event, organization=organization, created_by=member)
    booked = MeetingSlotFactory(
        event=event,
        organization=organization,
        starts_at=slot.starts_at + timedelta(minutes=30),
        ends_at=slot.ends_at + timedelta(minutes=30),
    )
    booker = attendee_of(event)
    meeting = services.meeting_book(attendee=booker, slot=booked)
    people = {
        "anonymous": None,
        "outsider": UserFactory(),
        "waitlisted": attendee_of(event, status=RegistrationStatus.WAITLISTED),
        "attendee": attendee_of(event),
        "exhibitor": member,
        "other_exhibitor": other_member,
        "organizer": MembershipFactory(organization=event.organizer).user,
        "staff": UserFactory(is_staff=True, is_superuser=True),
    }
    return {
        "event": event,
        "organization": organization,
        "slot": slot,
        "booked": booked,
        "meeting": meeting,
        "booker": booker,
        "people": people,
    }


def client_as(world, role: str) -> APIClient:
    client = APIClient()
    person = world["people"][role]
    if person is not None:
        client.force_authenticate(person)
    return client


def expected(role: str, allowed: tuple[str, ...], allowed_code: int, refused: int = 403) -> int:
    if role in allowed:
        return allowed_code
    return 401 if role == "anonymous" else refused


@pytest.mark.parametrize("role", ROLES)
def test_open_slots(world, role):
    event = world["event"]
    response = client_as(world, role).post(
        f"/api/v1/events/{event.slug}/meeting-slots/",
        {
            "organization": "leie-biologics",
            "starts_at": (event.starts_at + timedelta(hours=1)).isoformat(),
            "duration_minutes": 15,
            "count": 2,
            "location": "Stand 4",
        },
    )
    assert response.status_code == expected(role, ("exhibitor",), 201), response.content
    opened = MeetingSlot.objects.filter(location="Stand 4").count()
    assert opened == (2 if role == "exhibitor" else 0)


@pytest.mark.parametrize("role", ROLES)
def test_close_a_slot(world, role):
    slot = world["slot"]
    response = client_as(world, role).post(f"/api/v1/meeting-slots/{slot.pk}/close/")
    assert response.status_code == expected(role, ("exhibitor",), 200), response.content
    slot.refresh_from_db()
    assert (slot.status == SlotStatus.CLOSED) == (role == "exhibitor")


@pytest.mark.parametrize("role", ROLES)
def test_book_a_slot(world, role):
    slot = world["slot"]
    response = client_as(world, role).post(
        f"/api/v1/meeting-slots/{slot.pk}/book/", {"message": "Hello"}
    )
    assert response.status_code == expected(role, ("attendee",), 201), response.content
    assert slot.meetings.exists() == (role == "attendee")


@pytest.mark.parametrize("role", [*ROLES, "booker"])
def test_cancel_a_booking(world, role):
    world["people"]["booker"] = world["booker"]
    booked = world["booked"]
    response = client_as(world, role).delete(f"/api/v1/meeting-slots/{booked.pk}/booking/")
    # Someone else's meeting is not revealed: a 404 rather than a 403.
    assert response.status_code == expected(role, ("booker", "exhibitor"), 204, refused=404)
    world["meeting"].refresh_from_db()
    cancelled = world["meeting"].status == MeetingStatus.CANCELLED
    assert cancelled == (role in ("booker", "exhibitor"))


@pytest.mark.parametrize("role", ROLES)
def test_read_the_schedule(world, role):
    event = world["event"]
    response = client_as(world, role).get(
        f"/api/v1/events/{event.slug}/meetings/?organization=leie-biologics"
    )
    assert response.status_code == expected(role, ("exhibitor",), 200)
    if role == "exhibitor":
        booked = [row for row in response.json()["results"] if row["meeting"]]
        assert [row["meeting"]["name"] for row in booked] == [world["booker"].display_name]


@pytest.mark.parametrize("role", ROLES)
def test_see_the_attendees_visible_to_exhibitors(world, role):
    event = world["event"]
    response = client_as(world, role).get(f"/api/v1/events/{event.slug}/attendees/")
    assert response.status_code == expected(role, ("exhibitor", "other_exhibitor"), 200)


@pytest.mark.parametrize("role", ROLES)
def test_list_the_slots_is_public(world, role):
    response = client_as(world, role).get(f"/api/v1/events/{world['event'].slug}/meeting-slots/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert {row["id"]: row["available"] for row in rows} == {
        str(world["slot"].pk): True,
        str(world["booked"].pk): False,
    }
    assert all("meeting" not in row and "attendee" not in row for row in rows)
