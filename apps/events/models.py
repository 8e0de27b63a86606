import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, URLValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    BIOBIZZ_CAFE = "biobizz_cafe", _("BioBizz Cafe")
    INFO_SESSION = "info_session", _("Information session")
    TRAINING = "training", _("Training")
    NETWORKING = "networking", _("Networking")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING_REVIEW = "pending_review", _("Waiting for review")
    REJECTED = "rejected", _("Changes requested")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


# Seen by everyone; the other statuses only by the organizers and staff.
PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)
DESCRIPTION_MAX_LENGTH = 10_000
AGENDA_MAX_LENGTH = 10_000


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    organizer = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="organized_events",
        verbose_name=_("organizer"),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True, db_index=True)
    online_url = models.URLField(
        _("online link"), blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )
    description = models.TextField(
        _("description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        validators=[MaxLengthValidator(DESCRIPTION_MAX_LENGTH)],
    )
    agenda = models.TextField(
        _("agenda"),
        blank=True,
        max_length=AGENDA_MAX_LENGTH,
        validators=[MaxLengthValidator(AGENDA_MAX_LENGTH)],
    )
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    waitlist_enabled = models.BooleanField(_("waiting list when full"), default=True)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: until the start.")
    )
    status = models.CharField(
        max_length=16, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    cancellation_reason = models.TextField(blank=True)
    # Events of unverified organizers wait for staff, as vacancies do.
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    participants = models.ManyToManyField(
        "organizations.Organization",
        through="EventParticipant",
        related_name="events_taking_part",
        blank=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # Syncs (`updated_since`) read in the order of change; Last-Modified takes the max.
        indexes = [models.Index(fields=["updated_at", "id"], name="event_updated")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()


class ParticipantRole(models.TextChoices):
    EXHIBITOR = "exhibitor", _("Exhibitor")
    HOST = "host", _("Host")
    SPEAKER = "speaker", _("Speaker")
    PARTNER = "partner", _("Partner")


class ParticipationStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class EventParticipant(models.Model):
    """An organization taking part: a job-fair exhibitor, a cafe's host company, a partner.

    Shown on the event and the organization's page only once one of its members accepted.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participations")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(max_length=16, choices=ParticipantRole.choices)
    status = models.CharField(
        max_length=16,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.INVITED,
        db_index=True,
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("event participant")
        verbose_name_plural = _("event participants")
        ordering = ["role", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organization"], name="one_participation")
        ]

    def __str__(self) -> str:
        return f"{self.organization} at {self.event} ({self.role})"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")


LIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
)


class Registration(models.Model):
    """A person's place (or spot on the waiting list) at an event, and their check-in.

    Some time after the event (see the retention rules), or when the person is erased,
    it is anonymised: the person goes, the status and dates stay for the figures.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    # Empty once anonymised.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
    )
    status = models.CharField(max_length=16, choices=RegistrationStatus.choices)
    # The waiting list is served in the order people joined it.
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    # The attendee's choice, made when registering: exhibitors of this event may see their
    # talent profile and filter them as in the talent pool. Nobody is listed by default.
    visible_to_exhibitors = models.BooleanField(
        _("visible to exhibitors"), default=False, db_default=False
    )
    # The consent on record behind `visible_to_exhibitors`: its words, time and version.
    exhibitor_consent = models.ForeignKey(
        "privacy.Consent", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~models.Q(status="cancelled"),
                name="one_live_registration",
            )
        ]
        indexes = [models.Index(fields=["event", "status", "waitlisted_at"])]

    def __str__(self) -> str:
        return f"{self.user or _('(anonymised)')} – {self.event} ({self.status})"


class EventNotice(models.TextChoices):
    """The notices events send (registered with notifications in apps.py)."""

    REGISTRATION_CONFIRMED = "registration_confirmed", _("Event registration confirmed")
    REGISTRATION_WAITLISTED = "registration_waitlisted", _("Put on an event's waiting list")
    REGISTRATION_PROMOTED = "registration_promoted", _("Promoted from a waiting list")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    EVENT_REMINDER = "event_reminder", _("Event reminder, 24 hours before")
    EVENT_REVIEWED = "event_reviewed", _("Event approved or sent back by staff")
    EVENT_PARTICIPATION = "event_participation", _("Invitation to take part in an event")
