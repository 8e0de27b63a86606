from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VacanciesConfig(AppConfig):
    name = "apps.vacancies"
    label = "vacancies"
    verbose_name = _("Vacancies")

    def ready(self) -> None:
        from apps.core import panels, personal_data, retention, sqlite_search
        from apps.notifications import kinds as notice_kinds
        from apps.privacy import purposes
        from apps.talent import sharing
        from apps.vacancies import selectors, services, webhooks
        from apps.vacancies.fulltext import VACANCY_INDEX
        from apps.vacancies.models import VacancyNotice

        notice_kinds.register(VacancyNotice)

        personal_data.register(
            "vacancies",
            export=selectors.personal_data_export,
            erase=services.applications_erase_person,
            holdings=selectors.application_holdings,
        )
        retention.register(
            retention.RetentionRule(
                name="vacancies.applications",
                label=_("Applications"),
                period=services.applications_period,
                run=services.applications_apply_retention,
                upcoming=services.applications_upcoming,
            )
        )
        purposes.register(
            purposes.Purpose(
                key=services.APPLICATION_PURPOSE,
                label=_("Your application"),
                version="2026-1",
                effect=_(
                    "Your application is erased at once: the organization no longer sees it, "
                    "your CV or your letter. It stays in the figures, without you."
                ),
                withdraw=services.application_consent_withdrawn,
            )
        )
        purposes.register(
            purposes.Purpose(
                key=services.TALENT_POOL_PURPOSE,
                label=_("Talent pool"),
                version="2026-1",
                effect=_(
                    "You leave the organization's talent pool at once. Your application stays "
                    "until its own date, or goes now if that date has passed."
                ),
                withdraw=services.talent_pool_consent_withdrawn,
            )
        )
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
