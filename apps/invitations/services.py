"""Every write of invitations to apply: sending one, accepting it, declining it."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.models import User
from apps.core.exceptions import ActionForbidden, ConflictError, NotFoundError, ServiceError
from apps.core.i18n import lazy_format
from apps.invitations import permissions, selectors
from apps.invitations.models import InvitationNotice, InvitationStatus, InvitationToApply
from apps.notifications.services import notify, notify_all
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member
from apps.talent.models import TalentProfile
from apps.vacancies.models import Application, Vacancy
from apps.vacancies.selectors import SHARING_STATUSES

INVITATIONS_PER_DAY = 50
MAX_MESSAGE_LENGTH = 2000
MAX_REASON_LENGTH = 1000


class InvitationLimitReached(ServiceError):
    """An organization invites at most INVITATIONS_PER_DAY people in 24 hours: 429."""

    status_code = 429


def _has_applied(user_id: int, vacancy: Vacancy) -> bool:
    return Application.objects.filter(
        vacancy=vacancy, applicant_id=user_id, status__in=SHARING_STATUSES
    ).exists()


@transaction.atomic
def invitation_send(
    *, actor: User, profile: TalentProfile, vacancy: Vacancy, message: str
) -> InvitationToApply:
    """Invite a person found in the talent pool to apply to one of the organization's
    published vacancies: once per vacancy, and at most 50 people a day per organization."""
    if not permissions.profile_in_pool(profile):
        raise NotFoundError({"detail": _("This profile is not in the talent pool.")})
    refusal = permissions.invite_refusal(actor, vacancy)
    if refusal:
        raise ActionForbidden(refusal)
    if not vacancy.is_live:
        raise ServiceError({"vacancy": [_("Only published vacancies take applications.")]})
    message = (message or "").strip()
    if not message:
        raise ServiceError({"message": [_("Say why this person should apply.")]})
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ServiceError(
            {"message": [_("At most %(n)d characters.") % {"n": MAX_MESSAGE_LENGTH}]}
        )
    invitee = profile.user
    if invitee.pk == actor.pk:
        raise ServiceError({"detail": _("You cannot invite yourself.")})
    if not profile.accepts_invitations:
        raise ActionForbidden(_("This person does not take invitations to apply."))
    if is_member(invitee, vacancy.organization):
        raise ConflictError({"detail": _("This person is a member of your organization.")})
    if _has_applied(invitee.pk, vacancy):
        raise ConflictError({"detail": _("This person has already applied to this vacancy.")})
    # The organization's row is the counter's lock: invitations sent at the same moment by
    # several members are counted one after the other, so the limit holds exactly.
    organization = Organization.objects.select_for_update().get(pk=vacancy.organization_id)
    if InvitationToApply.objects.filter(vacancy=vacancy, invitee=invitee).exists():
        raise ConflictError({"detail": _("This person was already invited to this vacancy.")})
    since = timezone.now() - timedelta(days=1)
    if selectors.invited_today(organization=organization, since=since) >= INVITATIONS_PER_DAY:
        raise InvitationLimitReached(
            {
                "detail": _(
                    "%(name)s invited %(n)d people in the last 24 hours, the most it may; "
                    "try again tomorrow."
                )
                % {"name": organization.name, "n": INVITATIONS_PER_DAY}
            }
        )
    try:
        with transaction.atomic():
            invitation = InvitationToApply.objects.create(
                vacancy=vacancy,
                organization=organization,
                invitee=invitee,
                invited_by=actor,
                message=message,
            )
    except IntegrityError as error:
        raise ConflictError(
            {"detail": _("This person was already invited to this vacancy.")}
        ) from error
    notify(
        recipient=invitee,
        kind=InvitationNotice.INVITATION_TO_APPLY,
        subject=lazy_format(
            gettext_lazy("%(organization)s invites you to apply: %(title)s"),
            organization=organization.name,
            title=vacancy.title,
        ),
        template="invitations/email/invitation_to_apply",
        context={"invitation": invitation, "vacancy": vacancy, "organization": organization},
        url=reverse("invitations:mine"),
        dedupe_key=f"invitation-to-apply:{invitation.pk}",
    )
    return invitation


def _lock_own(actor: User, invitation: InvitationToApply) -> InvitationToApply:
    if not permissions.can_answer(actor, invitation):
        raise ActionForbidden(_("Only the person invited answers an invitation."))
    return (
        InvitationToApply.objects.select_for_update(of=("self",))
        .select_related("vacancy", "vacancy__organization", "organization", "invited_by")
        .get(pk=invitation.pk)
    )


@transaction.atomic
def invitation_accept(*, actor: User, invitation: InvitationToApply) -> InvitationToApply:
    """Say yes: the application form of the vacancy opens. The organization learns of it only
    when the person applies."""
    locked = _lock_own(actor, invitation)
    if locked.status == InvitationStatus.DECLINED:
        raise ConflictError({"detail": _("You declined this invitation.")})
    if locked.status == InvitationStatus.ACCEPTED:
        raise ConflictError({"detail": _("You already accepted this invitation.")})
    if not locked.vacancy.is_live:
        raise ConflictError({"detail": _("This vacancy is no longer open.")})
    locked.status = InvitationStatus.ACCEPTED
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_at"])
    return locked


def _inviters(invitation: InvitationToApply) -> list[User]:
    """Who hears the answer: the member who invited, or every member once they have left."""
    members = list(
        User.objects.filter(memberships__organization_id=invitation.organization_id, is_active=True)
    )
    inviter = [member for member in members if member.pk == invitation.invited_by_id]
    return inviter or members


@transaction.atomic
def invitation_decline(
    *, actor: User, invitation: InvitationToApply, reason: str = ""
) -> InvitationToApply:
    """Say no, optionally saying why; the organization is told, and that is all it learns."""
    locked = _lock_own(actor, invitation)
    if locked.status == InvitationStatus.DECLINED:
        raise ConflictError({"detail": _("You already declined this invitation.")})
    if _has_applied(actor.pk, locked.vacancy):
        raise ConflictError({"detail": _("You have applied to this vacancy.")})
    reason = (reason or "").strip()
    if len(reason) > MAX_REASON_LENGTH:
        raise ServiceError({"reason": [_("At most %(n)d characters.") % {"n": MAX_REASON_LENGTH}]})
    locked.status = InvitationStatus.DECLINED
    locked.decline_reason = reason
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "decline_reason", "answered_at"])
    notify_all(
        recipients=_inviters(locked),
        kind=InvitationNotice.INVITATION_DECLINED,
        subject=lazy_format(
            gettext_lazy("Invitation declined: %(title)s"), title=locked.vacancy.title
        ),
        template="invitations/email/invitation_declined",
        context={"invitation": locked, "vacancy": locked.vacancy},
        url=reverse("invitations:sent"),
        dedupe_key=f"invitation-declined:{locked.pk}",
    )
    return locked
