"""Who may search the talent pool, see a profile and download a CV: decided here only."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from apps.organizations.models import Membership, Organization
from apps.organizations.selectors import user_verified_organizations
from apps.talent import sharing
from apps.talent.models import CV, TalentProfile, Visibility

VISIBLE_TO_ORGANIZATIONS = (Visibility.VERIFIED_COMPANIES, Visibility.PUBLIC)


def talent_search_refusal(user) -> str | None:
    """Why the user may not search the talent pool, or None when they may."""
    if not user.is_authenticated:
        return _("Sign in as a member of a verified organization to search the talent pool.")
    if user_verified_organizations(user=user):
        return None
    from apps.organizations.selectors import user_memberships

    if user_memberships(user=user).exists():
        return _(
            "Only members of verified organizations search the talent pool: "
            "ask staff to verify your organization from its page."
        )
    return _("Only members of verified organizations search the talent pool.")


def can_search_talent(user) -> bool:
    return talent_search_refusal(user) is None


def can_view_profile(user, profile: TalentProfile) -> bool:
    if user.is_authenticated and profile.user_id == user.pk:
        return True
    if profile.visibility == Visibility.PUBLIC:
        return True
    if profile.visibility == Visibility.VERIFIED_COMPANIES and can_search_talent(user):
        return True
    return user.is_authenticated and sharing.profile_shared_with_member(
        member=user, applicant_id=profile.user_id
    )


@dataclass(frozen=True)
class DownloadDecision:
    allowed: bool
    organization: Organization | None = None
    reason: str = ""
    logged: bool = True
    purpose: str = "talent_pool"


def cv_download_decision(user, cv: CV, organization_slug: str | None = None) -> DownloadDecision:
    """Whether the user may download the CV, and for which organization it is logged."""
    if not user.is_authenticated:
        return DownloadDecision(False, reason=_("Sign in to download CVs."))
    if cv.profile.user_id == user.pk:
        return DownloadDecision(True, logged=False)
    for purpose, organizations in sharing.organizations_given_cv_by_purpose(cv_id=cv.pk):
        shared_with = Membership.objects.filter(
            user=user, organization__in=organizations
        ).select_related("organization")
        if organization_slug:
            shared_with = shared_with.filter(organization__slug=organization_slug)
        membership = shared_with.first()
        if membership is not None:
            return DownloadDecision(True, organization=membership.organization, purpose=purpose)
    organizations = user_verified_organizations(user=user)
    if organization_slug:
        organizations = [o for o in organizations if o.slug == organization_slug]
        if not organizations:
            return DownloadDecision(
                False, reason=_("You are not a member of that verified organization.")
            )
    if organizations and cv.profile.visibility in VISIBLE_TO_ORGANIZATIONS:
        return DownloadDecision(True, organization=organizations[0])
    return DownloadDecision(False, reason=_("This CV is not shared with you."))


def can_edit_own(user, profile: TalentProfile) -> bool:
    return user.is_authenticated and profile.user_id == user.pk
