"""Who may see which statistics: the one place these decisions are made."""

from apps.core.permissions import is_staff
from apps.organizations.models import Organization
from apps.organizations.permissions import is_member


def can_view_organization_stats(user, organization: Organization) -> bool:
    """An organization's figures are for its members and for staff."""
    return is_staff(user) or is_member(user, organization)


def counts_as_view(user, organization: Organization | None) -> bool:
    """A member looking at their own organization's vacancy is not a visitor."""
    return organization is None or not is_member(user, organization)
