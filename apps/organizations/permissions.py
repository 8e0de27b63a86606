"""Who may do what with organizations: the one place these decisions are made.

Every rule takes the acting user (possibly anonymous) and the organization and answers
a boolean; services raise ActionForbidden when a rule says no, and views hide what a
user cannot do. Member roles come from selectors so a page asks once per organization.
"""

from collections.abc import Iterable

from apps.accounts.selectors import user_has_verified_email
from apps.core.permissions import is_staff
from apps.organizations.agents import OrganizationAgent
from apps.organizations.models import Invitation, Membership, MembershipRole, Organization


def _role(user, organization: Organization) -> str | None:
    if not user.is_authenticated:
        return None
    if isinstance(user, OrganizationAgent):
        # A key acts as a recruiter of its own organization: never an owner, never elsewhere.
        return MembershipRole.RECRUITER if user.organization.pk == organization.pk else None
    from apps.organizations.selectors import membership_role

    return membership_role(user=user, organization=organization)


def is_member(user, organization: Organization) -> bool:
    return _role(user, organization) is not None


def is_owner(user, organization: Organization) -> bool:
    return _role(user, organization) == MembershipRole.OWNER


def can_create_organization(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_edit_organization(user, organization: Organization) -> bool:
    return is_staff(user) or is_owner(user, organization)


def can_manage_members(user, organization: Organization) -> bool:
    return is_staff(user) or is_owner(user, organization)


def can_view_members(user, organization: Organization) -> bool:
    return is_staff(user) or is_member(user, organization)


def can_request_membership(user, organization: Organization) -> bool:
    return bool(user.is_authenticated and user.is_active) and not is_member(user, organization)


def can_decide_membership_requests(user, organization: Organization) -> bool:
    return is_staff(user) or is_owner(user, organization)


def can_request_verification(user, organization: Organization) -> bool:
    return is_owner(user, organization) and not organization.verified


def can_decide_verification(user) -> bool:
    return is_staff(user)


def can_leave(user, organization: Organization) -> bool:
    return is_member(user, organization)


def can_answer_invitation(user, invitation: Invitation) -> bool:
    """Only the person at the invited address, once they confirmed it, accepts or declines."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.email.lower() == invitation.email
        and user_has_verified_email(user=user)
    )


def last_owner(memberships: Iterable[Membership]) -> Membership | None:
    """The organization's only owner, who may neither leave nor become a recruiter.

    `memberships` are the organization's (its owners suffice); None when it has several.
    """
    owners = [m for m in memberships if m.role == MembershipRole.OWNER]
    return owners[0] if len(owners) == 1 else None
