import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    INACCURATE = "inaccurate", _("Inaccurate or misleading")
    OFFENSIVE = "offensive", _("Offensive or discriminatory")
    SCAM = "scam", _("Fraud or scam")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    RESOLVED = "resolved", _("Acted on")
    DISMISSED = "dismissed", _("Dismissed")


class ReportTarget(models.TextChoices):
    VACANCY = "vacancy", _("Vacancy")
    ORGANIZATION = "organization", _("Organization page")
    NEWS = "news", _("News item")


class Report(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    target_type = models.CharField(max_length=16, choices=ReportTarget.choices)
    target_key = models.CharField(max_length=220)
    target_label = models.CharField(max_length=255)
    target_url = models.CharField(max_length=300)
    reason = models.CharField(max_length=16, choices=ReportReason.choices)
    message = models.TextField(blank=True, max_length=2000)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.OPEN, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolution_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_target_type_display()}: {self.target_label} ({self.status})"
