from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TalentConfig(AppConfig):
    name = "apps.talent"
    label = "talent"
    verbose_name = _("Talent")

    def ready(self) -> None:
        from apps.core import personal_data, retention
        from apps.talent import selectors, services

        personal_data.register(
            "talent",
            export=selectors.personal_data_export,
            erase=services.talent_erase_files,
            holdings=selectors.talent_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="talent.cv_downloads",
                label=_("CV download log"),
                period=services.cv_downloads_period,
                run=services.cv_downloads_apply_retention,
                upcoming=services.cv_downloads_upcoming,
            )
        )
