"""Reads of news and pages: published only unless staff asks, lists bounded and prefetched."""

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import AnyUser
from apps.content import permissions
from apps.content.models import NewsItem, Page
from apps.events.models import PUBLIC_STATUSES, Event
from apps.organizations.models import Organization

HOME_NEWS = 3
RELATED_NEWS = 5
FEED_SIZE = 30


def _published() -> Q:
    return Q(published_at__isnull=False, published_at__lte=timezone.now())


def _with_relations(queryset: QuerySet[NewsItem]) -> QuerySet[NewsItem]:
    return queryset.select_related("author").prefetch_related(
        Prefetch("organizations", queryset=Organization.objects.only("pk", "name", "slug")),
        # A draft event would be a 404 for visitors: it is not linked.
        Prefetch(
            "events",
            queryset=Event.objects.filter(status__in=PUBLIC_STATUSES).only(
                "pk", "title", "slug", "starts_at"
            ),
        ),
    )


def published_news() -> QuerySet[NewsItem]:
    """What visitors see: published at or before now; newest first."""
    return _with_relations(NewsItem.objects.filter(_published())).order_by("-published_at", "-pk")


def news_visible_to(*, user: AnyUser) -> QuerySet[NewsItem]:
    """Published news; staff also see drafts and scheduled items."""
    queryset = NewsItem.objects.all()
    if not permissions.can_see_unpublished(user):
        queryset = queryset.filter(_published())
    return _with_relations(queryset).order_by("-published_at", "-pk")


def news_item_detail(*, user: AnyUser, slug: str) -> NewsItem:
    """Raises NewsItem.DoesNotExist for an unknown slug or one the user may not see."""
    return news_visible_to(user=user).get(slug=slug)


def latest_news(*, limit: int = HOME_NEWS) -> list[NewsItem]:
    return list(NewsItem.objects.filter(_published()).order_by("-published_at", "-pk")[:limit])


def news_for_organization(
    *, organization: Organization, limit: int = RELATED_NEWS
) -> list[NewsItem]:
    return list(
        NewsItem.objects.filter(_published(), organizations=organization).order_by(
            "-published_at", "-pk"
        )[:limit]
    )


def news_for_event(*, event: Event, limit: int = RELATED_NEWS) -> list[NewsItem]:
    return list(
        NewsItem.objects.filter(_published(), events=event).order_by("-published_at", "-pk")[:limit]
    )


def feed_news(*, limit: int = FEED_SIZE) -> list[NewsItem]:
    return list(published_news()[:limit])


def page_detail(*, user: AnyUser, slug: str) -> Page:
    """Raises Page.DoesNotExist for an unknown slug or an unpublished page seen by non-staff."""
    queryset = Page.objects.all()
    if not permissions.can_see_unpublished(user):
        queryset = queryset.filter(is_published=True)
    return queryset.get(slug=slug)
