"""Events for sync clients: `updated_since`, update times that follow registrations,
conditional GETs, and the registration webhooks of the organizing organization."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.events import services
from apps.events.models import Event
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.webhooks.models import WebhookDelivery
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/events/"
REGISTRATIONS = ["registration.created", "registration.cancelled"]


def age(event: Event, **delta) -> None:
    Event.objects.filter(pk=event.pk).update(updated_at=timezone.now() - timedelta(**delta))


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_updated_since_gives_changed_events_past_and_upcoming_oldest_change_first():
    old = EventFactory(slug="old")
    past = EventFactory(
        slug="past",
        starts_at=timezone.now() - timedelta(days=3),
        ends_at=timezone.now() - timedelta(days=3) + timedelta(hours=2),
    )
    fresh = EventFactory(slug="fresh")
    age(old, days=5)
    age(past, hours=3)
    age(fresh, hours=1)
    since = (timezone.now() - timedelta(days=1)).isoformat()
    assert slugs(APIClient().get(API, {"updated_since": since})) == ["past", "fresh"]
    assert slugs(APIClient().get(API, {"updated_since": since, "upcoming": "true"})) == ["fresh"]
    # A registration changes the places left: the event counts as changed.
    services.registration_create(user=UserFactory(), event=old)
    assert slugs(APIClient().get(API, {"updated_since": since})) == ["past", "fresh", "old"]
    for bad in ("soon", "0001-01-01T00:00:00+05:00"):
        response = APIClient().get(API, {"updated_since": bad})
        assert response.status_code == 400 and "updated_since" in response.json()
    # An offset the database would refuse is taken as the moment it names.
    assert APIClient().get(API, {"updated_since": "0642-08-10T01:56:59+23:13"}).status_code == 200
    # Any offset is taken as the moment it names.
    brussels = (timezone.now() - timedelta(days=1)).astimezone(timezone.get_fixed_timezone(120))
    assert slugs(APIClient().get(API, {"updated_since": brussels.isoformat()})) == [
        "past",
        "fresh",
        "old",
    ]


def test_publishing_cancelling_and_registrations_move_the_update_time():
    event = EventFactory(status="draft", organizer=OrganizationFactory(verified=True))
    organizer = MembershipFactory(organization=event.organizer).user
    attendee = UserFactory()
    for step in (
        lambda: services.event_publish(actor=organizer, event=event),
        lambda: services.registration_create(user=attendee, event=event),
        lambda: services.registration_cancel(user=attendee, event=event),
        lambda: services.event_cancel(actor=organizer, event=event, reason="Storm"),
    ):
        age(event, days=1)
        before = timezone.now()
        step()
        assert Event.objects.get(pk=event.pk).updated_at >= before


def test_the_public_event_list_and_page_answer_304_until_something_changes():
    event = EventFactory(slug="k4g")
    age(event, days=1)
    client = APIClient()
    for url in (API, f"{API}k4g/"):
        first = client.get(url)
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    services.registration_create(user=UserFactory(), event=event)
    for url in (API, f"{API}k4g/"):
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert again.status_code == 200
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_registrations_are_told_to_the_organizing_organization():
    event = EventFactory()
    endpoint = WebhookEndpointFactory(organization=event.organizer, events=REGISTRATIONS)
    WebhookEndpointFactory(events=REGISTRATIONS)  # another organization's
    WebhookEndpointFactory(organization=None, events=["vacancy.published"])
    attendee = UserFactory()
    registration = services.registration_create(user=attendee, event=event)
    services.registration_cancel(user=attendee, event=event)
    bodies = [
        json.loads(d.body)
        for d in WebhookDelivery.objects.filter(endpoint=endpoint).order_by("created_at")
    ]
    assert [(b["type"], b["data"]["status"]) for b in bodies] == [
        ("registration.created", "confirmed"),
        ("registration.cancelled", "cancelled"),
    ]
    assert bodies[0]["data"]["id"] == str(registration.pk)
    assert bodies[0]["data"]["email"] == attendee.email
    assert bodies[0]["data"]["event"] == event.slug
    assert WebhookDelivery.objects.count() == 2


def test_cancelling_an_event_tells_each_cancelled_registration():
    event = EventFactory()
    endpoint = WebhookEndpointFactory(organization=event.organizer, events=REGISTRATIONS)
    registrations = [RegistrationFactory(event=event) for _ in range(3)]
    organizer = MembershipFactory(organization=event.organizer).user
    services.event_cancel(actor=organizer, event=event, reason="Storm")
    told = {
        json.loads(d.body)["data"]["id"]
        for d in WebhookDelivery.objects.filter(
            endpoint=endpoint, event_type="registration.cancelled"
        )
    }
    assert told == {str(r.pk) for r in registrations}
