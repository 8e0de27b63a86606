"""The kinds of notice, each declared by the app that sends it.

Notifications only delivers: it knows no vacancy, event or organization. An app lists its
kinds as `TextChoices` and registers them in its `AppConfig.ready()`. The email settings,
the inbox filter and the admin offer whatever is registered, in the order of the apps.
"""

from django.db import models
from django.utils.functional import Promise

_kinds: dict[str, str | Promise] = {}
# Kinds about the account itself (its coming erasure): always emailed, so nobody misses them.
_always_emailed: set[str] = set()


def register(kinds: type[models.TextChoices], *, always_emailed: bool = False) -> None:
    for value, label in kinds.choices:
        if value in _kinds and _kinds[value] != label:
            raise RuntimeError(f"The notice kind {value!r} is registered twice.")
        _kinds[value] = label
        if always_emailed:
            _always_emailed.add(value)


def kind_choices() -> list[tuple[str, str | Promise]]:
    """Every registered kind with its label; the model fields' choices."""
    return list(_kinds.items())


def kind_values() -> list[str]:
    return list(_kinds)


def is_always_emailed(kind: str) -> bool:
    return kind in _always_emailed


def choosable_kind_choices() -> list[tuple[str, str | Promise]]:
    """The kinds a person may choose to get by email or not."""
    return [(kind, label) for kind, label in _kinds.items() if kind not in _always_emailed]


def choosable_kind_values() -> list[str]:
    return [kind for kind, _label in choosable_kind_choices()]
