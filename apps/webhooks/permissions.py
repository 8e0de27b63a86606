"""Who manages webhooks: an organization's owners and its keys with `webhooks:manage`,
and staff, who alone register portal-wide endpoints."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from apps.core.permissions import is_staff
from apps.organizations.agents import is_agent
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_owner


def can_see_webhooks(user, organization: Organization | None) -> bool:
    """Anyone else gets a 404: an organization's integrations are its own business."""
    if organization is None:
        return is_staff(user)
    return is_staff(user) or is_member(user, organization)


def check_webhook_manager(user, organization: Organization | None) -> None:
    """Whether the user may open these webhooks: 404 for strangers to the organization, 403
    with the reason otherwise. Pages and API alike."""
    if not can_see_webhooks(user, organization):
        if organization is None:
            raise PermissionDenied(_("Only staff manage portal-wide webhooks."))
        raise Http404
    if not can_manage_webhooks(user, organization):
        raise PermissionDenied(_("Only the organization's owners manage its webhooks."))


def can_manage_webhooks(user, organization: Organization | None) -> bool:
    if organization is None:
        return is_staff(user)
    if is_agent(user):
        # The key's scope (webhooks:manage) was checked before the view ran.
        return is_member(user, organization)
    return is_staff(user) or is_owner(user, organization)
