from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "apps.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        from apps.core import personal_data
        from apps.events import selectors

        personal_data.register("events", export=selectors.personal_data_export)
