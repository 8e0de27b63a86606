"""What the job fair tells webhook receivers: a meeting booked with the organization, as
its schedule in the API shows it. The booking service calls this in its transaction."""

from django.utils.translation import gettext_lazy as _

from apps.jobfair.models import Meeting
from apps.jobfair.serializers import ScheduleSlotSerializer
from apps.webhooks import events
from apps.webhooks.services import webhooks_dispatch

MEETING_BOOKED = "meeting.booked"


def register_events() -> None:
    """Called from the app's `ready()`."""
    events.register(
        MEETING_BOOKED, description=_("Someone booked a one-to-one meeting with you at an event.")
    )


def meeting_booked(*, meeting: Meeting) -> None:
    slot = meeting.slot
    slot.live_meetings = [meeting]  # type: ignore[attr-defined]  (as the schedule prefetches)
    webhooks_dispatch(
        organization=slot.organization,
        event_type=MEETING_BOOKED,
        data=lambda: ScheduleSlotSerializer(slot).data,
        about=meeting.attendee,
    )
