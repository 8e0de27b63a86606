"""Who may write news and pages, and who sees what is not public yet: staff only."""

from apps.organizations.permissions import is_staff


def can_publish(user) -> bool:
    """Write, publish and unpublish news items."""
    return is_staff(user)


def can_edit_pages(user) -> bool:
    return is_staff(user)


def can_see_unpublished(user) -> bool:
    """Drafts, scheduled news and unpublished pages are a 404 for everyone else."""
    return is_staff(user)
