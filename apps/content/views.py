"""News and content pages; thin: ask the selectors, render."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from apps.content import permissions as rules
from apps.content import selectors
from apps.content.models import NewsItem, Page

PAGE_SIZE = 10


def news_list(request):
    page = Paginator(selectors.published_news(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "content/news_list.html", {"page": page})


def news_detail(request, slug):
    try:
        news_item = selectors.news_item_detail(user=request.user, slug=slug)
    except NewsItem.DoesNotExist as error:
        raise Http404 from error
    context = {"news_item": news_item, "can_publish": rules.can_publish(request.user)}
    return render(request, "content/news_detail.html", context)


def page_detail(request, slug):
    try:
        page = selectors.page_detail(user=request.user, slug=slug)
    except Page.DoesNotExist as error:
        raise Http404 from error
    context = {"page": page, "can_edit": rules.can_edit_pages(request.user)}
    return render(request, "content/page.html", context)
