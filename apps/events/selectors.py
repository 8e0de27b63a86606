"""Reads of events and registrations: every list bounded, counts annotated in one query."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from apps.events.models import (
    Event,
    EventParticipant,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from apps.organizations.models import Membership

CONFIRMED = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


def _annotated(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer").annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status__in=CONFIRMED)),
        waitlist_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def events_visible_to(*, user) -> QuerySet[Event]:
    """Published and cancelled events for everyone; drafts for their organizers and staff."""
    visible = ~Q(status=EventStatus.DRAFT)
    if user.is_authenticated and user.is_staff:
        visible = Q()
    elif user.is_authenticated:
        # A subquery, not a join: joined membership rows would multiply the counts.
        own = Membership.objects.filter(user=user).values("organization_id")
        visible |= Q(organizer_id__in=own)
    return _annotated(Event.objects.filter(visible))


def upcoming(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")


def past(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")


def event_detail(*, user, slug: str) -> Event:
    participations = EventParticipant.objects.select_related("organization")
    return (
        events_visible_to(user=user)
        .prefetch_related(Prefetch("participations", queryset=participations))
        .get(slug=slug)
    )


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed_count, 0)


def registration_of(*, user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(user=user).exclude(status=RegistrationStatus.CANCELLED).first()
    )


def waitlist_position(*, registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        Q(status=RegistrationStatus.WAITLISTED)
        & (
            Q(waitlisted_at__lt=registration.waitlisted_at)
            | Q(waitlisted_at=registration.waitlisted_at, created_at__lt=registration.created_at)
        )
    ).count()
    return ahead + 1


def event_registrations(*, event: Event) -> QuerySet[Registration]:
    return event.registrations.select_related("user").order_by("status", "created_at")


def registrations_of(*, user) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__organizer")
        .order_by("event__starts_at")
    )


def organization_events(*, organization) -> QuerySet[Event]:
    """Upcoming events an organization organizes or takes part in."""
    return _annotated(
        Event.objects.filter(
            Q(organizer=organization)
            | Q(pk__in=EventParticipant.objects.filter(organization=organization).values("event")),
            status=EventStatus.PUBLISHED,
            ends_at__gt=timezone.now(),
        )
    ).order_by("starts_at")


def personal_data_export(*, user, build_url) -> dict:
    """The user's event registrations, for the GDPR export."""
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at.isoformat(),
                "status": registration.status,
                "registered_at": registration.created_at.isoformat(),
                "checked_in_at": registration.checked_in_at.isoformat()
                if registration.checked_in_at
                else None,
            }
            for registration in Registration.objects.filter(user=user)
            .select_related("event")
            .order_by("created_at")
        ]
    }
