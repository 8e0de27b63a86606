from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "apps.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from apps.core import personal_data, retention
        from apps.notifications import kinds as notice_kinds
        from apps.webhooks import selectors, services
        from apps.webhooks.models import WebhookNotice

        notice_kinds.register(WebhookNotice)
        # A delivery about a person goes with their account (the foreign key cascades).
        personal_data.register(
            "webhooks",
            export=selectors.personal_data_export,
            holdings=selectors.delivery_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="webhooks.deliveries",
                label=_("Webhook delivery log"),
                period=services.deliveries_period,
                run=services.deliveries_apply_retention,
                upcoming=services.deliveries_upcoming,
            )
        )
