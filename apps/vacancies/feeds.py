"""/jobs/feed/: the newest published vacancies as RSS, with the list's filters."""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from apps.core.html import html_to_text
from apps.vacancies import selectors
from apps.vacancies.filters import VacancyFilter

FEED_SIZE = 50


class VacancyFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Life-sciences vacancies in Flanders")
    description = _("The newest published vacancies of the cluster's organizations.")

    def __call__(self, request, *args, **kwargs):
        filterset = VacancyFilter(request.GET, queryset=selectors.live_vacancies())
        if not filterset.is_valid():
            errors = "; ".join(
                f"{field}: {' '.join(msgs)}" for field, msgs in filterset.errors.items()
            )
            return HttpResponseBadRequest(
                _("Invalid filters: %(errors)s") % {"errors": errors}, content_type="text/plain"
            )
        # One Feed instance serves every request: the items travel as the feed's object,
        # never as state on the instance that concurrent requests would share.
        return super().__call__(request, *args, filterset=filterset, **kwargs)

    def get_object(self, request, *args, filterset=None, **kwargs):
        return list(filterset.qs.order_by("-published_at", "-pk")[:FEED_SIZE])

    def link(self):
        return "/jobs/"

    def items(self, items):
        return items

    def item_title(self, vacancy):
        return f"{vacancy.title} – {vacancy.organization.name} ({vacancy.city})"

    def item_description(self, vacancy):
        return html_to_text(vacancy.description)[:1000]

    def item_pubdate(self, vacancy):
        return vacancy.published_at

    def item_author_name(self, vacancy):
        return vacancy.organization.name

    def item_categories(self, vacancy):
        return [
            vacancy.get_contract_display(),
            vacancy.get_language_display(),
            *[sector.name for sector in vacancy.sectors.all()],
        ]
