from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from apps.core import panels, personal_data, retention
        from apps.events import selectors, services, webhooks
        from apps.events.models import EventNotice
        from apps.notifications import kinds as notice_kinds
        from apps.privacy import purposes

        notice_kinds.register(EventNotice)
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
        purposes.register(
            purposes.Purpose(
                key=services.EXHIBITOR_LISTING_PURPOSE,
                label=_("Visible to an event's exhibitors"),
                version="2026-1",
                effect=_("The event's exhibitors no longer see you among the attendees, at once."),
                withdraw=services.exhibitor_consent_withdrawn,
            )
        )
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
