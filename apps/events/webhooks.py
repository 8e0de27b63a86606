"""What events tell webhook receivers: registrations, for the organizing organization,
as its API shows them. The services call these inside the transaction of the change."""

from django.utils.translation import gettext_lazy as _

from apps.events.models import Registration
from apps.events.serializers import AttendeeSerializer
from apps.webhooks import events
from apps.webhooks.services import webhooks_dispatch

REGISTRATION_CREATED = "registration.created"
REGISTRATION_CANCELLED = "registration.cancelled"


def register_events() -> None:
    """Called from the app's `ready()`."""
    events.register(
        REGISTRATION_CREATED, description=_("Someone registered for an event you organize.")
    )
    events.register(
        REGISTRATION_CANCELLED,
        description=_("A registration for an event you organize was cancelled."),
    )


def registration_changed(*, registration: Registration, event_type: str) -> None:
    webhooks_dispatch(
        organization=registration.event.organizer,
        event_type=event_type,
        data=lambda: AttendeeSerializer(registration).data,
        about=registration.user,
    )
