"""Calendar files: one event, or every upcoming event, in Europe/Brussels time."""

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from apps.core.html import html_to_text
from apps.events.models import Event, EventStatus
from apps.events.permissions import can_see_online_link

BRUSSELS = ZoneInfo("Europe/Brussels")


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//Events//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Brussels")
    return calendar


def _component(event: Event, *, online_link: bool) -> CalendarEvent:
    item = CalendarEvent()
    domain = settings.SITE_URL.split("://", 1)[-1]
    item.add("uid", f"event-{event.pk}@{domain}")
    item.add("summary", event.title)
    # Local wall-clock times with their zone, so calendars stay right across DST changes.
    item.add("dtstart", event.starts_at.astimezone(BRUSSELS))
    item.add("dtend", event.ends_at.astimezone(BRUSSELS))
    item.add("dtstamp", timezone.now())
    location = ", ".join(part for part in (event.venue, event.address, event.city) if part)
    if online_link:
        location = location or event.online_url
    elif not location and event.online_url:
        location = _("Online")
    if location:
        item.add("location", location)
    description = html_to_text(event.description)
    if online_link:
        description = f"{description}\n\nOnline: {event.online_url}".strip()
    item.add("description", description)
    item.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    item.add(
        "organizer",
        f"MAILTO:{settings.DEFAULT_FROM_EMAIL}",
        parameters={"CN": event.organizer.name},
    )
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    return item


def calendar_bytes(events: Iterable[Event], name: str, *, viewer) -> bytes:
    """The calendar as `viewer` may see it: the online link only where they have a place."""
    calendar = _calendar(name)
    for event in events:
        online_link = can_see_online_link(viewer, event)
        calendar.add_component(_component(event, online_link=online_link))
    calendar.add_missing_timezones()
    return calendar.to_ical()
