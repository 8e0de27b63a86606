"""Job search on the embedded default (SQLite FTS5) ranks as on PostgreSQL."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.selectors import live_vacancies, vacancy_search
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
    """The titles the board's API lists for the words, most relevant first."""
    response = APIClient().get("/api/v1/vacancies/", {"q": query})
    assert response.status_code == 200
    return [row["title"] for row in response.json()["results"]]


def test_the_selector_keeps_only_matches(board):
    assert {v.title for v in vacancy_search(live_vacancies(), "antibody")} == {
        "Antibody engineer",
        "Lab technician",
    }


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


def test_the_page_counts_facets_of_the_search(board):
    from django.test import Client

    page = Client().get(reverse("vacancies:list"), {"q": "antibody"}).content.decode()
    assert "2 vacancies" in page
    assert "?q=antibody&amp;contract=permanent" in page
    assert "fixed_term" not in page


def test_the_jobs_page_ranks_and_survives_odd_input(board):
    from django.test import Client

    client = Client()
    page = client.get(reverse("vacancies:list"), {"q": "antibody"}).content.decode()
    assert page.index("Antibody engineer") < page.index("Lab technician")
    for odd in ('"', "NEAR(", "a*", "-", "title:x"):
        assert client.get(reverse("vacancies:list"), {"q": odd}).status_code == 200
