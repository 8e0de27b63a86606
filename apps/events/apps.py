from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from apps.core import panels, personal_data, retention
        from apps.events import selectors, services

        personal_data.register(
            "events",
            export=selectors.personal_data_export,
            erase=services.registrations_erase_person,
            holdings=selectors.registration_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="events.registrations",
                label=_("Event registrations and check-ins"),
                period=services.registrations_period,
                run=services.registrations_apply_retention,
                upcoming=services.registrations_upcoming,
            )
        )
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
