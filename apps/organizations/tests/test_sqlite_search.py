"""Directory search on the embedded default (SQLite FTS5) ranks as on PostgreSQL."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.core.sqlite_search import ensure_indexes
from apps.organizations.selectors import organization_facets, organization_list
from apps.organizations.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.sqlite, pytest.mark.django_db]


@pytest.fixture
def directory():
    OrganizationFactory(
        name="VIB",
        slug="vib",
        description="VIB is a life sciences research institute. VIB works with universities.",
    )
    OrganizationFactory(name="VIB.AI", slug="vib-ai", description="Machine learning at VIB.")
    OrganizationFactory(name="VIB bio-incubator", slug="vib-bio-incubator", description="Labs.")
    OrganizationFactory(
        name="Ghent University",
        slug="ghent-university",
        kind="university",
        description="Partner of VIB, VIB, VIB and VIB in many projects with VIB.",
    )
    OrganizationFactory(name="Flanders Biotech", slug="flanders-biotech", description="Cluster.")
    OrganizationFactory(name="Leuven Enzymes", slug="leuven-enzymes", city="Leuven")


def names(query: str) -> list[str]:
    return [org.name for org in organization_list(filters={"q": query})]


def test_the_exact_name_comes_first(directory):
    found = names("VIB")
    assert found[0] == "VIB"
    assert set(found) == {"VIB", "VIB.AI", "VIB bio-incubator", "Ghent University"}
    assert names("vib")[0] == "VIB"


def test_a_name_outranks_a_description(directory):
    found = names("enzymes")
    assert found == ["Leuven Enzymes"]
    assert names("VIB.AI")[0] == "VIB.AI"


def test_words_are_stemmed_and_names_match_as_typed(directory):
    assert names("institutes") == ["VIB"]
    assert names("flan") == ["Flanders Biotech"]


def test_a_renamed_organization_is_found_by_its_new_name(directory):
    from apps.organizations.models import Organization

    organization = Organization.objects.get(slug="leuven-enzymes")
    organization.name = "Kessel-Lo Proteases"
    organization.save()
    assert names("proteases") == ["Kessel-Lo Proteases"]
    assert names("enzymes") == []


def test_facets_count_the_search(directory):
    kinds = {
        item["value"]: item["count"] for item in organization_facets(filters={"q": "VIB"})["kind"]
    }
    assert kinds == {"company": 3, "university": 1}


def test_the_directory_page_lists_the_exact_name_first(directory):
    page = Client().get(reverse("organizations:list") + "?q=VIB").content.decode()
    first = page.index('href="/en/organizations/vib/"')
    for other in ("vib-ai", "vib-bio-incubator", "ghent-university"):
        assert first < page.index(f'href="/en/organizations/{other}/"')


def test_a_lost_trigger_is_rebuilt_with_the_index():
    OrganizationFactory(name="Ghent Antibodies", slug="ghent-antibodies")
    with connection.cursor() as cursor:
        # What Django's table rebuild on SQLite does to a table's triggers.
        cursor.execute("DROP TRIGGER organizations_organization_fts_insert")
    assert ensure_indexes() == ["organizations_organization_fts"]
    assert ensure_indexes() == []
    assert names("antibodies") == ["Ghent Antibodies"]
    OrganizationFactory(name="Leuven Antibodies", slug="leuven-antibodies")
    assert set(names("antibodies")) == {"Ghent Antibodies", "Leuven Antibodies"}
