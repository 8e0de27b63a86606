"""What the portal holds about a person, composed from every app's own part.

In the spirit of pretix's data shredders: each app registers, in its `AppConfig.ready()`,
how to export its part of a person's data, how to erase it, and what it holds about the
person with the date each item goes (its holdings). The GDPR export, the account erasure
(in accounts) and the privacy page only walk this registry, so they never reach into an app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

# `export(user=…, build_url=…)` answers top-level keys of the export and their data.
Exporter = Callable[..., dict[str, Any]]
# `erase(user=…)` runs in the erasure's transaction, before the account row is deleted.
Eraser = Callable[..., Any]


@dataclass(frozen=True)
class Link:
    """Something the person can do about an item: withdraw, manage, delete."""

    label: str
    url: str
    method: str = "get"  # "post": a button in a form, for changes


@dataclass(frozen=True)
class Holding:
    """One thing the portal or an organization holds about a person, and when it goes."""

    kind: str  # stable, for programs: "application", "cv", "registration", …
    label: str  # what it is, in the person's language
    holder: str = ""  # the organization that holds it; empty: the portal itself
    since: datetime | None = None
    until: datetime | None = None  # when the retention rules let it go; None: no date
    kept: str = ""  # how long it is kept, in words
    links: tuple[Link, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "holder": self.holder or None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "kept": self.kept,
            "links": [
                {"label": link.label, "url": link.url, "method": link.method} for link in self.links
            ],
        }


# `holdings(user=…, now=…)` answers the app's holdings about the user, bounded.
Holdings = Callable[..., list[Holding]]


@dataclass(frozen=True)
class PersonalDataPart:
    app: str
    export: Exporter | None = None
    erase: Eraser | None = None
    holdings: Holdings | None = None


_parts: dict[str, PersonalDataPart] = {}


def register(
    app: str,
    *,
    export: Exporter | None = None,
    erase: Eraser | None = None,
    holdings: Holdings | None = None,
) -> None:
    """Called once per app from its `AppConfig.ready()`; registering again replaces it."""
    _parts[app] = PersonalDataPart(app=app, export=export, erase=erase, holdings=holdings)


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


def holdings_all(*, user: AbstractBaseUser, now: datetime) -> list[Holding]:
    """Every app's holdings about the user: the portal's own first, then by organization."""
    held: list[Holding] = []
    for part in parts():
        if part.holdings is not None:
            held.extend(part.holdings(user=user, now=now))
    return sorted(held, key=lambda holding: (holding.holder != "", holding.holder.lower()))
