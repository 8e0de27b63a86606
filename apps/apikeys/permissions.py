"""Who manages an organization's API keys, and which endpoints a key reaches.

Each API view that keys may call declares `api_key_scopes`: the scope each of its actions
(for a viewset) or methods (for a view) needs, or ANY_KEY for a public read. Whatever a
view does not declare is refused to every key, so a key never reaches an endpoint by
omission: not the account pages, not the personal data of the member who made it.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from apps.core.permissions import is_staff
from apps.organizations.agents import ANY_KEY
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member, is_owner


def can_create_api_keys(user, organization: Organization) -> bool:
    """Owners only: a key cannot make keys, and staff do not speak for an organization."""
    return is_owner(user, organization)


def can_manage_api_keys(user, organization: Organization) -> bool:
    """Owners see and revoke their keys; staff may revoke one that leaked."""
    return is_owner(user, organization) or is_staff(user)


def can_see_organization_keys(user, organization: Organization) -> bool:
    """Others get a 404: whether an organization uses keys is its own business."""
    return is_member(user, organization) or is_staff(user)


def check_key_manager(user, organization: Organization) -> None:
    """Whether the user may open the organization's keys: 404 for strangers, so they learn
    nothing, 403 with the reason for members who are not owners. Pages and API alike."""
    if not can_see_organization_keys(user, organization):
        raise Http404
    if not can_manage_api_keys(user, organization):
        raise PermissionDenied(_("Only the organization's owners manage its API keys."))


def required_scope(view, method: str) -> str | None:
    """The scope this call of the view needs, ANY_KEY, or None when keys may not call it."""
    declared = getattr(view, "api_key_scopes", None) or {}
    method = "get" if method.lower() == "head" else method.lower()
    action = getattr(view, "action", None)
    if action is not None:
        return declared.get(action)
    return declared.get(method)


def scope_refusal(*, scopes: frozenset[str], view, method: str) -> str | None:
    """Why a key with these scopes may not make this call, or None when it may."""
    if method.upper() == "OPTIONS":
        return None
    needed = required_scope(view, method)
    if needed is None:
        return _("API keys cannot be used for this request.")
    if needed == ANY_KEY or needed in scopes:
        return None
    return _("This API key lacks the scope %(scope)s.") % {"scope": needed}
