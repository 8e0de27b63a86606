"""What apps above events do when a place is given up or an event is cancelled.

One-to-one meetings at an event belong to the job fair, which sits above events: a person
who gives up their place, or an event that is cancelled, must take its meetings with it.
The job fair registers here, in its `AppConfig.ready()`, what to do; the events services
call every registered hook inside their own transaction, knowing nothing of meetings.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class EventHooks:
    # `registration_cancelled(registration=…)`: the person no longer has a place.
    registration_cancelled: Callable[..., Any] | None = None
    # `event_cancelled(event=…)`: the whole event is off.
    event_cancelled: Callable[..., Any] | None = None


_hooks: dict[str, EventHooks] = {}


def register(
    app: str,
    *,
    registration_cancelled: Callable[..., Any] | None = None,
    event_cancelled: Callable[..., Any] | None = None,
) -> None:
    """Called once per app from its `AppConfig.ready()`; registering again replaces it."""
    _hooks[app] = EventHooks(registration_cancelled, event_cancelled)


def registration_cancelled(*, registration) -> None:
    for hooks in _hooks.values():
        if hooks.registration_cancelled is not None:
            hooks.registration_cancelled(registration=registration)


def event_cancelled(*, event) -> None:
    for hooks in _hooks.values():
        if hooks.event_cancelled is not None:
            hooks.event_cancelled(event=event)
