import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyNotice(models.TextChoices):
    """The notices privacy sends (registered with notifications in apps.py)."""

    ACCOUNT_INACTIVE = "account_inactive", _("Your unused account is about to be erased")


class Consent(models.Model):
    """What a person agreed to, in the words they were shown, and when.

    A consent is given for a purpose that an app registers (see `purposes.py`), and may end:
    the person withdraws it, or it runs out. It is never edited: a renewed consent is a new
    row, so the record shows every agreement as it was made.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=32, db_index=True)
    version = models.CharField(_("text version"), max_length=16)
    text = models.TextField(_("text agreed to"))
    given_at = models.DateTimeField(_("given"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("runs until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [models.Index(fields=["user", "-given_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.purpose} v{self.version} {self.given_at:%Y-%m-%d}"

    def is_live(self, at=None) -> bool:
        at = at or timezone.now()
        return self.withdrawn_at is None and (self.expires_at is None or self.expires_at > at)


class InactivityWarning(models.Model):
    """The email telling a person that their unused account will be erased, and when.

    It holds while the person stays away: signing in after `warned_at` voids it, and a new
    stretch without use brings a new warning.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_warning"
    )
    warned_at = models.DateTimeField()
    erase_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("inactivity warning")
        verbose_name_plural = _("inactivity warnings")

    def __str__(self) -> str:
        return f"{self.user_id} warned {self.warned_at:%Y-%m-%d}, erased {self.erase_at:%Y-%m-%d}"
