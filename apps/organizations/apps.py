from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "apps.organizations"
    label = "organizations"
    verbose_name = "Organizations"

    def ready(self) -> None:
        from apps.core.sqlite_search import register
        from apps.organizations.fulltext import ORGANIZATION_INDEX

        register(ORGANIZATION_INDEX)
