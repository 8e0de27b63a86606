"""Place counts stay right however many members the organizer has (a join once multiplied them)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.events import selectors, services
from apps.events.models import Event, EventParticipant
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_counts_are_the_same_for_members_visitors_and_organization_pages():
    organizer = MembershipFactory()
    for _ in range(2):
        MembershipFactory(organization=organizer.organization)
    exhibitor = OrganizationFactory()
    start = timezone.now() + timedelta(days=3)
    event = Event.objects.create(
        title="Cafe",
        slug="cafe",
        kind="biobizz_cafe",
        organizer=organizer.organization,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        venue="BIOSCAPE",
        capacity=5,
        status="published",
    )
    EventParticipant.objects.create(
        event=event, organization=exhibitor, role="exhibitor", status="accepted"
    )
    services.registration_create(user=UserFactory(), event=event)
    for viewer in (organizer.user, UserFactory()):
        seen = selectors.events_visible_to(user=viewer).get(pk=event.pk)
        assert (seen.confirmed_count, selectors.places_left(seen)) == (1, 4)
    for organization in (organizer.organization, exhibitor):
        assert selectors.organization_events(organization=organization).get().confirmed_count == 1


def test_check_in_search_finds_a_full_name(client):
    from apps.events.tests.factories import EventFactory, RegistrationFactory

    organizer = MembershipFactory()
    event = EventFactory(organizer=organizer.organization)
    RegistrationFactory(event=event, user=UserFactory(first_name="Jonas", last_name="Vermeulen"))
    RegistrationFactory(event=event, user=UserFactory(first_name="Jonas", last_name="Peeters"))
    client.force_login(organizer.user)
    page = client.get(
        reverse("events:check_in", kwargs={"slug": event.slug}) + "?q=Jonas+Vermeulen"
    )
    assert [r.user.last_name for r in page.context["page"].object_list] == ["Vermeulen"]


def test_organizers_set_the_participating_organizations_through_the_api():
    from rest_framework.test import APIClient

    organizer = MembershipFactory(organization__verified=True)
    exhibitor = OrganizationFactory(slug="argenx")
    host = OrganizationFactory(slug="imec")
    api = APIClient()
    api.force_authenticate(organizer.user)
    start = timezone.now() + timedelta(days=10)
    payload = {
        "organizer": organizer.organization.slug,
        "title": "Job fair",
        "kind": "conference",
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=8)).isoformat(),
        "venue": "Antwerp Expo",
        "publish": True,
        "participants": [
            {"organization": "argenx", "role": "exhibitor"},
            {"organization": "imec", "role": "host"},
        ],
    }
    response = api.post("/api/v1/events/", payload, format="json")
    assert response.status_code == 201, response.json()
    slug = response.json()["slug"]
    assert {p["slug"] for p in response.json()["participants"]} == {"argenx", "imec"}
    assert exhibitor.events_taking_part.count() == 1 and host.events_taking_part.count() == 1
    bad = {"participants": [{"organization": "imec", "role": "host"}] * 2}
    assert api.patch(f"/api/v1/events/{slug}/", bad, format="json").status_code == 400
    assert Event.objects.get(slug=slug).participations.count() == 2
    unknown = {"participants": [{"organization": "nowhere", "role": "host"}]}
    assert api.patch(f"/api/v1/events/{slug}/", unknown, format="json").status_code == 400
    stranger = APIClient()
    stranger.force_authenticate(UserFactory())
    assert (
        stranger.patch(f"/api/v1/events/{slug}/", {"participants": []}, format="json").status_code
        == 403
    )
    assert Event.objects.get(slug=slug).participations.count() == 2
