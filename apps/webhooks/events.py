"""The kinds of event that webhooks carry, registered by the apps where they happen.

The webhook app delivers; it knows no vacancy. Each app that has something to tell
registers its event types here from its `AppConfig.ready()`, then calls
`apps.webhooks.services.webhooks_dispatch` with the organization concerned, the event type
and the data already serialised as its API shows it (vacancies, events and the job fair do).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class WebhookEvent:
    name: str
    description: str | Promise
    # About public data (a published vacancy): staff may subscribe to it portal-wide.
    public: bool = False


# Sent on demand to check an endpoint; nobody subscribes to it.
PING = WebhookEvent("webhook.ping", _("A test delivery, sent on demand"))

_events: dict[str, WebhookEvent] = {}


def register(name: str, *, description: str | Promise, public: bool = False) -> None:
    _events[name] = WebhookEvent(name=name, description=description, public=public)


def registered() -> list[WebhookEvent]:
    return sorted(_events.values(), key=lambda event: event.name)


def get(name: str) -> WebhookEvent | None:
    return _events.get(name)
