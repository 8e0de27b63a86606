import io
from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from apps.content.models import NewsItem, Page


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A news item published an hour ago; `draft=True` or `scheduled=True` hide it.

    `organizations=[...]` and `events=[...]` set the related objects.
    """

    class Meta:
        model = NewsItem
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Cluster news {n}")
    slug = factory.Sequence(lambda n: f"cluster-news-{n}")
    summary = "A new collaboration between a university and a biotech company."
    body = "<p>The partners will work on <strong>cell therapy</strong> together.</p>"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    author = None

    class Params:
        draft = factory.Trait(published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
        )

    @factory.post_generation
    def organizations(news_item, create, extracted, **kwargs):
        if create and extracted:
            news_item.organizations.set(extracted)

    @factory.post_generation
    def events(news_item, create, extracted, **kwargs):
        if create and extracted:
            news_item.events.set(extracted)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "<p>Some text.</p>"
    is_published = True


def image_upload(name: str = "photo.png", image_format: str = "PNG") -> SimpleUploadedFile:
    """A small real image, as a browser would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (11, 93, 75)).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")
