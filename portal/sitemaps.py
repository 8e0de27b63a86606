"""/sitemap.xml: the public pages in every language, each with its alternates.

Every address is absolute on SITE_URL, like the links in emails. Each section pages
through its rows with LIMIT/OFFSET (`?p=2` and on), so no query reads more than one page.
"""

from collections.abc import Sequence
from math import ceil
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from apps.core.i18n import language_codes
from apps.events.models import Event, EventStatus
from apps.vacancies import selectors as vacancy_selectors

# Addresses per section and page; the protocol allows 50,000 per file.
PAGE_SIZE = 3000


class InEveryLanguage(Sequence):
    """(row, language) pairs over a queryset, read one slice at a time when paginated."""

    def __init__(self, queryset: Any) -> None:
        self.rows = queryset
        self.languages = language_codes()

    def __len__(self) -> int:
        rows = self.rows
        count = rows.count() if isinstance(rows, QuerySet) else len(rows)
        return count * len(self.languages)

    def __getitem__(self, index: Any) -> Any:
        width = len(self.languages)
        if isinstance(index, slice):
            start = index.start or 0
            stop = index.stop if index.stop is not None else len(self)
            rows = list(self.rows[start // width : ceil(stop / width)])
            pairs = [(row, language) for row in rows for language in self.languages]
            offset = start - (start // width) * width
            return pairs[offset : offset + (stop - start)]
        row = self.rows[index // width]
        return (row, self.languages[index % width])


class PortalSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_SIZE

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def _items(self) -> Any:
        return InEveryLanguage(self.items())


class PagesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return [
            "home",
            "vacancies:list",
            "events:list",
            "organizations:list",
            "content:news_list",
            "content:about",
            "content:privacy",
            "content:terms",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class VacanciesSitemap(PortalSitemap):
    changefreq = "daily"

    def items(self) -> QuerySet:
        return (
            vacancy_selectors.live_vacancies(now=timezone.now())
            .select_related(None)
            .prefetch_related(None)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Any) -> str:
        return reverse("vacancies:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


class EventsSitemap(PortalSitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet:
        return (
            Event.objects.filter(status=EventStatus.PUBLISHED)
            .only("slug", "updated_at")
            .order_by("pk")
        )

    def location(self, item: Any) -> str:
        return reverse("events:detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Any) -> Any:
        return item.updated_at


SITEMAPS = {"pages": PagesSitemap, "vacancies": VacanciesSitemap, "events": EventsSitemap}
