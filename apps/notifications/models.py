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


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not emailed (inbox only)")


class Notification(models.Model):
    """One notice: in the inbox at once, emailed by a task after the cause commits."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    # The notice as the inbox shows it: the email's message alone, as sanitised HTML,
    # without greeting, button or footer.
    message = models.TextField(blank=True)
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

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}: {self.subject}"

    @property
    def body_without_letter(self) -> str:
        """The plain-text body without its greeting and "--" signature (older notices)."""
        text = self.body.split("\n-- \n")[0].split("\n--\n")[0]
        lines = text.strip().splitlines()
        if lines and lines[0].rstrip().endswith(","):  # "Hello Sofie,"
            lines = lines[1:]
        return "\n".join(lines).strip()


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


class AlertFrequency(models.TextChoices):
    INSTANT = "instant", _("At once")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class JobAlert(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    name = models.CharField(_("name"), max_length=120)
    filters = models.JSONField(default=dict, blank=True)
    frequency = models.CharField(
        _("frequency"), max_length=8, choices=AlertFrequency.choices, default=AlertFrequency.DAILY
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["is_active", "frequency"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.frequency})"


class JobAlertMatch(models.Model):
    """A vacancy that matched an alert; unique, so a vacancy is never sent twice."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="matches")
    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="alert_matches"
    )
    created_at = models.DateTimeField(default=timezone.now)
    notification = models.ForeignKey(
        Notification, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "vacancy"], name="one_match_per_alert")
        ]
        indexes = [models.Index(fields=["alert", "notification"])]

    def __str__(self) -> str:
        return f"{self.alert_id} × {self.vacancy_id}"
