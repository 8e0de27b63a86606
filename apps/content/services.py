"""Every write to news items and pages: staff only, HTML sanitised, images checked."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from apps.accounts.models import User
from apps.content import permissions
from apps.content.models import RESERVED_NEWS_SLUGS, NewsItem, Page
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.core.html import html_to_text, sanitize_html
from apps.core.languages import in_every_language
from apps.events.models import Event
from apps.organizations.models import Organization

# With the text in each language (`title_nl`, `body_fr`, …: translation.py).
NEWS_FIELDS = (
    "title",
    "summary",
    "body",
    "image",
    "image_alt",
    "published_at",
    *in_every_language("title", "summary", "body"),
)
PAGE_FIELDS = ("title", "body", "is_published", *in_every_language("title", "body"))
IMAGE_MAX_BYTES = 5 * 1024 * 1024
# Pillow's name for the format → the extension the stored file gets.
IMAGE_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


def _check_news_actor(actor: User) -> None:
    if not permissions.can_publish(actor):
        raise ActionForbidden(_("Only staff write and publish news."))


def _check_page_actor(actor: User) -> None:
    if not permissions.can_edit_pages(actor):
        raise ActionForbidden(_("Only staff edit the portal's pages."))


def clean_body(value: str, *, field: str = "body") -> str:
    """Sanitised HTML that still says something; used by the services and the admin."""
    cleaned = sanitize_html(value)
    if not html_to_text(cleaned):
        raise ServiceError({field: [_("Write the text; scripts and styles are removed.")]})
    return cleaned


def news_image_check(image: UploadedFile | None) -> None:
    """A real PNG, JPEG, GIF or WebP image of at most 5 MB, judged by its content.

    The file's name is replaced by one whose extension matches the detected format, so
    the stored file (named by `news_image_path`) never carries what the uploader typed.
    """
    if not image:
        return
    message = _("The image must be a PNG, JPEG, GIF or WebP file.")
    if image.size is not None and image.size > IMAGE_MAX_BYTES:
        raise ServiceError({"image": [_("The image may be at most 5 MB.")]})
    try:
        image.seek(0)
        with Image.open(image) as opened:
            image_format = opened.format
            opened.verify()
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ServiceError({"image": [message]}) from error
    finally:
        image.seek(0)
    if image_format not in IMAGE_FORMATS:
        raise ServiceError({"image": [message]})
    image.name = f"image.{IMAGE_FORMATS[image_format]}"


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "news"
    slug, counter = base, 2
    while slug in RESERVED_NEWS_SLUGS or NewsItem.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _clean_fields(fields: dict, allowed: Iterable[str]) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ServiceError({name: [_("This field cannot be changed.")] for name in sorted(unknown)})
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
    if "body" in cleaned:
        cleaned["body"] = clean_body(cleaned["body"])
    for name in in_every_language("body"):
        # A translation may be left empty: the text then shows in another language.
        if cleaned.get(name):
            cleaned[name] = clean_body(cleaned[name], field=name)
    if "image" in cleaned:
        news_image_check(fields["image"])
    return cleaned


def _validate(instance: Any, *, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        # A ServiceError, so pages and the API show it next to the field, never a 500.
        raise ServiceError(error.message_dict) from error


@transaction.atomic
def news_item_create(
    *,
    actor: User,
    title: str,
    summary: str,
    body: str,
    image: UploadedFile | None = None,
    image_alt: str = "",
    published_at: datetime | None = None,
    organizations: Iterable[Organization] = (),
    events: Iterable[Event] = (),
    **translations: str | None,
) -> NewsItem:
    """A news item; a draft unless `published_at` is given (a future date schedules it).
    `translations` are the texts in other languages (`title_nl`, `body_fr`, …)."""
    _check_news_actor(actor)
    fields = _clean_fields(
        {
            "title": title,
            "summary": summary,
            "body": body,
            "image_alt": image_alt,
            "published_at": published_at,
            **({"image": image} if image else {}),
            **translations,
        },
        NEWS_FIELDS,
    )
    news_item = NewsItem(author=actor, **fields)
    news_item.slug = _unique_slug(news_item.title)
    _validate(news_item, exclude=["author", "image"])
    news_item.save()
    news_item.organizations.set(organizations)
    news_item.events.set(events)
    return news_item


@transaction.atomic
def news_item_update(
    *,
    actor: User,
    news_item: NewsItem,
    organizations: Iterable[Organization] | None = None,
    events: Iterable[Event] | None = None,
    **fields: Any,
) -> NewsItem:
    """Edit any field; the slug stays, so links already shared keep working."""
    _check_news_actor(actor)
    fields = _clean_fields(fields, NEWS_FIELDS)
    locked = NewsItem.objects.select_for_update().get(pk=news_item.pk)
    old_image = locked.image.name
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked, exclude=["author", "image"])
    locked.save()
    if old_image and old_image != locked.image.name:
        # A replaced or cleared image leaves no file behind, once the change is committed.
        storage = locked.image.storage
        transaction.on_commit(lambda: storage.delete(old_image))
    if organizations is not None:
        locked.organizations.set(organizations)
    if events is not None:
        locked.events.set(events)
    return locked


@transaction.atomic
def news_item_publish(*, actor: User, news_item: NewsItem, at: datetime | None = None) -> bool:
    """Publish now (or schedule for `at`). Returns False when it was already published.

    An item already public keeps its date, so publishing twice does not move it to the top.
    """
    _check_news_actor(actor)
    locked = NewsItem.objects.select_for_update().get(pk=news_item.pk)
    if locked.is_published and at is None:
        return False
    locked.published_at = at or timezone.now()
    locked.save(update_fields=["published_at", "updated_at"])
    news_item.published_at = locked.published_at
    return True


@transaction.atomic
def news_item_unpublish(*, actor: User, news_item: NewsItem) -> NewsItem:
    """Back to a draft: hidden from lists, the feed and its page."""
    _check_news_actor(actor)
    NewsItem.objects.filter(pk=news_item.pk).update(published_at=None, updated_at=timezone.now())
    news_item.refresh_from_db()
    return news_item


@transaction.atomic
def page_create(
    *,
    actor: User,
    slug: str,
    title: str,
    body: str,
    is_published: bool = True,
    **translations: str | None,
) -> Page:
    _check_page_actor(actor)
    fields = _clean_fields(
        {"title": title, "body": body, "is_published": is_published, **translations},
        PAGE_FIELDS,
    )
    page = Page(slug=(slug or "").strip(), **fields)
    _validate(page, exclude=[])
    page.save()
    return page


@transaction.atomic
def page_update(*, actor: User, page: Page, **fields: Any) -> Page:
    """Edit the title, text or publication of a page; its slug (its address) stays."""
    _check_page_actor(actor)
    fields = _clean_fields(fields, PAGE_FIELDS)
    locked = Page.objects.select_for_update().get(pk=page.pk)
    for name, value in fields.items():
        setattr(locked, name, value)
    _validate(locked, exclude=[])
    locked.save()
    return locked
