from django.apps import AppConfig


class TalentConfig(AppConfig):
    name = "apps.talent"
    label = "talent"
    verbose_name = "Talent"

    def ready(self) -> None:
        from apps.core import personal_data
        from apps.talent import selectors, services

        personal_data.register(
            "talent", export=selectors.personal_data_export, erase=services.talent_erase_files
        )
