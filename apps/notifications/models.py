import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.notifications.kinds import kind_choices


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
    kind = models.CharField(max_length=32, choices=kind_choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    # The notice as the inbox shows it: the email's message alone, as sanitised HTML,
    # without greeting, button or footer.
    message = models.TextField(blank=True, db_default="")
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
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
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
    kind = models.CharField(max_length=32, choices=kind_choices)
    email = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {'email' if self.email else 'inbox only'}"
