"""A booked meeting is told to the organization's webhooks, as its schedule shows it."""

import json

import pytest

from apps.jobfair import services
from apps.jobfair.tests.factories import MeetingSlotFactory, attendee_of
from apps.vacancies.tests.factories import cv_for
from apps.webhooks.models import WebhookDelivery
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


def test_a_booking_is_told_to_the_organization_with_the_schedules_representation():
    slot = MeetingSlotFactory(location="Stand 12")
    endpoint = WebhookEndpointFactory(organization=slot.organization, events=["meeting.booked"])
    WebhookEndpointFactory(events=["meeting.booked"])  # another organization's
    attendee = attendee_of(slot.event)
    cv = cv_for(attendee)
    meeting = services.meeting_book(attendee=attendee, slot=slot, message="Hello", cv=cv)
    [delivery] = WebhookDelivery.objects.all()
    assert delivery.endpoint == endpoint and delivery.about == attendee
    body = json.loads(delivery.body)
    assert body["type"] == "meeting.booked"
    data = body["data"]
    assert (data["id"], data["event"], data["location"]) == (
        str(slot.pk),
        slot.event.slug,
        "Stand 12",
    )
    assert data["meeting"]["id"] == str(meeting.pk)
    assert data["meeting"]["name"] == attendee.display_name
    assert data["meeting"]["message"] == "Hello"
    assert data["meeting"]["cv"]["download_url"].endswith(
        f"/api/v1/cvs/{cv.pk}/download/?organization={slot.organization.slug}"
    )
    assert "email" not in json.dumps(data["meeting"])  # never the attendee's address


def test_a_refused_booking_tells_nobody():
    slot = MeetingSlotFactory()
    WebhookEndpointFactory(organization=slot.organization, events=["meeting.booked"])
    outsider = attendee_of(slot.event, status="waitlisted")
    with pytest.raises(Exception):  # noqa: B017  (the refusal itself is tested elsewhere)
        services.meeting_book(attendee=outsider, slot=slot)
    assert not WebhookDelivery.objects.exists()
