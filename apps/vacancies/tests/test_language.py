"""Vacancies in their own language: chosen or detected, filtered and faceted, and searched
with the stemming of English, Dutch and French."""

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies.alerts import job_alerts_match
from apps.vacancies.language import detect_language
from apps.vacancies.models import JobAlertMatch, Vacancy, VacancyStatus
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db

API = "/api/v1/vacancies/"
ALERTS_API = "/api/v1/me/alerts/"

DUTCH = (
    "Wij zoeken een onderzoeker die mee ons team in Gent versterkt. U werkt met de "
    "nieuwste technieken voor celcultuur en bent verantwoordelijk voor de analyses."
)
FRENCH = (
    "Nous recherchons un chercheur pour notre laboratoire de Liège. Vous travaillez avec "
    "une équipe de biologistes et vous êtes responsable des analyses."
)
ENGLISH = (
    "We are looking for a researcher to join our team in Ghent. You will work with the "
    "newest cell-culture techniques and be responsible for the analyses."
)


@pytest.fixture
def acme():
    return OrganizationFactory(name="Acme Biologics", slug="acme", verified=True)


@pytest.fixture
def recruiter(acme):
    return MembershipFactory(organization=acme, role="recruiter").user


@pytest.fixture
def board(acme):
    return {
        "nl": published_vacancy(
            organization=acme,
            slug="onderzoeker-celbiologie",
            title="Onderzoeker celbiologie",
            description=f"<p>{DUTCH}</p>",
            language="nl",
            city="Ghent",
        ),
        "fr": published_vacancy(
            organization=acme,
            slug="chercheur-immunologie",
            title="Chercheur en immunologie",
            description=f"<p>{FRENCH}</p>",
            language="fr",
            city="Liège",
        ),
        "en": published_vacancy(
            organization=acme,
            slug="researcher-cell-biology",
            title="Researcher, cell biology",
            description=f"<p>{ENGLISH}</p>",
            language="en",
            city="Ghent",
        ),
    }


def api_slugs(**params) -> list[str]:
    response = APIClient().get(API, params)
    assert response.status_code == 200, response.content
    return sorted(row["slug"] for row in response.json()["results"])


def page_slugs(**params) -> list[str]:
    response = Client().get(reverse("vacancies:list"), params)
    assert response.status_code == 200
    return sorted(v.slug for v in response.context["page"].object_list)


def test_the_language_is_detected_from_the_text():
    assert detect_language(DUTCH) == "nl"
    assert detect_language(FRENCH) == "fr"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Senior scientist, CRISPR") == "en"  # nothing tells: English
    assert detect_language("Description de l'équipe et d'expérience : vous") == "fr"


class TestSearchInEachLanguage:
    """PostgreSQL stems each vacancy in its own language, and the query in all three."""

    def test_a_dutch_search_finds_inflected_dutch_words(self, board):
        assert api_slugs(q="onderzoekers") == ["onderzoeker-celbiologie"]
        assert page_slugs(q="onderzoekers") == ["onderzoeker-celbiologie"]
        # The description: "technieken" finds "techniek", "analyse" finds "analyses".
        assert "onderzoeker-celbiologie" in api_slugs(q="techniek")
        assert api_slugs(q="verantwoordelijke") == ["onderzoeker-celbiologie"]

    def test_a_french_search_finds_the_feminine_and_the_plural(self, board):
        assert api_slugs(q="chercheuses") == ["chercheur-immunologie"]
        assert api_slugs(q="chercheurs") == ["chercheur-immunologie"]
        assert api_slugs(q="laboratoires") == ["chercheur-immunologie"]
        assert page_slugs(q="chercheuse") == ["chercheur-immunologie"]

    def test_a_french_feminine_title_is_found_by_the_masculine(self, acme, board):
        published_vacancy(
            organization=acme,
            slug="directrice-scientifique",
            title="Directrice scientifique",
            description="<p>Vous dirigez une équipe de chercheuses et de coordinatrices.</p>",
            language="fr",
        )
        assert api_slugs(q="directeur") == ["directrice-scientifique"]
        assert api_slugs(q="coordinateur") == ["directrice-scientifique"]
        assert api_slugs(q="chercheur") == ["chercheur-immunologie", "directrice-scientifique"]

    def test_english_is_still_stemmed_in_english(self, board):
        assert api_slugs(q="researchers") == ["researcher-cell-biology"]

    def test_a_language_filter_searches_in_that_language_only(self, board):
        assert api_slugs(q="onderzoekers", language="nl") == ["onderzoeker-celbiologie"]
        assert api_slugs(q="onderzoekers", language="fr") == []
        assert api_slugs(q="chercheuses", language="fr") == ["chercheur-immunologie"]

    def test_the_vector_follows_the_language_after_a_raw_update(self, board):
        vacancy = board["en"]
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE vacancies_vacancy SET language = 'nl', title = %s, description = %s"
                " WHERE id = %s",
                ["Laborant", "<p>Wij zoeken laboranten.</p>", vacancy.pk],
            )
        assert api_slugs(q="laboranten") == [vacancy.slug]
        assert api_slugs(q="laborant", language="nl") == [vacancy.slug]
        assert api_slugs(language="en") == []

    def test_a_bulk_insert_is_searchable_in_its_language(self, acme):
        now = timezone.now()
        Vacancy.objects.bulk_create(
            [
                Vacancy(
                    organization=acme,
                    title="Ingénieure de procédés",
                    slug="bulk-fr",
                    description="<p>Vous optimisez nos bioréacteurs avec les chercheuses.</p>",
                    language="fr",
                    city="Gosselies",
                    workplace="onsite",
                    contract="permanent",
                    experience="medior",
                    discipline="bioprocess",
                    status=VacancyStatus.PUBLISHED,
                    published_at=now,
                    expires_at=now + timezone.timedelta(days=30),
                )
            ]
        )
        assert api_slugs(q="ingénieur") == ["bulk-fr"]
        assert api_slugs(q="chercheur") == ["bulk-fr"]
        assert api_slugs(language="fr") == ["bulk-fr"]

    def test_an_admin_edit_of_the_language_restems_the_vacancy(self, board):
        vacancy = board["en"]
        admin = Client()
        admin.force_login(UserFactory(is_staff=True, is_superuser=True))
        data = {
            "title": "Onderzoekster",
            "description": "Wij zoeken onderzoeksters voor ons labo.",
            "language": "nl",
            "city": vacancy.city,
            "workplace": vacancy.workplace,
            "contract": vacancy.contract,
            "experience": vacancy.experience,
            "discipline": vacancy.discipline,
            "sectors": [],
            "salary_min": "",
            "salary_max": "",
            "apply_url": "",
            "application_email": "",
            "status_changes-TOTAL_FORMS": "0",
            "status_changes-INITIAL_FORMS": "0",
            "status_changes-MIN_NUM_FORMS": "0",
            "status_changes-MAX_NUM_FORMS": "1000",
        }
        response = admin.post(f"/admin/vacancies/vacancy/{vacancy.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert api_slugs(q="onderzoeksters", language="nl") == [vacancy.slug]
        assert api_slugs(q="labo") == [vacancy.slug]


class TestFilterAndFacet:
    def test_the_board_filters_and_counts_each_language(self, board, acme):
        published_vacancy(organization=acme, slug="tweede", title="Laborant", language="nl")
        response = Client().get(reverse("vacancies:list"))
        facet = {item["value"]: item["count"] for item in response.context["facets"]["language"]}
        assert facet == {"nl": 2, "fr": 1, "en": 1}
        labels = {item["value"]: item["label"] for item in response.context["facets"]["language"]}
        assert labels == {"nl": "Dutch", "fr": "French", "en": "English"}
        assert page_slugs(language="nl") == ["onderzoeker-celbiologie", "tweede"]
        chosen = Client().get(reverse("vacancies:list"), {"language": "nl"})
        selected = [item for item in chosen.context["facets"]["language"] if item["selected"]]
        assert [item["value"] for item in selected] == ["nl"]
        # The other languages stay selectable, with their counts.
        facet = {item["value"]: item["count"] for item in chosen.context["facets"]["language"]}
        assert facet == {"nl": 2, "fr": 1, "en": 1}
        # Another filter narrows the language counts.
        city = Client().get(reverse("vacancies:list"), {"city": "Ghent"})
        facet = {item["value"]: item["count"] for item in city.context["facets"]["language"]}
        assert facet == {"nl": 2, "en": 1}

    def test_the_api_filters_on_language_and_shows_it(self, board):
        assert api_slugs(language="fr") == ["chercheur-immunologie"]
        row = APIClient().get(f"{API}chercheur-immunologie/").json()
        assert row["language"] == "fr"

    def test_an_unknown_language_is_a_400_naming_the_parameter(self, board):
        response = APIClient().get(API, {"language": "de"})
        assert response.status_code == 400
        assert "language" in response.json()
        assert Client().get(reverse("vacancies:list"), {"language": "de"}).status_code == 400

    def test_the_feed_takes_the_language_filter(self, board):
        response = Client().get(reverse("vacancies:feed"), {"language": "nl"})
        assert response.status_code == 200
        items = ET.fromstring(response.content).findall("./channel/item")
        assert [item.findtext("link").rsplit("/", 2)[-2] for item in items] == [
            "onderzoeker-celbiologie"
        ]
        assert "Dutch" in {c.text for c in items[0].findall("category")}

    def test_the_pages_show_the_language(self, board):
        card = Client().get(reverse("vacancies:list"), {"language": "fr"}).content.decode()
        assert '<h2 lang="fr">' in card and "French" in card
        page = Client().get(board["nl"].get_absolute_url()).content.decode()
        assert '<h1 lang="nl">' in page and "Written in Dutch" in page


class TestChosenWhenPosting:
    def payload(self, **overrides) -> dict:
        return {
            "organization": "acme",
            "title": "Onderzoeker antilichamen",
            "description": DUTCH,
            "city": "Ghent",
            "workplace": "hybrid",
            "contract": "permanent",
            "experience": "junior",
            "discipline": "immunology",
            **overrides,
        }

    def test_the_api_detects_the_language_when_none_is_given(self, recruiter):
        client = APIClient()
        client.force_authenticate(recruiter)
        response = client.post(API, self.payload(), format="json")
        assert response.status_code == 201, response.content
        assert response.json()["language"] == "nl"

    def test_the_posters_choice_wins(self, recruiter):
        client = APIClient()
        client.force_authenticate(recruiter)
        response = client.post(API, self.payload(language="en"), format="json")
        assert response.status_code == 201 and response.json()["language"] == "en"
        slug = response.json()["slug"]
        changed = client.patch(f"{API}{slug}/", {"language": "fr"}, format="json")
        assert changed.status_code == 200 and changed.json()["language"] == "fr"
        # Empty: detected again from the text.
        again = client.patch(f"{API}{slug}/", {"language": ""}, format="json")
        assert again.json()["language"] == "nl"

    def test_an_unknown_language_is_refused_and_nothing_stored(self, recruiter):
        client = APIClient()
        client.force_authenticate(recruiter)
        response = client.post(API, self.payload(language="de"), format="json")
        assert response.status_code == 400 and "language" in response.json()
        assert not Vacancy.objects.exists()

    def test_the_form_offers_the_languages_and_detects_one(self, acme, recruiter):
        client = Client()
        client.force_login(recruiter)
        form = client.get(reverse("vacancies:create")).content.decode()
        assert 'name="language"' in form and "Detect it from the text" in form
        data = {
            **self.payload(),
            "organization": acme.pk,
            "description": FRENCH,
            "title": "Chercheuse",
            "language": "",
            "draft": "1",
        }
        preview = client.post(reverse("vacancies:create"), {**data, "preview": "1"})
        assert "The text reads as French." in preview.content.decode()
        response = client.post(reverse("vacancies:create"), data)
        assert response.status_code == 302
        assert Vacancy.objects.get().language == "fr"
        data["language"] = "nl"
        edited = client.post(reverse("vacancies:edit", args=[Vacancy.objects.get().slug]), data)
        assert edited.status_code == 302
        assert Vacancy.objects.get().language == "nl"


class TestAlerts:
    def test_an_alert_filters_on_language_and_matches_inflected_words(self, acme):
        seeker = UserFactory()
        client = APIClient()
        client.force_authenticate(seeker)
        created = client.post(
            ALERTS_API,
            {"filters": {"q": "onderzoekers", "language": "nl"}, "frequency": "daily"},
            format="json",
        )
        assert created.status_code == 201, created.content
        french = client.post(
            ALERTS_API, {"filters": {"q": "chercheuses"}, "frequency": "daily"}, format="json"
        )
        assert french.status_code == 201
        refused = client.post(ALERTS_API, {"filters": {"language": "xx"}}, format="json")
        assert refused.status_code == 400 and "language" in refused.json()
        dutch = published_vacancy(
            organization=acme, title="Onderzoeker", description=f"<p>{DUTCH}</p>", language="nl"
        )
        english = published_vacancy(
            organization=acme, title="Onderzoeker (English)", description="<p>English</p>"
        )
        french_vacancy = published_vacancy(
            organization=acme, title="Chercheur", description=f"<p>{FRENCH}</p>", language="fr"
        )
        job_alerts_match(vacancy_ids=[dutch.pk, english.pk, french_vacancy.pk])
        matched = {
            (str(alert), vacancy)
            for alert, vacancy in JobAlertMatch.objects.values_list("alert_id", "vacancy_id")
        }
        assert matched == {
            (created.json()["id"], dutch.pk),
            (french.json()["id"], french_vacancy.pk),
        }

    def test_the_alert_shows_its_language_in_words(self):
        seeker = UserFactory()
        client = Client()
        client.force_login(seeker)
        search = {"language": "fr", "q": "chimiste", "frequency": "weekly"}
        page = client.get(reverse("alerts:create"), search).content.decode()
        assert "Language of the vacancy" in page and "French" in page
        assert client.post(reverse("alerts:create"), search).status_code == 302
        assert seeker.job_alerts.get().filters == {"language": "fr", "q": "chimiste"}


@pytest.mark.sqlite
def test_the_embedded_default_filters_and_counts_languages_too(board):
    assert api_slugs(language="nl") == ["onderzoeker-celbiologie"]
    assert page_slugs(language="fr", q="chercheur") == ["chercheur-immunologie"]
    response = Client().get(reverse("vacancies:list"), {"city": "Ghent"})
    facet = {item["value"]: item["count"] for item in response.context["facets"]["language"]}
    assert facet == {"nl": 1, "en": 1}
