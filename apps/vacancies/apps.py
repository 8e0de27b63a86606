from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies"

    def ready(self) -> None:
        from apps.core import personal_data, sqlite_search
        from apps.vacancies import selectors
        from apps.vacancies.fulltext import VACANCY_INDEX

        personal_data.register("vacancies", export=selectors.personal_data_export)
        sqlite_search.register(VACANCY_INDEX)
