from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.content import services
from apps.content.models import NewsItem, Page
from apps.content.tests.factories import NewsItemFactory, PageFactory, image_upload
from apps.core.exceptions import ActionForbidden, ServiceError
from apps.events.tests.factories import EventFactory
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SCRIPTED = (
    '<p>Hello <strong>cluster</strong></p><script>alert("x")</script>'
    '<img src="x" onerror="alert(1)"><a href="javascript:alert(2)" onclick="alert(3)">link</a>'
)


def news(actor, **fields):
    values = {"title": "VIB opens a new lab", "summary": "In Ghent.", "body": "<p>Text.</p>"}
    return services.news_item_create(actor=actor, **{**values, **fields})


class TestCreate:
    def test_staff_create_a_draft_with_a_clean_body_and_relations(self, staff_user):
        vib = OrganizationFactory(name="VIB")
        event = EventFactory()
        item = news(staff_user, body=SCRIPTED, organizations=[vib], events=[event])
        item.refresh_from_db()
        assert item.published_at is None and not item.is_published
        assert item.author == staff_user
        assert item.slug == "vib-opens-a-new-lab"
        assert "<script" not in item.body and "alert" not in item.body
        assert "onerror" not in item.body and "onclick" not in item.body
        assert "javascript:" not in item.body
        assert "<strong>cluster</strong>" in item.body
        assert list(item.organizations.all()) == [vib]
        assert list(item.events.all()) == [event]

    def test_a_body_that_is_only_a_script_is_refused_and_nothing_is_stored(self, staff_user):
        with pytest.raises(ServiceError) as raised:
            news(staff_user, body="<script>alert(1)</script>")
        assert "body" in raised.value.detail
        assert not NewsItem.objects.exists()

    @pytest.mark.parametrize("field", ["title", "summary"])
    def test_an_empty_title_or_summary_is_refused(self, staff_user, field):
        with pytest.raises(ServiceError) as raised:
            news(staff_user, **{field: "   "})
        assert field in raised.value.detail
        assert not NewsItem.objects.exists()

    def test_slugs_are_unique_and_never_the_feed(self, staff_user):
        assert news(staff_user, title="Feed").slug == "feed-2"
        assert news(staff_user, title="Same").slug == "same"
        assert news(staff_user, title="Same").slug == "same-2"

    def test_a_future_date_schedules_the_item(self, staff_user):
        item = news(staff_user, published_at=timezone.now() + timedelta(days=2))
        assert item.is_scheduled and not item.is_published


class TestStaffOnly:
    @pytest.mark.parametrize("who", ["anonymous", "user", "inactive staff"])
    def test_only_staff_write_news(self, who):
        actor = {
            "anonymous": lambda: AnonymousUser(),
            "user": lambda: UserFactory(),
            "inactive staff": lambda: UserFactory(is_staff=True, is_active=False),
        }[who]()
        draft = NewsItemFactory(draft=True, title="Untouched")
        with pytest.raises(ActionForbidden):
            news(actor)
        with pytest.raises(ActionForbidden):
            services.news_item_publish(actor=actor, news_item=draft)
        with pytest.raises(ActionForbidden):
            services.news_item_update(actor=actor, news_item=draft, title="Changed")
        with pytest.raises(ActionForbidden):
            services.news_item_unpublish(actor=actor, news_item=NewsItemFactory())
        draft.refresh_from_db()
        assert draft.published_at is None and draft.title == "Untouched"
        assert NewsItem.objects.count() == 2

    def test_a_non_staff_user_cannot_edit_a_page(self, user):
        page = PageFactory(slug="custom", body="<p>Original.</p>")
        with pytest.raises(ActionForbidden):
            services.page_update(actor=user, page=page, body="<p>Changed.</p>")
        with pytest.raises(ActionForbidden):
            services.page_create(actor=user, slug="new", title="New", body="<p>x</p>")
        page.refresh_from_db()
        assert page.body == "<p>Original.</p>"
        assert not Page.objects.filter(slug="new").exists()


class TestPublish:
    def test_publish_now_publishes_a_draft_or_a_scheduled_item(self, staff_user):
        for item in (NewsItemFactory(draft=True), NewsItemFactory(scheduled=True)):
            assert services.news_item_publish(actor=staff_user, news_item=item) is True
            item.refresh_from_db()
            assert item.is_published
            assert timezone.now() - item.published_at < timedelta(minutes=1)

    def test_publishing_again_keeps_the_original_date(self, staff_user):
        earlier = timezone.now() - timedelta(days=3)
        item = NewsItemFactory(published_at=earlier)
        assert services.news_item_publish(actor=staff_user, news_item=item) is False
        item.refresh_from_db()
        assert item.published_at == earlier

    def test_unpublish_makes_a_draft(self, staff_user):
        item = services.news_item_unpublish(actor=staff_user, news_item=NewsItemFactory())
        assert item.published_at is None

    def test_update_cleans_the_body_and_keeps_the_slug(self, staff_user):
        item = NewsItemFactory(slug="kept")
        updated = services.news_item_update(
            actor=staff_user, news_item=item, title="A new title", body=SCRIPTED
        )
        assert updated.slug == "kept" and updated.title == "A new title"
        assert "<script" not in updated.body and "onerror" not in updated.body

    def test_update_refuses_unknown_fields(self, staff_user):
        with pytest.raises(ServiceError) as raised:
            services.news_item_update(actor=staff_user, news_item=NewsItemFactory(), slug="x")
        assert "slug" in raised.value.detail


class TestImage:
    def test_a_real_image_is_stored_under_a_generated_name(self, staff_user):
        item = news(staff_user, image=image_upload("../../My Photo.JPEG", "JPEG"))
        item.refresh_from_db()
        name = item.image.name
        assert name.startswith("news/") and name.endswith(".jpg")
        assert "photo" not in name.lower() and ".." not in name
        assert item.image.storage.exists(name)

    def test_a_replaced_or_cleared_image_leaves_no_file(
        self, staff_user, django_capture_on_commit_callbacks
    ):
        item = news(staff_user, image=image_upload())
        storage, first = item.image.storage, item.image.name
        with django_capture_on_commit_callbacks(execute=True):
            item = services.news_item_update(actor=staff_user, news_item=item, image=image_upload())
        second = item.image.name
        assert second != first and storage.exists(second) and not storage.exists(first)
        with django_capture_on_commit_callbacks(execute=True):
            item = services.news_item_update(actor=staff_user, news_item=item, image=None)
        item.refresh_from_db()
        assert not item.image and not storage.exists(second)

    def test_the_extension_follows_the_content_not_the_name(self, staff_user):
        item = news(staff_user, image=image_upload("picture.gif", "PNG"))
        assert item.image.name.endswith(".png")

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile("fake.png", b"<svg onload=alert(1)></svg>", "image/png"),
            SimpleUploadedFile("doc.jpg", b"%PDF-1.4 not an image", "image/jpeg"),
        ],
        ids=["svg-named-png", "pdf-named-jpg"],
    )
    def test_a_file_that_is_not_an_image_is_refused(self, staff_user, upload):
        with pytest.raises(ServiceError) as raised:
            news(staff_user, image=upload)
        assert "image" in raised.value.detail
        assert not NewsItem.objects.exists()

    def test_an_image_in_another_format_is_refused(self, staff_user):
        with pytest.raises(ServiceError):
            news(staff_user, image=image_upload("photo.bmp", "BMP"))

    def test_a_too_large_image_is_refused(self, staff_user, monkeypatch):
        monkeypatch.setattr(services, "IMAGE_MAX_BYTES", 10)
        with pytest.raises(ServiceError) as raised:
            news(staff_user, image=image_upload())
        assert "5 MB" in raised.value.messages[0]


class TestPages:
    def test_staff_create_and_update_pages_with_clean_html(self, staff_user):
        page = services.page_create(
            actor=staff_user, slug="cookies", title="Cookies", body=SCRIPTED
        )
        assert "<script" not in page.body and "onerror" not in page.body
        page = services.page_update(actor=staff_user, page=page, is_published=False)
        assert page.is_published is False
        assert page.get_absolute_url() == reverse("content:page", kwargs={"slug": "cookies"})

    def test_the_short_pages_have_short_addresses(self):
        assert Page.objects.get(slug="about").get_absolute_url() == reverse("content:about")

    def test_a_duplicate_slug_is_refused(self, staff_user):
        with pytest.raises(ServiceError) as raised:
            services.page_create(actor=staff_user, slug="about", title="Again", body="<p>x</p>")
        assert "slug" in raised.value.detail
