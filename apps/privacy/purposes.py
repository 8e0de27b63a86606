"""The purposes a person can consent to, each registered by the app that asks for it.

Vacancies ask, when someone applies, that the organization keep the CV for that vacancy and,
optionally, keep the person in its own talent pool; events ask whether the event's exhibitors
may see an attendee. Each app registers its purposes here in its `AppConfig.ready()`: the
current version of the words, what withdrawing does, and the function that does it, called
in the withdrawal's transaction. The privacy page and the consent services know no app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

Label = str | Promise


@dataclass(frozen=True)
class Purpose:
    key: str
    label: Label  # what the consent is for, in a few words: "Talent pool"
    version: str  # of the words the app shows; a new wording gets a new version
    effect: Label  # what withdrawing does, shown next to the button
    # `withdraw(consent=…)`, in the withdrawal's transaction: the effect, at once.
    withdraw: Callable[..., Any] | None = None


_purposes: dict[str, Purpose] = {}


def register(purpose: Purpose) -> None:
    """Called from the asking app's `AppConfig.ready()`; registering again replaces it."""
    _purposes[purpose.key] = purpose


def unregister(key: str) -> None:
    _purposes.pop(key, None)


def get(key: str) -> Purpose:
    try:
        return _purposes[key]
    except KeyError as error:
        raise LookupError(f"No consent purpose {key!r}: {sorted(_purposes)}") from error


def all_purposes() -> list[Purpose]:
    return list(_purposes.values())
