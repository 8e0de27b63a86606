"""Who is told that a vacancy's page was seen.

The statistics sit above the job board: they register here, in their `AppConfig.ready()`,
and the vacancy page tells whatever is registered once per view, without knowing who.
"""

from collections.abc import Callable

from django.http import HttpRequest

from apps.vacancies.models import Vacancy

# `listener(request=…, vacancy=…)`; it must be cheap and never fail the page.
Listener = Callable[..., object]

_listeners: dict[str, Listener] = {}


def register(name: str, listener: Listener) -> None:
    _listeners[name] = listener


def vacancy_page_viewed(*, request: HttpRequest, vacancy: Vacancy) -> None:
    for listener in _listeners.values():
        listener(request=request, vacancy=vacancy)
