"""What the portal holds about a person, composed from every app's own part.

In the spirit of pretix's data shredders: each app registers, in its `AppConfig.ready()`,
how to export its part of a person's data and how to erase it. The GDPR export and the
account erasure (in accounts) only walk this registry, so they never reach into an app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

# `export(user=…, build_url=…)` answers top-level keys of the export and their data.
Exporter = Callable[..., dict[str, Any]]
# `erase(user=…)` runs in the erasure's transaction, before the account row is deleted.
Eraser = Callable[..., Any]


@dataclass(frozen=True)
class PersonalDataPart:
    app: str
    export: Exporter | None = None
    erase: Eraser | None = None


_parts: dict[str, PersonalDataPart] = {}


def register(app: str, *, export: Exporter | None = None, erase: Eraser | None = None) -> None:
    """Called once per app from its `AppConfig.ready()`; registering again replaces it."""
    _parts[app] = PersonalDataPart(app=app, export=export, erase=erase)


def parts() -> list[PersonalDataPart]:
    """The registered parts, in the order the apps are installed."""
    return list(_parts.values())


def export_all(*, user: AbstractBaseUser, build_url: Callable[[str], str]) -> dict[str, Any]:
    """Every app's part of the export, merged; two apps never claim the same key."""
    exported: dict[str, Any] = {}
    for part in parts():
        if part.export is None:
            continue
        data = part.export(user=user, build_url=build_url)
        clash = set(data) & set(exported)
        if clash:
            raise RuntimeError(f"{part.app} exports keys another app exports: {sorted(clash)}")
        exported.update(data)
    return exported


def erase_all(*, user: AbstractBaseUser) -> None:
    for part in parts():
        if part.erase is not None:
            part.erase(user=user)
