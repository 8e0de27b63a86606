"""An event's title and description in each language (django-modeltranslation): `title` and
`description` read the request's language and fall back to the others; the event search
reads every language's column."""

from modeltranslation.translator import TranslationOptions, register

from apps.events.models import Event


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description")
