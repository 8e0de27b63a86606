"""Who may invite whom to apply, and who answers an invitation: decided here only."""

from django.utils.translation import gettext as _

from apps.invitations.models import InvitationToApply
from apps.organizations.permissions import is_member
from apps.talent.models import TalentProfile
from apps.talent.permissions import VISIBLE_TO_ORGANIZATIONS, talent_search_refusal
from apps.vacancies.models import Vacancy


def invite_refusal(user, vacancy: Vacancy) -> str | None:
    """Why the user may not invite people to apply to this vacancy, or None when they may."""
    refusal = talent_search_refusal(user)
    if refusal:
        return refusal
    if not is_member(user, vacancy.organization):
        return _("You can only invite people to your own organization's vacancies.")
    if not vacancy.organization.verified:
        return _("Only verified organizations invite people to apply.")
    return None


def can_invite_from_pool(user) -> bool:
    """Members of verified organizations, who find people in the talent pool."""
    return talent_search_refusal(user) is None


def profile_in_pool(profile: TalentProfile) -> bool:
    """Only a profile its owner shares with organizations can be invited."""
    return profile.visibility in VISIBLE_TO_ORGANIZATIONS and profile.user.is_active


def can_answer(user, invitation: InvitationToApply) -> bool:
    return bool(user.is_authenticated and invitation.invitee_id == user.pk)


def can_see_sent(user, invitation: InvitationToApply) -> bool:
    return bool(user.is_authenticated and is_member(user, invitation.organization))
