from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "apps.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from apps.core import personal_data, sqlite_search
        from apps.notifications import kinds as notice_kinds
        from apps.organizations import selectors, services
        from apps.organizations.fulltext import ORGANIZATION_INDEX
        from apps.organizations.models import OrganizationNotice

        notice_kinds.register(OrganizationNotice)
        personal_data.register(
            "organizations",
            export=selectors.personal_data_export,
            erase=services.personal_data_erase,
            holdings=selectors.organization_holdings,
        )
        sqlite_search.register(ORGANIZATION_INDEX)
