"""Reads of events and registrations: every list bounded, counts annotated in one query."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import AnyUser, User
from apps.core import retention
from apps.core.personal_data import Holding, Link
from apps.events.models import (
    PUBLIC_STATUSES,
    Event,
    EventParticipant,
    EventStatus,
    ParticipationStatus,
    Registration,
    RegistrationStatus,
)
from apps.events.permissions import ONLINE_LINK_REGISTRATIONS
from apps.organizations.agents import Actor, OrganizationAgent
from apps.organizations.models import Membership, Organization
from apps.organizations.selectors import organization_ids_acted_for

CONFIRMED = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


def _annotated(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.select_related("organizer").annotate(
        confirmed_count=Count("registrations", filter=Q(registrations__status__in=CONFIRMED)),
        waitlist_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)
        ),
    )


def events_visible_to(*, user: Actor) -> QuerySet[Event]:
    """Published and cancelled events for everyone; drafts and events waiting for review for
    their organizers and staff. Each row says whether the viewer organizes it or has a place,
    which decides who sees the online link (see permissions.can_see_online_link)."""
    visible = Q(status__in=PUBLIC_STATUSES)
    no = Value(False, output_field=BooleanField())
    if not user.is_authenticated:
        return _annotated(Event.objects.filter(visible)).annotate(
            viewer_organizes=no, viewer_has_place=no
        )
    if isinstance(user, OrganizationAgent):
        # A key organizes its organization's events and holds no place anywhere.
        organizes = Case(
            When(organizer_id=user.organization.pk, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
        events = Event.objects.annotate(viewer_organizes=organizes, viewer_has_place=no)
        return _annotated(events.filter(visible | Q(viewer_organizes=True)))
    # Subqueries, not joins: joined membership rows would multiply the counts.
    own = Membership.objects.filter(user=user, organization_id=OuterRef("organizer_id"))
    place = Registration.objects.filter(
        event_id=OuterRef("pk"), user=user, status__in=ONLINE_LINK_REGISTRATIONS
    )
    events = Event.objects.annotate(viewer_organizes=Exists(own), viewer_has_place=Exists(place))
    if not user.is_staff:
        events = events.filter(visible | Q(viewer_organizes=True))
    return _annotated(events)


def public_participations(queryset: Any = None) -> QuerySet[EventParticipant]:
    """Participations an organization accepted: the only ones shown to the public."""
    queryset = EventParticipant.objects.all() if queryset is None else queryset
    return queryset.filter(status=ParticipationStatus.ACCEPTED)


def events_acted_on(*, user: Actor) -> QuerySet[Event]:
    """The events a caller may act on: for a key, its own organization's only, so another
    organization's answers 404; a person sees what they see, and the rules say what they may."""
    queryset = events_visible_to(user=user)
    if isinstance(user, OrganizationAgent):
        queryset = queryset.filter(organizer_id=user.organization.pk)
    return queryset


def events_last_modified() -> datetime | None:
    """When the public event lists last changed, for `Last-Modified`: the latest write to an
    event (its registrations included) and the latest end, when an event left the upcoming list."""
    latest = Event.objects.aggregate(
        written=Max("updated_at"), ended=Max("ends_at", filter=Q(ends_at__lte=timezone.now()))
    )
    return max((moment for moment in latest.values() if moment is not None), default=None)


def upcoming(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.filter(ends_at__gt=timezone.now()).order_by("starts_at", "pk")


def past(queryset: QuerySet[Event]) -> QuerySet[Event]:
    return queryset.filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")


def participations_shown_to(*, user: Actor) -> QuerySet[EventParticipant]:
    """Accepted participations for everyone; the event's organizers and staff also see who is
    still invited or declined."""
    participations = EventParticipant.objects.select_related("organization")
    if user.is_authenticated and user.is_staff:
        return participations
    accepted = Q(status=ParticipationStatus.ACCEPTED)
    if user.is_authenticated:
        own = organization_ids_acted_for(user=user)
        accepted |= Q(event__organizer_id__in=own)
    return participations.filter(accepted)


def event_detail(*, user: AnyUser, slug: str) -> Event:
    return (
        events_visible_to(user=user)
        .prefetch_related(Prefetch("participations", queryset=participations_shown_to(user=user)))
        .get(slug=slug)
    )


def participation_invitations(*, user: AnyUser, event: Event) -> QuerySet[EventParticipant]:
    """Invitations to this event the user may answer for one of their organizations."""
    if not user.is_authenticated:
        return EventParticipant.objects.none()
    own = organization_ids_acted_for(user=user)
    return (
        EventParticipant.objects.filter(event=event, organization_id__in=own)
        .exclude(status=ParticipationStatus.ACCEPTED)
        .select_related("organization")
    )


def review_queue() -> QuerySet[Event]:
    """Events waiting for staff, oldest first."""
    return (
        Event.objects.filter(status=EventStatus.PENDING_REVIEW)
        .select_related("organizer")
        .order_by("submitted_at", "pk")
    )


def places_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    confirmed: int = event.confirmed_count  # type: ignore[attr-defined]  # annotated by the query
    return max(event.capacity - confirmed, 0)


def registration_of(*, user: AnyUser, event: Event) -> Registration | None:
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
    """The people registered, for the organizers; anonymised registrations only count."""
    return (
        event.registrations.filter(user__isnull=False)
        .select_related("user")
        .order_by("status", "created_at")
    )


def registrations_of(*, user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event", "event__organizer")
        .order_by("event__starts_at")
    )


def organization_events(*, organization: Organization) -> QuerySet[Event]:
    """Upcoming events an organization organizes or takes part in."""
    return _annotated(
        Event.objects.filter(
            Q(organizer=organization)
            | Q(pk__in=public_participations().filter(organization=organization).values("event")),
            status=EventStatus.PUBLISHED,
            ends_at__gt=timezone.now(),
        )
    ).order_by("starts_at")


def personal_data_export(*, user: User, build_url: Callable[[str], str]) -> dict:
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


# --- How long registrations are kept ------------------------------------------------------

HOLDINGS_LIMIT = 500


def _months() -> int:
    return settings.RETENTION_REGISTRATIONS_MONTHS


def registrations_due(*, at: datetime) -> QuerySet[Registration]:
    """Registrations, check-ins included, of events that ended the configured number of
    months before `at`, still naming their person."""
    return Registration.objects.filter(
        user__isnull=False,
        event__ends_at__lte=retention.cutoff(at=at, months=_months()),
    )


def registration_goes_at(registration: Registration) -> datetime:
    return retention.goes_at(start=registration.event.ends_at, months=_months())


def registration_holdings(*, user: User, now: datetime) -> list[Holding]:
    """The user's registrations as each organizer holds them, with the day each goes, and
    the event's page, where a place is cancelled and the choice to be seen by exhibitors is
    changed."""
    kept = _("%(months)d months after the event") % {"months": _months()}
    registrations = (
        Registration.objects.filter(user=user)
        .select_related("event", "event__organizer")
        .order_by("-event__starts_at")[:HOLDINGS_LIMIT]
    )
    held = []
    for registration in registrations:
        values = {"event": registration.event.title}
        if registration.checked_in_at:
            label = _("Your registration for “%(event)s” and your check-in") % values
        else:
            label = _("Your registration for “%(event)s”") % values
        if registration.visible_to_exhibitors and registration.status != (
            RegistrationStatus.CANCELLED
        ):
            label += " " + _("(its exhibitors may see your talent profile until it ends)")
        held.append(
            Holding(
                kind="registration",
                label=label,
                holder=registration.event.organizer.name,
                since=registration.created_at,
                until=registration_goes_at(registration),
                kept=kept,
                links=(Link(_("The event's page"), registration.event.get_absolute_url()),),
            )
        )
    return held
