"""Who opens, books, cancels and sees meetings at an event: decided here only."""

from django.utils.translation import gettext as _

from apps.events.models import Event, Registration, RegistrationStatus
from apps.jobfair.models import Meeting, MeetingSlot
from apps.jobfair.selectors import exhibiting_organizations_of
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member

# A confirmed place, or having been checked in, lets a person book meetings.
BOOKING_REGISTRATIONS = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


def can_open_slots(user, organization: Organization) -> bool:
    """Members of the organization, and no one else: not staff, not the event's organizers."""
    return bool(user.is_authenticated and is_member(user, organization))


def can_manage_slot(user, slot: MeetingSlot) -> bool:
    return can_open_slots(user, slot.organization)


def can_see_schedule(user, organization: Organization) -> bool:
    return can_open_slots(user, organization)


def booking_refusal(user, registration: Registration | None) -> str | None:
    """Why the user, with this registration for the event (or none), may not book meetings."""
    if not user.is_authenticated:
        return _("Sign in and register for the event to book a meeting.")
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        return _("Register for the event first: meetings are for its attendees.")
    if registration.status not in BOOKING_REGISTRATIONS:
        return _("You are on the waiting list: meetings are for people with a confirmed place.")
    return None


def own_organization_refusal(user, slot: MeetingSlot) -> str | None:
    if is_member(user, slot.organization):
        return _("You are a member of %(name)s: book with another organization.") % {
            "name": slot.organization.name
        }
    return None


def can_cancel_meeting(user, meeting: Meeting) -> bool:
    """The attendee, or a member of the organization they meet."""
    if not user.is_authenticated:
        return False
    return meeting.attendee_id == user.pk or is_member(user, meeting.slot.organization)


def can_see_meeting(user, meeting: Meeting) -> bool:
    return can_cancel_meeting(user, meeting)


def exhibitor_memberships(user, event: Event) -> list[Organization]:
    """The organizations exhibiting at the event that the user is a member of."""
    if not user.is_authenticated:
        return []
    return [
        organization
        for organization in exhibiting_organizations_of(event=event)
        if is_member(user, organization)
    ]


def can_see_visible_attendees(user, event: Event) -> bool:
    """Members of an organization exhibiting at the event see who chose to be visible."""
    return bool(exhibitor_memberships(user, event))
