from datetime import timedelta

import factory

from apps.accounts.tests.factories import UserFactory
from apps.events.models import EventParticipant, ParticipantRole, ParticipationStatus
from apps.events.tests.factories import EventFactory, RegistrationFactory
from apps.jobfair.models import Meeting, MeetingSlot
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory


def exhibitor_at(event, *, role: str = ParticipantRole.EXHIBITOR, **organization):
    """An organization exhibiting at the event, and one of its members: (organization, member)."""
    organization = OrganizationFactory(**{"verified": True, **organization})
    EventParticipant.objects.create(
        event=event, organization=organization, role=role, status=ParticipationStatus.ACCEPTED
    )
    return organization, MembershipFactory(organization=organization, role="recruiter").user


def attendee_of(event, **registration):
    """A person with a confirmed place at the event (or another status when given)."""
    return RegistrationFactory(event=event, **registration).user


class MeetingSlotFactory(factory.django.DjangoModelFactory):
    """An open 20-minute slot half an hour into a published event a month from now, of an
    organization that exhibits there."""

    class Meta:
        model = MeetingSlot
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(OrganizationFactory, verified=True)
    starts_at = factory.LazyAttribute(lambda slot: slot.event.starts_at + timedelta(minutes=30))
    ends_at = factory.LazyAttribute(lambda slot: slot.starts_at + timedelta(minutes=20))
    location = "Table 1"
    created_by = None

    @factory.post_generation
    def exhibiting(slot, create, extracted, **kwargs):
        if create and extracted is not False:
            EventParticipant.objects.get_or_create(
                event=slot.event,
                organization=slot.organization,
                defaults={
                    "role": ParticipantRole.EXHIBITOR,
                    "status": ParticipationStatus.ACCEPTED,
                },
            )


class MeetingFactory(factory.django.DjangoModelFactory):
    """A booked meeting of an attendee with a confirmed place; no notice is made."""

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    slot = factory.SubFactory(MeetingSlotFactory)
    attendee = factory.SubFactory(UserFactory)
    message = "I would like to hear about your internships."

    @factory.post_generation
    def registered(meeting, create, extracted, **kwargs):
        if create and extracted is not False:
            event = meeting.slot.event
            if not event.registrations.filter(user=meeting.attendee).exists():
                RegistrationFactory(event=event, user=meeting.attendee)
