"""Who organizes events and who may register: decided here only."""

from django.utils import timezone
from django.utils.translation import gettext as _

from apps.events.models import Event, EventStatus
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_staff


def can_organize_for(user, organization: Organization) -> bool:
    """Staff, or members of the organizing organization."""
    return is_staff(user) or is_member(user, organization)


def can_organize(user, event: Event) -> bool:
    return can_organize_for(user, event.organizer)


def can_view_event(user, event: Event) -> bool:
    return event.status != EventStatus.DRAFT or can_organize(user, event)


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
