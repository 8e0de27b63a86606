"""Job search on the embedded default (SQLite FTS5) ranks as on PostgreSQL."""

import pytest
from rest_framework.test import APIClient

from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.selectors import live_vacancies, vacancy_facets, vacancy_search
from apps.vacancies.tests.factories import published_vacancy

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]


@pytest.fixture
def board():
    proteomics = OrganizationFactory(name="Proteomics Partners", verified=True)
    leie = OrganizationFactory(name="Leie Biologics", verified=True)
    published_vacancy(
        title="Antibody engineer",
        slug="antibody-engineer",
        organization=leie,
        description_markdown="Phage display.",
    )
    published_vacancy(
        title="Lab technician",
        slug="lab-technician",
        organization=leie,
        description_markdown="You purify antibodies for our engineers.",
    )
    published_vacancy(
        title="Mass spectrometry scientist",
        slug="mass-spec",
        organization=proteomics,
        contract="fixed_term",
        description_markdown="Run our proteomics platform.",
    )


def titles(query: str) -> list[str]:
    return [vacancy.title for vacancy in vacancy_search(live_vacancies(), query)]


def test_a_title_outranks_a_description(board):
    assert titles("antibody") == ["Antibody engineer", "Lab technician"]


def test_an_organization_name_outranks_a_description(board):
    assert titles("proteomics") == ["Mass spectrometry scientist"]
    assert set(titles("leie")) == {"Antibody engineer", "Lab technician"}


def test_every_word_must_match(board):
    assert titles("antibody phage") == ["Antibody engineer"]
    assert titles("antibody spectrometry") == []


def test_edits_renames_and_deletions_reach_the_index(board):
    from apps.organizations.models import Organization
    from apps.vacancies.models import Vacancy

    vacancy = Vacancy.objects.get(slug="mass-spec")
    vacancy.title = "Metabolomics scientist"
    vacancy.save()
    assert titles("metabolomics") == ["Metabolomics scientist"]
    assert titles("spectrometry") == []
    Organization.objects.filter(name="Leie Biologics").update(name="Schelde Antibodies")
    assert set(titles("schelde")) == {"Antibody engineer", "Lab technician"}
    Vacancy.objects.get(slug="lab-technician").delete()
    assert titles("schelde") == ["Antibody engineer"]


def test_facets_and_the_api_use_the_ranked_search(board):
    facets = vacancy_facets(base=live_vacancies(), filters={"q": "antibody"})
    assert {item["value"]: item["count"] for item in facets["contract"]} == {"permanent": 2}
    response = APIClient().get("/api/v1/vacancies/", {"q": "antibody"})
    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == [
        "Antibody engineer",
        "Lab technician",
    ]


def test_the_jobs_page_ranks_and_survives_odd_input(board):
    from django.test import Client

    client = Client()
    page = client.get("/jobs/", {"q": "antibody"}).content.decode()
    assert page.index("Antibody engineer") < page.index("Lab technician")
    for odd in ('"', "NEAR(", "a*", "-", "title:x"):
        assert client.get("/jobs/", {"q": odd}).status_code == 200
