from django.apps import AppConfig


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = "Vacancies"

    def ready(self) -> None:
        from apps.core import panels, personal_data, sqlite_search
        from apps.notifications import kinds as notice_kinds
        from apps.talent import sharing
        from apps.vacancies import selectors, webhooks
        from apps.vacancies.fulltext import VACANCY_INDEX
        from apps.vacancies.models import VacancyNotice

        notice_kinds.register(VacancyNotice)
        personal_data.register("vacancies", export=selectors.personal_data_export)
        webhooks.register_events()
        sqlite_search.register(VACANCY_INDEX)
        panels.register(
            "organizations:detail",
            "vacancies",
            template="vacancies/panels/organization_vacancies.html",
            context=lambda request, organization: {
                "vacancies": selectors.organization_vacancies(organization=organization)[:20]
            },
            order=10,
        )
        # Applying shares the applicant's profile and the CV sent with the organization.
        sharing.register(
            "vacancies",
            profile_shared_with_member=selectors.applicant_shared_with_member,
            organizations_given_cv=selectors.organizations_applied_to,
            purpose="application",
        )
