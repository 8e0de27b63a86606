from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies"
