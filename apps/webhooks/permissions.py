"""Who manages webhooks: an organization's owners and its keys with `webhooks:manage`,
and staff, who alone register portal-wide endpoints."""

from apps.core.permissions import is_staff
from apps.organizations.agents import is_agent
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_owner


def can_see_webhooks(user, organization: Organization | None) -> bool:
    """Anyone else gets a 404: an organization's integrations are its own business."""
    if organization is None:
        return is_staff(user)
    return is_staff(user) or is_member(user, organization)


def can_manage_webhooks(user, organization: Organization | None) -> bool:
    if organization is None:
        return is_staff(user)
    if is_agent(user):
        # The key's scope (webhooks:manage) was checked before the view ran.
        return is_member(user, organization)
    return is_staff(user) or is_owner(user, organization)
