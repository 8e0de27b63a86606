"""GET /api/v1/news/: published news, read-only and paginated; staff publish in the admin."""

from rest_framework import serializers, viewsets

from apps.content import selectors
from apps.content.models import NewsItem


class NewsItemSerializer(serializers.ModelSerializer):
    organizations = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    events = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    image = serializers.ImageField(read_only=True, use_url=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = NewsItem
        fields = [
            "slug",
            "title",
            "summary",
            "body",
            "image",
            "image_alt",
            "published_at",
            "organizations",
            "events",
            "url",
        ]

    def get_url(self, news_item: NewsItem) -> str:
        request = self.context.get("request")
        path = news_item.get_absolute_url()
        return request.build_absolute_uri(path) if request else path


class NewsItemViewSet(viewsets.ReadOnlyModelViewSet):
    """News items, newest first; drafts and scheduled items only for staff."""

    serializer_class = NewsItemSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.news_visible_to(user=self.request.user)
