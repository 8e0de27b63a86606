from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    name = "apps.stats"
    label = "stats"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from apps.stats import services
        from apps.vacancies import page_views

        def count_view(*, request, vacancy) -> None:
            services.vacancy_view_record(
                vacancy_id=vacancy.pk,
                organization=vacancy.organization,
                user=request.user,
                user_agent=request.headers.get("User-Agent", ""),
                live=vacancy.is_live,
            )

        # The vacancy page counts its views here, in the cache only (see services).
        page_views.register("stats", count_view)
