"""Place counts stay right however many members the organizer has (a join once multiplied them)."""

from datetime import timedelta

import pytest
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
    EventParticipant.objects.create(event=event, organization=exhibitor, role="exhibitor")
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
    page = client.get(f"/events/{event.slug}/check-in/?q=Jonas+Vermeulen")
    assert [r.user.last_name for r in page.context["page"].object_list] == ["Vermeulen"]
