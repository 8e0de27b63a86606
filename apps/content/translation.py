"""News and the about, privacy and terms pages in each language (django-modeltranslation):
the fields read the request's language and fall back to the others."""

from modeltranslation.translator import TranslationOptions, register

from apps.content.models import NewsItem, Page


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")
