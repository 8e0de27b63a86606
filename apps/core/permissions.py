"""The one decision every app shares: who counts as staff."""


def is_staff(user) -> bool:
    """An active staff account; moderators are staff too."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
