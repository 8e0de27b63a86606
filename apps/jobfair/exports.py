"""Files of the job fair: an attendee's meetings as a calendar, an exhibitor's schedule as CSV."""

import csv
import io
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from apps.core.csv import csv_safe
from apps.events.models import Event
from apps.jobfair import selectors
from apps.jobfair.models import Meeting, MeetingSlot, MeetingStatus
from apps.organizations.models import Organization

BRUSSELS = ZoneInfo("Europe/Brussels")


def _meeting_component(meeting: Meeting) -> CalendarEvent:
    slot = meeting.slot
    event = slot.event
    item = CalendarEvent()
    domain = settings.SITE_URL.split("://", 1)[-1]
    item.add("uid", f"meeting-{meeting.pk}@{domain}")
    item.add(
        "summary",
        _("Meeting with %(organization)s (%(event)s)")
        % {"organization": slot.organization.name, "event": event.title},
    )
    item.add("dtstart", slot.starts_at.astimezone(BRUSSELS))
    item.add("dtend", slot.ends_at.astimezone(BRUSSELS))
    item.add("dtstamp", timezone.now())
    where = ", ".join(part for part in (slot.location, event.venue, event.city) if part)
    if where:
        item.add("location", where)
    item.add("description", meeting.message)
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    item.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return item


def meetings_calendar_bytes(meetings: Iterable[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("My meetings at events"))
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for meeting in meetings:
        calendar.add_component(_meeting_component(meeting))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meetings_calendar_response(*, user) -> HttpResponse:
    """The person's meetings still to come; a cancelled one stays, marked CANCELLED."""
    body = meetings_calendar_bytes(selectors.meetings_for_calendar(user=user)[:500])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


def schedule_csv_response(
    *, event: Event, organization: Organization, slots: Iterable[MeetingSlot]
) -> HttpResponse:
    """One row per slot: when, where, and who booked it with what they chose to share."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        ["starts_at", "ends_at", "location", "status", "name", "headline", "message", "cv"]
    )
    for slot in slots:
        meetings = getattr(slot, "live_meetings", [])
        meeting = meetings[0] if meetings else None
        profile = getattr(meeting.attendee, "talent_profile", None) if meeting else None
        writer.writerow(
            [
                timezone.localtime(slot.starts_at).isoformat(),
                timezone.localtime(slot.ends_at).isoformat(),
                csv_safe(slot.location),
                "booked" if meeting else slot.status,
                csv_safe(meeting.attendee.display_name) if meeting else "",
                csv_safe(profile.headline) if profile else "",
                csv_safe(meeting.message) if meeting else "",
                csv_safe(meeting.cv.original_name) if meeting and meeting.cv else "",
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"{event.slug}-{organization.slug}-meetings.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
