from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from apps.core import personal_data
        from apps.notifications import selectors, services

        personal_data.register(
            "notifications",
            export=selectors.personal_data_export,
            erase=services.personal_data_erase,
        )
