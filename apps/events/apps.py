from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from apps.core import panels, personal_data
        from apps.events import selectors, webhooks
        from apps.events.models import EventNotice
        from apps.notifications import kinds as notice_kinds

        notice_kinds.register(EventNotice)
        personal_data.register("events", export=selectors.personal_data_export)
        webhooks.register_events()
        panels.register(
            "organizations:detail",
            "events",
            template="events/panels/organization_events.html",
            context=lambda request, organization: {
                "events": selectors.organization_events(organization=organization)[:20],
                "organization": organization,
            },
            order=20,
        )
