"""News items and simple content pages (about, privacy, terms), kept by staff."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Slugs that name a URL of their own under /news/ and so cannot name a news item.
RESERVED_NEWS_SLUGS = frozenset({"feed"})
# Pages that also answer at a short address of their own: /about/, /privacy/, /terms/.
SHORT_PAGE_SLUGS = ("about", "privacy", "terms")


def validate_news_slug(value: str) -> None:
    if value in RESERVED_NEWS_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is reserved; choose another slug."), params={"slug": value}
        )


def news_image_path(instance: "NewsItem", filename: str) -> str:
    # The stored name is generated: nothing a user typed ends up in a path.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "png"
    return f"news/{uuid.uuid4().hex}.{extension}"


class NewsItem(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True, validators=[validate_news_slug])
    summary = models.CharField(
        _("summary"),
        max_length=400,
        help_text=_("One or two sentences, shown in lists, on the home page and in the feed."),
    )
    body = models.TextField(
        _("text"), help_text=_("Formatting is kept; scripts and styles are removed.")
    )
    image = models.ImageField(_("image"), upload_to=news_image_path, blank=True)
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    published_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Empty: a draft. A future date keeps the item hidden until then."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    organizations = models.ManyToManyField(
        "organizations.Organization",
        related_name="news_items",
        blank=True,
        verbose_name=_("related organizations"),
    )
    events = models.ManyToManyField(
        "events.Event", related_name="news_items", blank=True, verbose_name=_("related events")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("content:news_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.published_at is not None and self.published_at > timezone.now()


class Page(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"), help_text=_("Formatting is kept; scripts and styles are removed.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished pages are seen by staff only.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.slug in SHORT_PAGE_SLUGS:
            return reverse(f"content:{self.slug}")
        return reverse("content:page", kwargs={"slug": self.slug})
