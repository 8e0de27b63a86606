"""Sections that higher apps add to a lower app's page, so the page imports none of them.

An organization's page lists its open vacancies, its events and its news, but the
organizations app sits below vacancies, events and content. Each of those registers a
panel for the page in its `AppConfig.ready()`: a template of its own, and a function that
gives that template its context for the object shown. The page's view asks for its
panels and its template includes them in order.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

# `context(request, obj)` answers the panel's template context, or None to show nothing.
PanelContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    page: str
    name: str
    template: str
    context: PanelContext
    order: int = 0


_panels: dict[str, dict[str, Panel]] = {}


def register(page: str, name: str, *, template: str, context: PanelContext, order: int = 0) -> None:
    """Add (or replace) the panel `name` on `page`, e.g. "organizations:detail"."""
    _panels.setdefault(page, {})[name] = Panel(page, name, template, context, order)


def panels_for(page: str, request: HttpRequest, obj: Any) -> list[dict[str, Any]]:
    """The page's panels to render: `{"template": …, "context": {…}}`, in order."""
    shown = []
    for panel in sorted(_panels.get(page, {}).values(), key=lambda panel: panel.order):
        context = panel.context(request, obj)
        if context is not None:
            shown.append({"name": panel.name, "template": panel.template, "context": context})
    return shown
