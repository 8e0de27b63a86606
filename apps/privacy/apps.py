from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "apps.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from apps.core import personal_data, retention
        from apps.notifications import kinds as notice_kinds
        from apps.privacy import selectors, services
        from apps.privacy.models import PrivacyNotice

        # The warning before an unused account is erased cannot be turned off.
        notice_kinds.register(PrivacyNotice, always_emailed=True)

        personal_data.register(
            "privacy", export=selectors.personal_data_export, holdings=selectors.account_holdings
        )
        retention.register(
            retention.RetentionRule(
                name="privacy.unused_accounts",
                label=_("Accounts nobody uses"),
                period=services.accounts_period,
                run=services.accounts_apply_inactivity,
                upcoming=services.accounts_upcoming,
            )
        )
