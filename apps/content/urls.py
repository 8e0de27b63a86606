from django.urls import path

from apps.content import views
from apps.content.feeds import NewsFeed
from apps.content.models import SHORT_PAGE_SLUGS

app_name = "content"

urlpatterns = [
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    *[path(f"{slug}/", views.page_detail, {"slug": slug}, name=slug) for slug in SHORT_PAGE_SLUGS],
]
