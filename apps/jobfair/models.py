import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SlotStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class MeetingSlot(models.Model):
    """A time an exhibitor keeps free at an event for a one-to-one conversation.

    A slot is open or closed; whether it is taken is told by its live meeting, of which
    the database allows one.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="meeting_slots"
    )
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="meeting_slots"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = models.CharField(
        _("where"), max_length=200, blank=True, help_text=_("A table, a stand or a room.")
    )
    status = models.CharField(
        max_length=8, choices=SlotStatus.choices, default=SlotStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "location", "pk"]
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        indexes = [
            models.Index(fields=["event", "organization", "starts_at"]),
            models.Index(fields=["event", "starts_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_slot_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class MeetingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(models.Model):
    """One person's booking of a slot, with their message and, if they chose, one CV.

    The CV is shared with the slot's organization for this meeting only: once the meeting
    is cancelled, the organization can no longer download it through the meeting.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    slot = models.ForeignKey(MeetingSlot, on_delete=models.CASCADE, related_name="meetings")
    attendee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meetings"
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    cv = models.ForeignKey(
        "talent.CV",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("CV shared for this meeting"),
    )
    status = models.CharField(
        max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.BOOKED
    )
    booked_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the reminder an hour before was written, so the beat task skips it.
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["slot__starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["attendee", "status"])]
        constraints = [
            # A slot holds one person: the lock in the service decides, this makes it certain.
            models.UniqueConstraint(
                fields=["slot"],
                condition=models.Q(status="booked"),
                name="one_live_meeting_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.attendee} – {self.slot} ({self.status})"


class JobfairNotice(models.TextChoices):
    """The notices the job fair sends (registered with notifications in apps.py)."""

    MEETING_BOOKED = "meeting_booked", _("One-to-one meeting booked")
    MEETING_CANCELLED = "meeting_cancelled", _("One-to-one meeting cancelled")
    MEETING_REMINDER = "meeting_reminder", _("One-to-one meeting reminder, an hour before")
