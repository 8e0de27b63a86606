import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for your answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class InvitationToApply(models.Model):
    """A member of a verified organization asks a person from the talent pool to apply.

    The organization learns nothing of the person beyond what the pool shows until they
    apply: not their email address, and not whether they accepted.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vacancy = models.ForeignKey(
        "vacancies.Vacancy", on_delete=models.CASCADE, related_name="invitations_to_apply"
    )
    # The vacancy's organization, kept on the row for the daily limit and the sent list.
    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.CASCADE,
        related_name="invitations_to_apply",
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations_to_apply"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=2000)
    status = models.CharField(
        max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    decline_reason = models.TextField(_("why not"), blank=True, max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        indexes = [
            models.Index(fields=["organization", "created_at"]),
            models.Index(fields=["invitee", "-created_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "invitee"], name="one_invitation_per_vacancy_and_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} → {self.invitee_id}: {self.vacancy_id} ({self.status})"


class InvitationNotice(models.TextChoices):
    """The notices of invitations to apply (registered with notifications in apps.py)."""

    INVITATION_TO_APPLY = "invitation_to_apply", _("Invitation to apply to a vacancy")
    INVITATION_DECLINED = "invitation_declined", _("Invitation to apply declined")
