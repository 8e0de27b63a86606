from datetime import timedelta

import factory
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.events.models import Event, EventStatus, Registration, RegistrationStatus
from apps.organizations.tests.factories import OrganizationFactory


class EventFactory(factory.django.DjangoModelFactory):
    """A published event a month from now, in Ghent, with no capacity limit."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"BioBizz Cafe {n}")
    slug = factory.Sequence(lambda n: f"biobizz-cafe-{n}")
    kind = "biobizz_cafe"
    organizer = factory.SubFactory(OrganizationFactory)
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=30)).replace(microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    venue = "BIOSCAPE"
    address = "Technologiepark 71"
    city = "Ghent"
    description = "<p>Students meet the companies of the cluster.</p>"
    capacity = None
    waitlist_enabled = True
    status = EventStatus.PUBLISHED


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration; `status="waitlisted"` also sets `waitlisted_at`."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED
    waitlisted_at = factory.LazyAttribute(
        lambda registration: (
            timezone.now() if registration.status == RegistrationStatus.WAITLISTED else None
        )
    )
