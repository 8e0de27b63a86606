import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    JOB_ALERT = "job_alert", _("Job alerts")
    APPLICATION_RECEIVED = "application_received", _("Application received")
    APPLICATION_STATUS = "application_status", _("Application status changed")
    VACANCY_APPROVED = "vacancy_approved", _("Vacancy approved")
    VACANCY_REJECTED = "vacancy_rejected", _("Vacancy rejected")
    VACANCY_EXPIRING = "vacancy_expiring", _("Vacancy expiring in 7 days")
    MEMBERSHIP_REQUEST = "membership_request", _("Request to join your organization")
    MEMBERSHIP_ANSWER = "membership_answer", _("Answer to your request to join")
    VERIFICATION_REQUEST = "verification_request", _("Verification request (staff)")
    VERIFICATION_ANSWER = "verification_answer", _("Answer to your verification request")
    REGISTRATION_CONFIRMED = "registration_confirmed", _("Event registration confirmed")
    REGISTRATION_WAITLISTED = "registration_waitlisted", _("Put on an event's waiting list")
    REGISTRATION_PROMOTED = "registration_promoted", _("Promoted from a waiting list")
    EVENT_CANCELLED = "event_cancelled", _("Event cancelled")
    EVENT_REMINDER = "event_reminder", _("Event reminder, 24 hours before")
    EVENT_REVIEWED = "event_reviewed", _("Event approved or sent back by staff")
    EVENT_PARTICIPATION = "event_participation", _("Invitation to take part in an event")
    ORGANIZATION_INVITATION = "organization_invitation", _("Invitation to join an organization")
    MEETING_BOOKED = "meeting_booked", _("One-to-one meeting booked")
    MEETING_CANCELLED = "meeting_cancelled", _("One-to-one meeting cancelled")
    MEETING_REMINDER = "meeting_reminder", _("One-to-one meeting reminder, an hour before")
    INVITATION_TO_APPLY = "invitation_to_apply", _("Invitation to apply to a vacancy")
    INVITATION_DECLINED = "invitation_declined", _("Invitation to apply declined")
    WEBHOOK_DISABLED = "webhook_disabled", _("A webhook was turned off after failing")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not emailed (inbox only)")


class Notification(models.Model):
    """One notice: in the inbox at once, emailed by a task after the cause commits.

    A notice goes to an account (`recipient`), or, for someone who has none yet (an
    invitation), only to an address (`email`): such a notice has no inbox to appear in.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    email = models.EmailField(
        _("address without an account"),
        blank=True,
        help_text=_("Where a notice for someone without an account goes."),
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Makes a notice idempotent: the same cause never creates a second row.
    dedupe_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["status", "created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(recipient__isnull=False) & models.Q(email=""))
                | (models.Q(recipient__isnull=True) & ~models.Q(email="")),
                name="notification_to_an_account_or_an_address",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id or self.email}: {self.subject}"

    @property
    def address(self) -> str:
        """Where the email goes: the account's current address, or the one given."""
        return self.recipient.email if self.recipient_id else self.email


class NotificationPreference(models.Model):
    """Whether a user also wants email for one kind of notice (default: yes)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'email' if self.email else 'inbox only'}"
