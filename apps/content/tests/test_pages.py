import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.content import services
from apps.content.models import NewsItem, Page
from apps.content.tests.factories import NewsItemFactory, PageFactory, image_upload
from apps.events.tests.factories import EventFactory
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

SCRIPTED = (
    '<p>Grant for <em>organoids</em></p><script>alert("stolen")</script>'
    '<img src="x" onerror="alert(1)">'
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html_of(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def newsroom():
    """Three published items of different ages, a draft and a scheduled one."""
    NewsItemFactory(title="Oldest news", slug="oldest", published_at=hours_ago(30))
    NewsItemFactory(title="Newest news", slug="newest", published_at=hours_ago(1))
    NewsItemFactory(title="Middle news", slug="middle", published_at=hours_ago(10))
    NewsItemFactory(title="Secret draft", slug="secret-draft", draft=True)
    NewsItemFactory(title="Future news", slug="future", scheduled=True)


# --- Sanitised HTML, stored and rendered ----------------------------------------------------


def test_a_body_with_scripts_is_cleaned_when_stored_and_shown(client, staff_user):
    item = services.news_item_create(
        actor=staff_user,
        title="Organoid grant",
        summary="<b>Plain</b> summary",
        body=SCRIPTED,
        published_at=hours_ago(1),
    )
    item.refresh_from_db()
    assert "<script" not in item.body and "onerror" not in item.body
    html = html_of(client.get(item.get_absolute_url()))
    assert "<em>organoids</em>" in html
    assert "<script>alert" not in html and "onerror" not in html and "stolen" not in html
    # The summary is plain text: escaped, never rendered as HTML.
    assert "&lt;b&gt;Plain&lt;/b&gt; summary" in html


def test_the_admin_cleans_what_staff_type(staff_user):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = signed_in(admin)
    response = client.post(
        "/admin/content/newsitem/add/",
        {
            # One field per language, side by side; English is enough.
            "title_en": "From the admin",
            "slug": "from-the-admin",
            "summary_en": "Typed in the admin.",
            "body_en": SCRIPTED,
            "image_alt": "",
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get(slug="from-the-admin")
    assert "<script" not in item.body and "onerror" not in item.body
    assert "<em>organoids</em>" in item.body
    assert item.author == admin and item.published_at is None

    page = Page.objects.get(slug="terms")
    response = client.post(
        f"/admin/content/page/{page.pk}/change/",
        {
            "slug": "terms",
            "title_en": "Terms",
            "body_en": SCRIPTED,
            "title_nl": "Voorwaarden",
            "body_nl": SCRIPTED,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert "<script" not in page.body and "onerror" not in page.body
    assert "<script" not in page.body_nl and "<em>organoids</em>" in page.body_nl


def test_the_admin_refuses_a_body_of_only_scripts_and_a_fake_image():
    client = signed_in(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/content/newsitem/add/",
        {
            "title_en": "Bad",
            "slug": "bad",
            "summary_en": "Bad input.",
            "body_en": "<script>alert(1)</script>",
            "image": image_upload("fake.png", "BMP"),
            "published_at_0": "",
            "published_at_1": "",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"body_en", "image"}
    assert not NewsItem.objects.exists()


# --- What visitors see ----------------------------------------------------------------------


class TestNewsPages:
    def test_the_list_shows_published_news_newest_first(self, client, newsroom):
        html = html_of(client.get(reverse("content:news_list")))
        assert html.index("Newest news") < html.index("Middle news") < html.index("Oldest news")
        assert "Secret draft" not in html and "Future news" not in html
        assert 'type="application/rss+xml"' in html

    def test_drafts_and_future_items_are_a_404_except_for_staff(self, client, newsroom, user):
        for slug in ("secret-draft", "future"):
            assert (
                client.get(reverse("content:news_detail", kwargs={"slug": slug})).status_code == 404
            )
            assert (
                signed_in(user)
                .get(reverse("content:news_detail", kwargs={"slug": slug}))
                .status_code
                == 404
            )
        staff = signed_in(UserFactory(is_staff=True))
        assert "Draft: only staff see this page" in html_of(
            staff.get(reverse("content:news_detail", kwargs={"slug": "secret-draft"}))
        )
        assert "Scheduled for" in html_of(
            staff.get(reverse("content:news_detail", kwargs={"slug": "future"}))
        )
        assert (
            client.get(reverse("content:news_detail", kwargs={"slug": "no-such-news"})).status_code
            == 404
        )

    def test_a_future_item_appears_once_its_date_has_come(self, client):
        item = NewsItemFactory(title="Tomorrow's news", scheduled=True)
        assert "Tomorrow" not in html_of(client.get(reverse("content:news_list")))
        NewsItem.objects.filter(pk=item.pk).update(published_at=hours_ago(1))
        assert "Tomorrow" in html_of(client.get(reverse("content:news_list")))
        assert client.get(item.get_absolute_url()).status_code == 200

    def test_the_detail_shows_the_text_and_its_relations(self, client):
        vib = OrganizationFactory(name="VIB", slug="vib")
        event = EventFactory(title="Knowledge for Growth")
        draft_event = EventFactory(title="Unannounced event", status="draft")
        item = NewsItemFactory(
            title="VIB at Knowledge for Growth",
            body="<p>Keynote on <strong>AI in biology</strong>.</p>",
            organizations=[vib],
            events=[event, draft_event],
        )
        html = html_of(client.get(item.get_absolute_url()))
        assert "<strong>AI in biology</strong>" in html
        assert 'href="/en/organizations/vib/"' in html
        assert event.get_absolute_url() in html
        assert "Unannounced event" not in html

    def test_the_image_is_shown_and_served(self, client, staff_user):
        item = services.news_item_create(
            actor=staff_user,
            title="Pictured",
            summary="With a photo.",
            body="<p>Photo.</p>",
            image=image_upload(),
            image_alt="The new lab building",
            published_at=hours_ago(1),
        )
        html = html_of(client.get(item.get_absolute_url()))
        assert f'src="{item.image.url}" alt="The new lab building"' in html
        assert item.image.url in html_of(client.get(reverse("content:news_list")))
        response = client.get(item.image.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")

    def test_empty_state_and_pagination(self, client):
        assert "No news yet" in html_of(client.get(reverse("content:news_list")))
        for _ in range(12):
            NewsItemFactory()
        assert len(client.get(reverse("content:news_list")).context["page"].object_list) == 10
        assert (
            len(client.get(reverse("content:news_list") + "?page=2").context["page"].object_list)
            == 2
        )

    def test_the_list_query_count_is_constant(self, client):
        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("content:news_list")).status_code == 200
            return len(queries)

        def add(n: int) -> None:
            for _ in range(n):
                NewsItemFactory(
                    organizations=[OrganizationFactory(), OrganizationFactory()],
                    events=[EventFactory()],
                    author=UserFactory(is_staff=True),
                )

        add(2)
        few = count()
        add(8)
        assert count() == few

    def test_the_nav_and_footer_link_news_and_the_pages(self, client):
        html = html_of(client.get(reverse("home")))
        for href in (
            'href="/en/news/"',
            'href="/en/about/"',
            'href="/en/privacy/"',
            'href="/en/terms/"',
        ):
            assert href in html, href
        assert 'href="/en/news/" aria-current="page"' in html_of(
            client.get(reverse("content:news_list"))
        )


class TestFeed:
    def test_the_feed_is_valid_rss_of_published_items_newest_first(self, client, newsroom):
        NewsItemFactory(title="Tom & Jerry <3", slug="tom", published_at=hours_ago(20))
        response = client.get("/news/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/rss+xml")
        root = ET.fromstring(response.content)
        assert root.tag == "rss"
        channel = root.find("channel")
        assert channel.findtext("title")
        assert channel.findtext("link").endswith(reverse("content:news_list"))
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [
            "Newest news",
            "Middle news",
            "Tom & Jerry <3",
            "Oldest news",
        ]
        first = items[0]
        assert first.findtext("link").endswith(
            reverse("content:news_detail", kwargs={"slug": "newest"})
        )
        assert first.findtext("description") == NewsItemFactory.summary
        assert first.findtext("pubDate")

    def test_the_feed_holds_the_newest_30(self, client):
        for hours in range(1, 36):
            NewsItemFactory(title=f"Item {hours}", published_at=hours_ago(hours))
        root = ET.fromstring(client.get("/news/feed/").content)
        titles = [item.findtext("title") for item in root.iter("item")]
        assert titles == [f"Item {hours}" for hours in range(1, 31)]

    def test_the_feed_names_the_related_organizations(self, client):
        NewsItemFactory(organizations=[OrganizationFactory(name="imec")])
        root = ET.fromstring(client.get("/news/feed/").content)
        assert [c.text for c in root.iter("category")] == ["imec"]


class TestNewsElsewhere:
    def test_the_home_page_shows_the_latest_three(self, client, newsroom):
        NewsItemFactory(title="Fourth news", published_at=hours_ago(5))
        html = html_of(client.get(reverse("home")))
        assert "Latest news" in html
        for title in ("Newest news", "Fourth news", "Middle news"):
            assert title in html
        for title in ("Oldest news", "Secret draft", "Future news"):
            assert title not in html

    def test_the_home_page_without_news_has_no_news_section(self, client):
        assert "Latest news" not in html_of(client.get(reverse("home")))

    def test_an_organization_page_shows_its_news(self, client):
        vib = OrganizationFactory(name="VIB", slug="vib")
        NewsItemFactory(title="VIB spin-off raises funds", organizations=[vib])
        NewsItemFactory(title="VIB draft", organizations=[vib], draft=True)
        NewsItemFactory(title="About someone else", organizations=[OrganizationFactory()])
        html = html_of(client.get(reverse("organizations:detail", kwargs={"slug": "vib"})))
        assert "VIB spin-off raises funds" in html
        assert "VIB draft" not in html and "About someone else" not in html

    def test_an_event_page_shows_its_news(self, client):
        event = EventFactory(slug="k4g")
        NewsItemFactory(title="Speakers announced", events=[event])
        NewsItemFactory(title="Speakers draft", events=[event], scheduled=True)
        NewsItemFactory(title="Another event", events=[EventFactory()])
        html = html_of(client.get(reverse("events:detail", kwargs={"slug": "k4g"})))
        assert "Speakers announced" in html
        assert "Speakers draft" not in html and "Another event" not in html


# --- Content pages --------------------------------------------------------------------------


class TestContentPages:
    @pytest.mark.parametrize(
        ("url", "text"),
        [
            (reverse("content:about"), "About the portal"),
            (reverse("content:page", kwargs={"slug": "about"}), "Knowledge for Growth"),
            # Staff's text links the bare path, which opens the page in the reader's language.
            (reverse("content:privacy"), "/accounts/my-data/"),
            (reverse("content:privacy"), "Every download of a CV is logged"),
            (reverse("content:terms"), "Terms of use"),
            (reverse("content:page", kwargs={"slug": "terms"}), "anti-discrimination"),
        ],
    )
    def test_the_default_pages_show_their_text(self, client, url, text):
        assert text in html_of(client.get(url))

    def test_the_privacy_page_covers_what_is_stored_and_the_rights(self, client):
        html = html_of(client.get(reverse("content:privacy")))
        for word in ("account", "profile", "CVs", "applications", "registrations", "notifications"):
            assert word in html, word
        assert 'href="/accounts/my-data/"' in html and "erase" in html

    def test_an_unknown_slug_is_a_404(self, client):
        assert (
            client.get(reverse("content:page", kwargs={"slug": "no-such-page"})).status_code == 404
        )

    def test_an_unpublished_page_is_seen_by_staff_only(self, client, user):
        PageFactory(slug="coming-soon", title="Coming soon", is_published=False)
        assert (
            client.get(reverse("content:page", kwargs={"slug": "coming-soon"})).status_code == 404
        )
        assert (
            signed_in(user).get(reverse("content:page", kwargs={"slug": "coming-soon"})).status_code
            == 404
        )
        staff = signed_in(UserFactory(is_staff=True))
        assert "Not published" in html_of(
            staff.get(reverse("content:page", kwargs={"slug": "coming-soon"}))
        )

    def test_a_page_body_is_rendered_as_stored_html(self, client, staff_user):
        services.page_create(
            actor=staff_user, slug="cookies", title="Cookies", body=f"<h3>Which</h3>{SCRIPTED}"
        )
        html = html_of(client.get(reverse("content:page", kwargs={"slug": "cookies"})))
        assert "<h3>Which</h3>" in html and "stolen" not in html and "onerror" not in html


# --- Admin ----------------------------------------------------------------------------------


class TestAdmin:
    def test_the_changelists_and_forms_load(self):
        vib = OrganizationFactory()
        for _ in range(3):
            NewsItemFactory(organizations=[vib], events=[EventFactory()], author=UserFactory())
        NewsItemFactory(draft=True)
        client = signed_in(UserFactory(is_staff=True, is_superuser=True))
        item = NewsItem.objects.first()
        page = Page.objects.get(slug="about")
        for url in [
            "/admin/content/newsitem/",
            "/admin/content/newsitem/?publication=draft",
            "/admin/content/newsitem/?publication=scheduled",
            "/admin/content/newsitem/?publication=published",
            "/admin/content/newsitem/?q=cluster",
            "/admin/content/newsitem/add/",
            f"/admin/content/newsitem/{item.pk}/change/",
            "/admin/content/page/",
            "/admin/content/page/add/",
            f"/admin/content/page/{page.pk}/change/",
        ]:
            assert client.get(url).status_code == 200, url

    def test_the_changelist_query_count_is_constant(self):
        client = signed_in(UserFactory(is_staff=True, is_superuser=True))

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/admin/content/newsitem/").status_code == 200
            return len(queries)

        NewsItemFactory(author=UserFactory())
        few = count()
        for _ in range(10):
            NewsItemFactory(author=UserFactory())
        assert count() == few

    def test_the_publish_now_action(self):
        admin = UserFactory(is_staff=True, is_superuser=True)
        draft = NewsItemFactory(draft=True)
        scheduled = NewsItemFactory(scheduled=True)
        earlier = hours_ago(48)
        published = NewsItemFactory(published_at=earlier)
        response = signed_in(admin).post(
            "/admin/content/newsitem/",
            {
                "action": "publish_now",
                "_selected_action": [draft.pk, scheduled.pk, published.pk],
            },
            follow=True,
        )
        assert response.status_code == 200
        assert "2 news items published." in response.content.decode()
        for item in (draft, scheduled):
            item.refresh_from_db()
            assert item.is_published
        published.refresh_from_db()
        assert published.published_at == earlier


# --- API ------------------------------------------------------------------------------------


class TestApi:
    def test_the_list_is_published_news_paginated(self, api_client, newsroom):
        response = api_client.get("/api/v1/news/?page_size=2")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 3
        assert [row["slug"] for row in body["results"]] == ["newest", "middle"]
        assert body["next"]
        assert api_client.get("/api/v1/news/secret-draft/").status_code == 404
        detail = api_client.get("/api/v1/news/newest/").json()
        assert detail["url"].endswith(reverse("content:news_detail", kwargs={"slug": "newest"}))
        assert detail["image"] is None

    def test_the_api_is_read_only(self, api_client, staff_user):
        api_client.force_authenticate(staff_user)
        response = api_client.post("/api/v1/news/", {"title": "x"})
        assert response.status_code == 405
