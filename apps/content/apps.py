from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "apps.content"
    label = "content"
    verbose_name = _("News and pages")

    def ready(self) -> None:
        from apps.content import selectors
        from apps.core import panels

        panels.register(
            "organizations:detail",
            "news",
            template="content/panels/news.html",
            context=lambda request, organization: {
                "news": selectors.news_for_organization(organization=organization)
            },
            order=30,
        )
        panels.register(
            "events:detail",
            "news",
            template="content/panels/news.html",
            context=lambda request, event: {"news": selectors.news_for_event(event=event)},
            order=10,
        )
