"""/news/feed/: the newest published news items as RSS."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from apps.content import selectors
from apps.core.html import html_to_text


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Life-sciences news from Flanders")
    description = _("The newest news of the cluster and its organizations.")

    def link(self):
        return reverse("content:news_list")

    def items(self):
        # Read per request: one Feed instance serves every request and keeps no state.
        return selectors.feed_news()

    def item_title(self, news_item):
        return news_item.title

    def item_description(self, news_item):
        return news_item.summary or html_to_text(news_item.body)[:1000]

    def item_pubdate(self, news_item):
        return news_item.published_at

    def item_updateddate(self, news_item):
        return news_item.updated_at

    def item_categories(self, news_item):
        return [organization.name for organization in news_item.organizations.all()]
