"""Who organizes events and who may register: decided here only."""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.events.models import PUBLIC_STATUSES, Event, EventStatus, RegistrationStatus
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_staff


def can_organize_for(user, organization: Organization) -> bool:
    """Staff, or members of the organizing organization."""
    return is_staff(user) or is_member(user, organization)


def can_organize(user, event: Event) -> bool:
    return can_organize_for(user, event.organizer)


def can_view_event(user, event: Event) -> bool:
    return event.status in PUBLIC_STATUSES or can_organize(user, event)


def can_review(user) -> bool:
    """Staff approve or send back the events of unverified organizers."""
    return is_staff(user)


def publishes_without_review(user, event: Event) -> bool:
    """Staff and members of a verified organizer publish at once; anyone else waits for staff,
    so a fresh organization cannot put events in the calendar under its own name."""
    return is_staff(user) or event.organizer.verified


def can_answer_participation(user, organization: Organization) -> bool:
    """Only the organization itself (or staff) says it takes part in someone's event."""
    return is_staff(user) or is_member(user, organization)


# Who gets the online link: those with a place, and the organizers.
ONLINE_LINK_REGISTRATIONS = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


def can_see_online_link(user, event: Event, registration=None) -> bool:
    """The online link is for people with a place and for organizers, never the public.

    Lists carry `viewer_has_place` and `viewer_organizes`, annotated by the selectors, so
    deciding costs no query per event.
    """
    if not event.online_url or not user.is_authenticated:
        return False
    if is_staff(user):
        return True
    organizes = getattr(event, "viewer_organizes", None)
    if organizes is None:
        organizes = can_organize(user, event)
    if organizes:
        return True
    if registration is not None:
        return registration.status in ONLINE_LINK_REGISTRATIONS
    has_place = getattr(event, "viewer_has_place", None)
    if has_place is None:
        has_place = event.registrations.filter(
            user=user, status__in=ONLINE_LINK_REGISTRATIONS
        ).exists()
    return bool(has_place)


def registration_refusal(user, event: Event) -> str | None:
    """Why the user may not register now, or None when they may."""
    now = timezone.now()
    if not user.is_authenticated:
        return _("Sign in to register.")
    if event.status == EventStatus.CANCELLED:
        return _("This event was cancelled.")
    if event.status != EventStatus.PUBLISHED:
        return _("This event is not open for registration.")
    if event.starts_at <= now:
        return _("This event has already started.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration opens on %(date)s.") % {
            "date": timezone.localtime(event.registration_opens_at).strftime("%d/%m/%Y %H:%M")
        }
    if event.registration_closes_at and now >= event.registration_closes_at:
        return _("Registration is closed.")
    return None
