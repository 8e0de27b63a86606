"""The one decision every app shares: who counts as staff."""

from typing import Protocol


class Person(Protocol):
    """Whoever makes a request, as far as core needs to know: the user model or anonymous."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_staff(self) -> bool: ...


def is_staff(user: Person) -> bool:
    """An active staff account; moderators are staff too."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)
