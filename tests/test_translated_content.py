"""What staff write, in each language: organization descriptions, events, news and pages.

Each shows in the language of the page or the API request, and falls back to the language
it was written in where a translation is missing.
"""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.content.models import NewsItem, Page
from apps.content.services import news_item_create, page_create
from apps.events.models import Event
from apps.events.tests.factories import EventFactory
from apps.organizations.models import Organization
from apps.organizations.services import organization_update
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_to_begin_with():
    # Each request activates its own language and leaves it on: what a test writes before
    # its requests is written in English, the source language.
    with translation.override("en"):
        yield


def the_page(slug: str) -> Page:
    """One of the pages the portal ships with (created by a migration)."""
    page = Page.objects.filter(slug=slug).first()
    if page is None:
        page = page_create(
            actor=UserFactory(is_staff=True), slug=slug, title=slug.title(), body="<p>Text.</p>"
        )
    return page


def page_in(language: str, name: str, **kwargs) -> str:
    """The page at its address in `language`, asked for in that language."""
    with translation.override(language):
        path = reverse(name, **kwargs)
    with translation.override(translation.get_language()):  # as it was, after the request
        response = Client().get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, path
    return response.content.decode()


def api_in(language: str, path: str, **params) -> dict:
    with translation.override(translation.get_language()):
        response = APIClient().get(path, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def lab():
    organization = OrganizationFactory(
        name="Leie Labs", slug="leie-labs", verified=True, description="A lab in Ghent."
    )
    Organization.objects.filter(pk=organization.pk).update(
        description_nl="Een labo in Gent.", description_fr=""
    )
    organization.refresh_from_db()
    return organization


class TestOrganizationDescription:
    def test_each_language_with_fallback_on_the_page(self, lab):
        assert "Een labo in Gent." in page_in("nl", "organizations:detail", args=[lab.slug])
        assert "A lab in Ghent." in page_in("en", "organizations:detail", args=[lab.slug])
        # No French yet: the original shows.
        assert "A lab in Ghent." in page_in("fr", "organizations:detail", args=[lab.slug])

    def test_the_api_answers_in_the_language_asked_for(self, lab):
        path = f"/api/v1/organizations/{lab.slug}/"
        assert api_in("nl", path)["description"] == "Een labo in Gent."
        assert api_in("fr", path)["description"] == "A lab in Ghent."
        body = api_in("en", path)
        assert body["description"] == "A lab in Ghent."
        assert (body["description_en"], body["description_nl"]) == (
            "A lab in Ghent.",
            "Een labo in Gent.",
        )
        listed = api_in("nl", "/api/v1/organizations/", q="leie")["results"]
        assert [row["description"] for row in listed] == ["Een labo in Gent."]

    def test_an_owner_writes_a_translation_through_the_api(self, lab):
        owner = MembershipFactory(organization=lab, role="owner").user
        client = APIClient()
        client.force_authenticate(owner)
        response = client.patch(
            f"/api/v1/organizations/{lab.slug}/",
            {"description_fr": "Un laboratoire à Gand."},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert api_in("fr", f"/api/v1/organizations/{lab.slug}/")["description"] == (
            "Un laboratoire à Gand."
        )
        assert api_in("en", f"/api/v1/organizations/{lab.slug}/")["description"] == (
            "A lab in Ghent."
        )
        too_long = client.patch(
            f"/api/v1/organizations/{lab.slug}/", {"description_nl": "x" * 10001}, format="json"
        )
        assert too_long.status_code == 400 and "description_nl" in too_long.json()

    def test_the_search_reads_every_language(self, lab):
        OrganizationFactory(name="Schelde Cells", verified=True, description="Cell therapy.")
        for language in ("en", "nl", "fr"):
            # "labo" is in the Dutch description only, whatever language is asked for.
            found = api_in(language, "/api/v1/organizations/", q="labo")["results"]
            assert [row["slug"] for row in found] == ["leie-labs"]
        organization_update(
            actor=UserFactory(is_staff=True),
            organization=lab,
            description_fr="Nous cultivons des organoïdes.",
        )
        found = api_in("en", "/api/v1/organizations/", q="organoïdes")["results"]
        assert [row["slug"] for row in found] == ["leie-labs"]

    def test_the_admin_shows_the_languages_side_by_side_and_saves_a_translation(self, lab):
        admin = Client()
        admin.force_login(UserFactory(is_staff=True, is_superuser=True))
        path = f"/admin/organizations/organization/{lab.pk}/change/"
        form = admin.get(path).context["adminform"].form
        names = list(form.fields)
        start = names.index("description_en")
        assert names[start : start + 3] == ["description_en", "description_nl", "description_fr"]
        assert "description" not in names
        data = {
            "name": lab.name,
            "kind": lab.kind,
            "description_en": "A lab in Ghent.",
            "description_nl": "Een labo in Gent.",
            "description_fr": "Un laboratoire à Gand.",
            "website": "",
            "city": lab.city,
            "address": "",
            "founded_year": "",
            "size_band": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
        response = admin.post(path, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert "Un laboratoire à Gand." in page_in("fr", "organizations:detail", args=[lab.slug])


class TestEvents:
    @pytest.fixture
    def event(self):
        event = EventFactory(
            title="Knowledge for Growth",
            description="<p>The yearly conference.</p>",
            status="published",
        )
        Event.objects.filter(pk=event.pk).update(
            title_nl="Knowledge for Growth: het congres",
            description_fr="<p>La conférence annuelle.</p>",
        )
        event.refresh_from_db()
        return event

    def test_the_page_and_the_api_in_each_language(self, event):
        dutch = page_in("nl", "events:detail", args=[event.slug])
        assert "Knowledge for Growth: het congres" in dutch
        assert "The yearly conference." in dutch  # no Dutch description: the original
        french = page_in("fr", "events:detail", args=[event.slug])
        assert "La conférence annuelle." in french
        body = api_in("fr", f"/api/v1/events/{event.slug}/")
        assert body["title"] == "Knowledge for Growth"
        assert body["description"] == "<p>La conférence annuelle.</p>"
        assert body["title_nl"] == "Knowledge for Growth: het congres"
        assert api_in("nl", f"/api/v1/events/{event.slug}/")["title"] == (
            "Knowledge for Growth: het congres"
        )

    def test_the_search_finds_a_translated_title_or_description(self, event):
        found = api_in("en", "/api/v1/events/", q="congres")["results"]
        assert [row["slug"] for row in found] == [event.slug]
        found = api_in("nl", "/api/v1/events/", q="conférence annuelle")["results"]
        assert [row["slug"] for row in found] == [event.slug]
        assert api_in("en", "/api/v1/events/", q="congrès-inconnu")["results"] == []

    def test_an_organizer_writes_the_translations_through_the_api(self, event):
        staff = UserFactory(is_staff=True)
        client = APIClient()
        client.force_authenticate(staff)
        response = client.patch(
            f"/api/v1/events/{event.slug}/",
            {"title_fr": "Knowledge for Growth : le congrès", "description_nl": "<p>Hallo</p>"},
            format="json",
        )
        assert response.status_code == 200, response.content
        body = api_in("fr", f"/api/v1/events/{event.slug}/")
        assert body["title"] == "Knowledge for Growth : le congrès"
        dutch = api_in("nl", f"/api/v1/events/{event.slug}/")
        assert dutch["description"] == "<p>Hallo</p>"
        scripted = client.patch(
            f"/api/v1/events/{event.slug}/",
            {"description_fr": "<p>Ok</p><script>alert(1)</script>"},
            format="json",
        )
        assert scripted.status_code == 200
        event.refresh_from_db()
        assert event.description_fr == "<p>Ok</p>"


class TestNewsAndPages:
    def test_a_news_item_in_each_language_with_fallback(self):
        item = news_item_create(
            actor=UserFactory(is_staff=True),
            title="Ten new members",
            summary="The cluster grows.",
            body="<p>Ten companies joined.</p>",
            published_at=timezone.now() - timedelta(hours=1),
            title_nl="Tien nieuwe leden",
            body_nl="<p>Tien bedrijven sloten aan.</p><script>x</script>",
        )
        item.refresh_from_db()
        assert item.body_nl == "<p>Tien bedrijven sloten aan.</p>"
        dutch = page_in("nl", "content:news_detail", args=[item.slug])
        assert "Tien nieuwe leden" in dutch and "Tien bedrijven sloten aan." in dutch
        assert "The cluster grows." in page_in("nl", "content:news_list")  # no Dutch summary
        french = api_in("fr", f"/api/v1/news/{item.slug}/")
        assert french["title"] == "Ten new members"
        assert api_in("nl", f"/api/v1/news/{item.slug}/")["title"] == "Tien nieuwe leden"

    def test_the_about_page_in_each_language(self):
        page = the_page("about")
        Page.objects.filter(pk=page.pk).update(
            title_fr="À propos", body_fr="<p>Le portail du cluster.</p>"
        )
        french = page_in("fr", "content:about")
        assert "À propos" in french and "Le portail du cluster." in french
        page.refresh_from_db()
        assert page.body_en and page.body_en[:40] in page_in("nl", "content:about")

    def test_the_admin_saves_a_translation_of_a_page(self):
        page = the_page("privacy")
        admin = Client()
        admin.force_login(UserFactory(is_staff=True, is_superuser=True))
        path = f"/admin/content/page/{page.pk}/change/"
        names = list(admin.get(path).context["adminform"].form.fields)
        assert [n for n in names if n.startswith("title")] == ["title_en", "title_nl", "title_fr"]
        response = admin.post(
            path,
            {
                "slug": "privacy",
                "title_en": page.title_en,
                "body_en": page.body_en,
                "title_nl": "Privacy",
                "body_nl": "<p>Wat wij bewaren en waarom.</p>",
                "is_published": "on",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert "Wat wij bewaren en waarom." in page_in("nl", "content:privacy")
        assert "Wat wij bewaren en waarom." not in page_in("en", "content:privacy")

    def test_the_admin_needs_the_text_in_one_language(self):
        admin = Client()
        admin.force_login(UserFactory(is_staff=True, is_superuser=True))
        response = admin.post(
            "/admin/content/newsitem/add/",
            {"title_nl": "Leeg", "slug": "leeg", "summary_nl": "Niets.", "published_at_0": ""},
        )
        assert response.status_code == 200
        assert "body_en" in response.context["adminform"].form.errors
        assert not NewsItem.objects.exists()


@pytest.mark.sqlite
def test_the_embedded_default_searches_every_language(lab):
    found = api_in("en", "/api/v1/organizations/", q="labo")["results"]
    assert [row["slug"] for row in found] == ["leie-labs"]
    organization_update(
        actor=UserFactory(is_staff=True), organization=lab, description_fr="Des organoïdes."
    )
    found = api_in("nl", "/api/v1/organizations/", q="organoïdes")["results"]
    assert [row["slug"] for row in found] == ["leie-labs"]
    assert page_in("fr", "organizations:detail", args=[lab.slug]).count("Des organoïdes.") >= 1
