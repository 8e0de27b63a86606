from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from apps.core import personal_data, retention
        from apps.notifications import selectors, services

        personal_data.register(
            "notifications",
            export=selectors.personal_data_export,
            erase=services.personal_data_erase,
            holdings=selectors.notification_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="notifications.notices",
                label=_("Notices and their emails"),
                period=services.notifications_period,
                run=services.notifications_apply_retention,
                upcoming=services.notifications_upcoming,
            )
        )
