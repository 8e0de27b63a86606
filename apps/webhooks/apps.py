from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "apps.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from apps.notifications import kinds as notice_kinds
        from apps.webhooks.models import WebhookNotice

        notice_kinds.register(WebhookNotice)
