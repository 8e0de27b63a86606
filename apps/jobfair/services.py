"""Every write of the job fair: opening and closing slots, booking and cancelling meetings.

A slot holds one person. Booking locks the person's account row (so their own bookings are
served one at a time and can never overlap) and then the slot row (so two people never both
get it); a partial unique index makes the second booking of a slot impossible anyway.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core import retention
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.core.i18n import lazy_format
from apps.events.models import Event, EventStatus, Registration, RegistrationStatus
from apps.jobfair import permissions, selectors
from apps.jobfair.models import JobfairNotice, Meeting, MeetingSlot, MeetingStatus, SlotStatus
from apps.jobfair.webhooks import meeting_booked
from apps.notifications.services import notify, notify_all
from apps.organizations.models import Organization
from apps.talent.models import CV

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 240
MAX_SLOTS_AT_ONCE = 50
MAX_MESSAGE_LENGTH = 1000
REMINDER_BEFORE = timedelta(hours=1)


# --- Slots --------------------------------------------------------------------------------


@transaction.atomic
def meeting_slots_open(
    *,
    actor: User,
    event: Event,
    organization: Organization,
    starts_at: datetime,
    duration_minutes: int,
    count: int = 1,
    location: str = "",
) -> list[MeetingSlot]:
    """`count` consecutive slots of `duration_minutes` from `starts_at`, all within the event."""
    if not permissions.can_open_slots(actor, organization):
        raise ActionForbidden(
            _("Only members of %(name)s open its meeting slots.") % {"name": organization.name}
        )
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if not selectors.exhibits(event=locked, organization=organization):
        raise ServiceError(
            {
                "organization": [
                    _("%(name)s does not exhibit at this event.") % {"name": organization.name}
                ]
            }
        )
    if locked.status != EventStatus.PUBLISHED or locked.is_past:
        raise ConflictError({"detail": _("Slots open only for published events to come.")})
    errors: dict[str, list[str]] = {}
    if not isinstance(duration_minutes, int) or not (
        MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES
    ):
        errors["duration_minutes"] = [
            _("Between %(low)d and %(high)d minutes.")
            % {"low": MIN_DURATION_MINUTES, "high": MAX_DURATION_MINUTES}
        ]
    if not isinstance(count, int) or not (1 <= count <= MAX_SLOTS_AT_ONCE):
        errors["count"] = [_("Between 1 and %(n)d slots at once.") % {"n": MAX_SLOTS_AT_ONCE}]
    location = (location or "").strip()
    if len(location) > 200:
        errors["location"] = [_("At most 200 characters.")]
    if errors:
        raise ServiceError(errors)
    length = timedelta(minutes=duration_minutes)
    last_end = starts_at + length * count
    if starts_at < locked.starts_at or last_end > locked.ends_at:
        raise ServiceError(
            {
                "starts_at": [
                    _("The slots must fit within the event: %(start)s to %(end)s.")
                    % {
                        "start": timezone.localtime(locked.starts_at).strftime("%d/%m/%Y %H:%M"),
                        "end": timezone.localtime(locked.ends_at).strftime("%d/%m/%Y %H:%M"),
                    }
                ]
            }
        )
    if starts_at <= timezone.now():
        raise ServiceError({"starts_at": [_("The first slot must start in the future.")]})
    if selectors.slots_overlapping(
        organization=organization,
        event=locked,
        starts_at=starts_at,
        ends_at=last_end,
        location=location,
    ).exists():
        raise ConflictError(
            {
                "starts_at": [
                    _(
                        "%(name)s already has open slots at that time and place; "
                        "give another place to meet in parallel."
                    )
                    % {"name": organization.name}
                ]
            }
        )
    slots = [
        MeetingSlot(
            event=locked,
            organization=organization,
            starts_at=starts_at + length * index,
            ends_at=starts_at + length * (index + 1),
            location=location,
            created_by=actor,
        )
        for index in range(count)
    ]
    return MeetingSlot.objects.bulk_create(slots)


@transaction.atomic
def meeting_slot_close(*, actor: User, slot: MeetingSlot) -> MeetingSlot:
    """Take a slot that nobody booked off the list."""
    if not permissions.can_manage_slot(actor, slot):
        raise ActionForbidden(_("Only members of the organization close its slots."))
    locked = MeetingSlot.objects.select_for_update().get(pk=slot.pk)
    if locked.status == SlotStatus.CLOSED:
        raise ConflictError({"detail": _("This slot is already closed.")})
    if locked.meetings.filter(status=MeetingStatus.BOOKED).exists():
        raise ConflictError(
            {"detail": _("Someone booked this slot: cancel the meeting first, telling them why.")}
        )
    locked.status = SlotStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "closed_at"])
    return locked


# --- Meetings -----------------------------------------------------------------------------


def _hosts(slot: MeetingSlot) -> list[User]:
    """Who at the organization hears of a meeting: the member who opened the slot, or, when
    they have left, every member."""
    members = list(
        User.objects.filter(memberships__organization_id=slot.organization_id, is_active=True)
    )
    opener = [member for member in members if member.pk == slot.created_by_id]
    return opener or members


def _meeting_context(meeting: Meeting) -> dict:
    slot = meeting.slot
    return {
        "meeting": meeting,
        "slot": slot,
        "event": slot.event,
        "organization": slot.organization,
    }


@transaction.atomic
def meeting_book(
    *, attendee: User, slot: MeetingSlot, message: str = "", cv: CV | None = None
) -> Meeting:
    """Book a free slot: the one place where a meeting is made.

    The attendee needs a confirmed place at the event, may attach one of their own CVs
    (shared with this organization for this meeting only), and never holds two meetings
    at the same time.
    """
    if not attendee.is_authenticated:
        raise ActionForbidden(_("Sign in and register for the event to book a meeting."))
    # The person's row first: their concurrent bookings are served one by one. Then their
    # registration, so a place given up at the same moment takes this meeting with it.
    User.objects.select_for_update().filter(pk=attendee.pk).first()
    registration = (
        Registration.objects.select_for_update()
        .filter(event_id=slot.event_id, user=attendee)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    locked = (
        MeetingSlot.objects.select_for_update(of=("self",))
        .select_related("event", "organization")
        .get(pk=slot.pk)
    )
    event = locked.event
    refusal = permissions.booking_refusal(
        attendee, registration
    ) or permissions.own_organization_refusal(attendee, locked)
    if refusal:
        raise ActionForbidden(refusal)
    message = (message or "").strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ServiceError(
            {"message": [_("At most %(n)d characters.") % {"n": MAX_MESSAGE_LENGTH}]}
        )
    if cv is not None and cv.profile.user_id != attendee.pk:
        raise ServiceError({"cv": [_("Choose one of your own CVs.")]})
    if event.status != EventStatus.PUBLISHED:
        raise ConflictError({"detail": _("This event is not open for meetings.")})
    if locked.status != SlotStatus.OPEN:
        raise ConflictError({"detail": _("This slot is closed.")})
    if locked.has_started:
        raise ConflictError({"detail": _("This slot is in the past.")})
    if locked.meetings.filter(status=MeetingStatus.BOOKED).exists():
        raise ConflictError({"detail": _("Someone else just booked this slot.")})
    if not selectors.exhibits(event=event, organization=locked.organization):
        raise ConflictError({"detail": _("This organization no longer exhibits at the event.")})
    if selectors.meetings_overlapping(
        user=attendee, starts_at=locked.starts_at, ends_at=locked.ends_at
    ).exists():
        raise ConflictError({"detail": _("You already have a meeting at that time.")})
    if Meeting.objects.filter(
        attendee=attendee,
        status=MeetingStatus.BOOKED,
        slot__event=event,
        slot__organization=locked.organization,
    ).exists():
        raise ConflictError(
            {
                "detail": _(
                    "You already have a meeting with %(name)s at this event: "
                    "one each, so everyone gets a chance."
                )
                % {"name": locked.organization.name}
            }
        )
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(slot=locked, attendee=attendee, message=message, cv=cv)
    except IntegrityError as error:
        raise ConflictError({"detail": _("Someone else just booked this slot.")}) from error
    context = _meeting_context(meeting)
    notify_all(
        recipients=_hosts(locked),
        kind=JobfairNotice.MEETING_BOOKED,
        subject=lazy_format(
            gettext_lazy("Meeting booked: %(name)s at %(time)s"),
            name=attendee.display_name,
            time=timezone.localtime(locked.starts_at).strftime("%d/%m %H:%M"),
        ),
        template="jobfair/email/meeting_booked",
        context={**context, "attendee": attendee},
        url=reverse(
            "jobfair:schedule",
            kwargs={"slug": event.slug, "organization_slug": locked.organization.slug},
        ),
        dedupe_key=f"meeting-booked:{meeting.pk}",
    )
    meeting_booked(meeting=meeting)
    return meeting


def _cancel(meeting: Meeting, *, actor: User | None) -> None:
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = actor
    meeting.save(update_fields=["status", "cancelled_at", "cancelled_by"])


def _tell_attendee_cancelled(meeting: Meeting, reason: str = "") -> None:
    slot = meeting.slot
    notify(
        recipient=meeting.attendee,
        kind=JobfairNotice.MEETING_CANCELLED,
        subject=lazy_format(
            gettext_lazy("Meeting cancelled: %(name)s at %(event)s"),
            name=slot.organization.name,
            event=slot.event.title,
        ),
        template="jobfair/email/meeting_cancelled",
        context={**_meeting_context(meeting), "by_organization": True, "reason": reason},
        url=slot.event.get_absolute_url(),
        dedupe_key=f"meeting-cancelled:{meeting.pk}",
    )


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str = "") -> Meeting:
    """The attendee or the organization calls the meeting off: the slot is free again, and the
    CV attached to it is no longer shared."""
    if not permissions.can_cancel_meeting(actor, meeting):
        raise ActionForbidden(_("Only the attendee and the organization cancel a meeting."))
    MeetingSlot.objects.select_for_update().filter(pk=meeting.slot_id).first()
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("slot", "slot__event", "slot__organization", "attendee")
        .get(pk=meeting.pk)
    )
    if locked.status != MeetingStatus.BOOKED:
        raise ConflictError({"detail": _("This meeting is already cancelled.")})
    if locked.slot.has_started:
        raise ConflictError(
            {"detail": _("This meeting has started; it can no longer be cancelled.")}
        )
    reason = (reason or "").strip()[:MAX_MESSAGE_LENGTH]
    _cancel(locked, actor=actor)
    if actor.pk == locked.attendee_id:
        notify_all(
            recipients=_hosts(locked.slot),
            kind=JobfairNotice.MEETING_CANCELLED,
            subject=lazy_format(
                gettext_lazy("Meeting cancelled: %(name)s at %(time)s"),
                name=locked.attendee.display_name,
                time=timezone.localtime(locked.slot.starts_at).strftime("%d/%m %H:%M"),
            ),
            template="jobfair/email/meeting_cancelled",
            context={**_meeting_context(locked), "by_organization": False, "reason": reason},
            url=reverse(
                "jobfair:schedule",
                kwargs={
                    "slug": locked.slot.event.slug,
                    "organization_slug": locked.slot.organization.slug,
                },
            ),
            dedupe_key=f"meeting-cancelled:{locked.pk}",
        )
    else:
        _tell_attendee_cancelled(locked, reason)
    return locked


@transaction.atomic
def meeting_cancel_booking_of_slot(*, actor: User, slot: MeetingSlot, reason: str = "") -> Meeting:
    """`DELETE meeting-slots/<id>/booking/`: cancel the slot's live meeting."""
    meeting = (
        slot.meetings.filter(status=MeetingStatus.BOOKED)
        .select_related("slot", "slot__event", "slot__organization", "attendee")
        .first()
    )
    if meeting is None:
        raise ConflictError({"detail": _("Nobody has booked this slot.")})
    return meeting_cancel(actor=actor, meeting=meeting, reason=reason)


def meetings_cancel_for_registration(*, registration: Registration) -> int:
    """A person who gives up their place gives up their meetings there (events' hook)."""
    meetings = list(
        Meeting.objects.select_for_update(of=("self",))
        .filter(
            attendee_id=registration.user_id,
            slot__event_id=registration.event_id,
            status=MeetingStatus.BOOKED,
        )
        .select_related("slot", "slot__event", "slot__organization", "attendee")
    )
    for meeting in meetings:
        _cancel(meeting, actor=meeting.attendee)
        notify_all(
            recipients=_hosts(meeting.slot),
            kind=JobfairNotice.MEETING_CANCELLED,
            subject=lazy_format(
                gettext_lazy("Meeting cancelled: %(name)s at %(time)s"),
                name=meeting.attendee.display_name,
                time=timezone.localtime(meeting.slot.starts_at).strftime("%d/%m %H:%M"),
            ),
            template="jobfair/email/meeting_cancelled",
            context={**_meeting_context(meeting), "by_organization": False, "reason": ""},
            url=reverse(
                "jobfair:schedule",
                kwargs={
                    "slug": meeting.slot.event.slug,
                    "organization_slug": meeting.slot.organization.slug,
                },
            ),
            dedupe_key=f"meeting-cancelled:{meeting.pk}",
        )
    return len(meetings)


def meetings_cancel_for_event(*, event: Event) -> int:
    """A cancelled event cancels its meetings; the event's own notice tells the attendees."""
    meetings = Meeting.objects.filter(slot__event_id=event.pk, status=MeetingStatus.BOOKED)
    return meetings.update(status=MeetingStatus.CANCELLED, cancelled_at=timezone.now())


def meetings_send_reminders(*, now: datetime | None = None) -> int:
    """An hour before, remind the attendee and the host; once per meeting, whoever runs it."""
    now = now or timezone.now()
    due = Meeting.objects.filter(
        status=MeetingStatus.BOOKED,
        reminded_at__isnull=True,
        slot__starts_at__gt=now,
        slot__starts_at__lte=now + REMINDER_BEFORE,
        slot__event__status=EventStatus.PUBLISHED,
    ).values_list("pk", flat=True)
    sent = 0
    for meeting_id in list(due[:2000]):
        with transaction.atomic():
            meeting = (
                Meeting.objects.select_for_update(of=("self",), skip_locked=True)
                .select_related("slot", "slot__event", "slot__organization", "attendee")
                .filter(pk=meeting_id, status=MeetingStatus.BOOKED, reminded_at__isnull=True)
                .first()
            )
            if meeting is None:
                continue  # cancelled, or reminded by another run meanwhile
            meeting.reminded_at = now
            meeting.save(update_fields=["reminded_at"])
            slot = meeting.slot
            time = timezone.localtime(slot.starts_at).strftime("%H:%M")
            notify(
                recipient=meeting.attendee,
                kind=JobfairNotice.MEETING_REMINDER,
                subject=lazy_format(
                    gettext_lazy("At %(time)s: your meeting with %(name)s"),
                    time=time,
                    name=slot.organization.name,
                ),
                template="jobfair/email/meeting_reminder",
                context={**_meeting_context(meeting), "for_attendee": True},
                url=slot.event.get_absolute_url(),
                dedupe_key=f"meeting-reminder:{meeting.pk}",
            )
            notify_all(
                recipients=_hosts(slot),
                kind=JobfairNotice.MEETING_REMINDER,
                subject=lazy_format(
                    gettext_lazy("At %(time)s: your meeting with %(name)s"),
                    time=time,
                    name=meeting.attendee.display_name,
                ),
                template="jobfair/email/meeting_reminder",
                context={**_meeting_context(meeting), "for_attendee": False},
                url=reverse(
                    "jobfair:schedule",
                    kwargs={"slug": slot.event.slug, "organization_slug": slot.organization.slug},
                ),
                dedupe_key=f"meeting-reminder:{meeting.pk}",
            )
            sent += 1
    return sent


# --- How long meetings are kept -----------------------------------------------------------


def _meetings_delete(ids: list) -> int:
    deleted, _by_model = Meeting.objects.filter(pk__in=ids).delete()
    return deleted


def meetings_apply_retention(
    *, now: datetime, dry_run: bool = False, limit: int | None = None
) -> list[retention.Step]:
    return [
        retention.run_in_batches(
            due=selectors.meetings_due(at=now),
            action=gettext_lazy("deleted"),
            apply=_meetings_delete,
            dry_run=dry_run,
            limit=limit,
        )
    ]


def meetings_upcoming(*, now: datetime, until: datetime, limit: int) -> retention.Upcoming:
    return retention.upcoming_from(
        due=selectors.meetings_due(at=until).select_related("slot__event", "slot__organization"),
        order_by=("slot__event__ends_at", "pk"),
        item=lambda meeting: retention.DueItem(
            label=_("Meeting with %(organization)s at “%(event)s”")
            % {"organization": meeting.slot.organization, "event": meeting.slot.event.title},
            goes_at=selectors.meeting_goes_at(meeting),
        ),
        limit=limit,
    )


def meetings_period() -> str:
    return _("%(months)d months after the event") % {
        "months": settings.RETENTION_REGISTRATIONS_MONTHS
    }
