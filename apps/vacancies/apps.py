from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies"

    def ready(self) -> None:
        from apps.core.sqlite_search import register
        from apps.vacancies.fulltext import VACANCY_INDEX

        register(VACANCY_INDEX)
