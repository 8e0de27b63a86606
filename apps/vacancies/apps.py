from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies"

    def ready(self) -> None:
        from apps.core import personal_data
        from apps.vacancies import selectors, webhooks

        personal_data.register("vacancies", export=selectors.personal_data_export)
        webhooks.register_events()
