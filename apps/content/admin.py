"""Staff keep news and pages here; the services sanitise, check images and publish."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from apps.content import services
from apps.content.models import NewsItem, Page
from apps.core.exceptions import ServiceError
from apps.core.html import sanitize_html
from apps.core.languages import in_every_language


def _as_form_error(error: ServiceError, field: str) -> forms.ValidationError:
    return forms.ValidationError(error.detail.get(field) or error.messages)


NEWS_FORM_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "image",
    "image_alt",
    "published_at",
    "organizations",
    "events",
]


class TranslatedBodyForm(forms.ModelForm):
    """The text in each language, cleaned as the services clean it; at least one is needed,
    and the others fall back to it."""

    def clean(self):
        cleaned = super().clean()
        written = [name for name in in_every_language("body") if cleaned.get(name)]
        if not written and in_every_language("body")[0] in self.fields:
            self.add_error(in_every_language("body")[0], _("Write the text in one language."))
        for name in written:
            try:
                cleaned[name] = services.clean_body(cleaned[name], field=name)
            except ServiceError as error:
                self.add_error(name, _as_form_error(error, name))
        return cleaned


class NewsItemAdminForm(TranslatedBodyForm):
    class Meta:
        model = NewsItem
        fields = NEWS_FORM_FIELDS

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            try:
                services.news_image_check(image)
            except ServiceError as error:
                raise _as_form_error(error, "image") from error
        return image


class PageAdminForm(TranslatedBodyForm):
    class Meta:
        model = Page
        fields = ["slug", "title", "body", "is_published"]


class PublicationFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "draft":
            return queryset.filter(published_at__isnull=True)
        if self.value() == "scheduled":
            return queryset.filter(published_at__gt=now)
        if self.value() == "published":
            return queryset.filter(published_at__lte=now)
        return queryset


@admin.register(NewsItem)
class NewsItemAdmin(TranslationAdmin):
    """The title, summary and text show once per language, one under the other."""

    form = NewsItemAdminForm
    list_display = ["title", "publication", "published_at", "author", "updated_at"]
    list_filter = [
        PublicationFilter,
        ("organizations", admin.RelatedOnlyFieldListFilter),
        ("events", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["author"]
    search_fields = ["title", "summary", "slug"]
    date_hierarchy = "published_at"
    filter_horizontal = ["organizations", "events"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["author", "created_at", "updated_at"]
    fields = [*NEWS_FORM_FIELDS, "author", "created_at", "updated_at"]
    actions = ["publish_now"]

    @admin.display(description=_("publication"))
    def publication(self, obj: NewsItem) -> str:
        if obj.is_published:
            return _("Published")
        if obj.is_scheduled:
            return _("Scheduled")
        return _("Draft")

    def save_model(self, request, obj, form, change):
        # The pages show the body as stored: clean it here as the services do.
        for name in in_every_language("body"):
            setattr(obj, name, sanitize_html(getattr(obj, name) or ""))
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the selected news items now"))
    def publish_now(self, request, queryset):
        done = 0
        for news_item in queryset:
            try:
                done += services.news_item_publish(actor=request.user, news_item=news_item)
            except ServiceError as error:
                self.message_user(
                    request, f"{news_item}: {'; '.join(error.messages)}", messages.ERROR
                )
        self.message_user(request, _("%(n)d news items published.") % {"n": done})


@admin.register(Page)
class PageAdmin(TranslationAdmin):
    """The title and text show once per language, one under the other."""

    form = PageAdminForm
    list_display = ["title", "slug", "is_published", "updated_at"]
    list_filter = ["is_published"]
    search_fields = ["title", "slug", "body"]
    readonly_fields = ["updated_at"]

    def save_model(self, request, obj, form, change):
        for name in in_every_language("body"):
            setattr(obj, name, sanitize_html(getattr(obj, name) or ""))
        super().save_model(request, obj, form, change)
