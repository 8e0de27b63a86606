"""The board's listing: PostgreSQL keeps it exactly, and /jobs/ counts its facets right.

The listing is the narrow copy of every published vacancy that the board searches, counts
and facets. Whatever writes a vacancy or its sectors (the services, the ORM, bulk inserts,
raw SQL), the listing must equal what the vacancy table says; and the facets counted from it
in one pass must equal the counts worked out by hand, whatever the visitor chose.
"""

import itertools
import random
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from apps.organizations.models import Sector
from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.models import BoardListing, Vacancy, VacancyStatus
from apps.vacancies.tests.factories import VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db
FACETS = ("sector", "contract", "experience", "workplace", "city", "organization", "language")


def listing() -> dict[int, tuple]:
    return {
        row.pk: (
            row.organization_id,
            row.published_at,
            row.expires_at,
            row.contract,
            row.experience,
            row.workplace,
            row.discipline,
            row.city,
            tuple(row.sectors),
        )
        for row in BoardListing.objects.all()
    }


def expected_listing() -> dict[int, tuple]:
    published = Vacancy.objects.filter(status=VacancyStatus.PUBLISHED).prefetch_related("sectors")
    return {
        vacancy.pk: (
            vacancy.organization_id,
            vacancy.published_at,
            vacancy.expires_at,
            vacancy.contract,
            vacancy.experience,
            vacancy.workplace,
            vacancy.discipline,
            vacancy.city,
            tuple(sorted(sector.slug for sector in vacancy.sectors.all())),
        )
        for vacancy in published
    }


def kept_counts_are_right() -> bool:
    """The facet counts PostgreSQL keeps, of the whole board and per chosen value, equal a
    count of the listing made now."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT facet, value, listings FROM vacancies_board_facet_count WHERE listings <> 0"
        )
        kept = set(cursor.fetchall())
        cursor.execute(
            "SELECT counted.facet, counted.value, count(*)::int"
            " FROM vacancies_board_listing AS listing,"
            " vacancies_board_facet_values(listing) AS counted GROUP BY 1, 2"
        )
        if kept != set(cursor.fetchall()):
            return False
        # And per chosen value (the `board_facet_pair_counts` migration).
        cursor.execute(
            "SELECT facet, value, other_facet, other_value, listings"
            " FROM vacancies_board_facet_pair_count WHERE listings <> 0"
        )
        kept = set(cursor.fetchall())
        cursor.execute(
            "SELECT chosen.facet, chosen.value, counted.facet, counted.value, count(*)::int"
            " FROM vacancies_board_listing AS listing,"
            " vacancies_board_facet_values(listing) AS chosen,"
            " vacancies_board_facet_values(listing) AS counted"
            " WHERE chosen.facet NOT IN ('', 'organization') AND counted.facet <> chosen.facet"
            " GROUP BY 1, 2, 3, 4"
        )
        return kept == set(cursor.fetchall())


def same_vectors() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM vacancies_board_listing AS listing"
            " JOIN vacancies_vacancy AS vacancy ON vacancy.id = listing.vacancy_id"
            " WHERE listing.search_vector IS DISTINCT FROM vacancy.search_vector"
        )
        return cursor.fetchone()[0] == 0


def test_every_write_keeps_the_listing_equal_to_the_vacancies():
    organization = OrganizationFactory(verified=True, name="Dijle Antibodies")
    draft = VacancyFactory(organization=organization, sectors=["health"])
    live = published_vacancy(organization=organization, sectors=["health", "digital"])
    assert listing() == expected_listing() and set(listing()) == {live.pk}
    assert kept_counts_are_right()

    # The ORM: publish, edit, change sectors, close.
    Vacancy.objects.filter(pk=draft.pk).update(
        status=VacancyStatus.PUBLISHED,
        published_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=3),
    )
    live.city = "Leuven"
    live.save()
    live.sectors.set(Sector.objects.filter(slug__in=["agrifood"]))
    assert listing() == expected_listing() and set(listing()) == {draft.pk, live.pk}
    draft.sectors.clear()
    assert listing()[draft.pk][-1] == ()
    assert kept_counts_are_right()

    # Raw SQL, a bulk insert, a rename of the organization.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE vacancies_vacancy SET status = 'closed' WHERE id = %s", [draft.pk])
        cursor.execute("UPDATE vacancies_vacancy SET contract = 'phd'")
    Vacancy.objects.bulk_create(
        [
            Vacancy(
                organization=organization,
                title=f"Bulk scientist {n}",
                slug=f"bulk-{n}",
                description="<p>Assays.</p>",
                city="Ghent",
                workplace="remote",
                contract="freelance",
                experience="senior",
                discipline="immunology",
                status=VacancyStatus.PUBLISHED,
                published_at=timezone.now(),
                expires_at=timezone.now() + timedelta(days=9),
            )
            for n in range(3)
        ]
    )
    organization.name = "Nete Biologics"
    organization.save()
    assert listing() == expected_listing() and len(listing()) == 4
    assert kept_counts_are_right()
    assert same_vectors()
    assert BoardListing.objects.filter(search_vector=search("nete")).count() == 4

    # Deleting vacancies, one or all at once.
    live.delete()
    assert listing() == expected_listing() and len(listing()) == 3
    assert kept_counts_are_right()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM vacancies_vacancy")
    assert listing() == {}
    assert kept_counts_are_right()


def search(words: str):
    from apps.core.search import search_query

    return search_query(words)


def board() -> list[dict]:
    """A board where every facet has several values, some vacancies in two sectors."""
    rng = random.Random(5)
    languages = random.Random(6)
    organizations = [
        OrganizationFactory(verified=True, name=f"Facet Company {n}", slug=f"facet-{n}")
        for n in range(4)
    ]
    rows = []
    for n in range(60):
        values = {
            "organization": rng.choice(organizations),
            "contract": rng.choice(["permanent", "phd", "freelance"]),
            "experience": rng.choice(["junior", "senior"]),
            "workplace": rng.choice(["onsite", "remote"]),
            "city": rng.choice(["Ghent", "Leuven", "Geel"]),
            "title": "Antibody scientist" if n % 3 else "Data steward",
            "language": languages.choice(["en", "en", "nl", "fr"]),
        }
        sectors = rng.sample(["health", "digital", "agrifood"], rng.choice([1, 1, 2]))
        published_vacancy(**values, sectors=sectors, slug=f"facet-vacancy-{n}")
        rows.append({**values, "organization": values["organization"].slug, "sector": sectors})
    # Not on the board: a draft, one past its date, one without a date (raw SQL).
    VacancyFactory(title="Antibody draft", city="Ghent")
    gone = published_vacancy(title="Antibody expired", city="Ghent", sectors=["health"])
    Vacancy.objects.filter(pk=gone.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    undated = published_vacancy(title="Antibody undated", city="Geel", contract="phd")
    Vacancy.objects.filter(pk=undated.pk).update(expires_at=None)
    return rows


def keeps(row: dict, parameter: str, value: str) -> bool:
    if parameter == "q":
        return value.lower() in row["title"].lower()
    if parameter == "sector":
        return value in row["sector"]
    return str(row[parameter]).lower() == value.lower()


def by_hand(rows: list[dict], chosen: dict[str, str]) -> tuple[dict, int]:
    """The facets as the visitor expects them: each counted under every other choice."""
    facets = {}
    for facet in FACETS:
        kept = [
            row for row in rows if all(keeps(row, p, v) for p, v in chosen.items() if p != facet)
        ]
        counts: dict[str, int] = {}
        for row in kept:
            for value in row[facet] if facet == "sector" else [row[facet]]:
                counts[value] = counts.get(value, 0) + 1
        facets[facet] = counts
    total = sum(1 for row in rows if all(keeps(row, p, v) for p, v in chosen.items()))
    return facets, total


def test_facets_in_one_pass_equal_the_counts_by_hand(client):
    rows = board()
    choices = [
        {},
        {"q": "antibody"},
        {"sector": "digital"},
        {"sector": "health"},
        {"city": "geel"},
        {"city": "GHENT"},
        {"contract": "phd"},
        {"experience": "junior"},
        {"workplace": "remote"},
        {"organization": "facet-1"},
        {"contract": "phd", "workplace": "remote"},
        {"q": "antibody", "sector": "health", "organization": "facet-2"},
        {"experience": "senior", "city": "Ghent", "sector": "agrifood", "contract": "freelance"},
        {"q": "data", "experience": "junior", "workplace": "onsite"},
        {"language": "nl"},
        {"q": "antibody", "language": "fr", "city": "Leuven"},
    ]
    for chosen in choices:
        response = client.get(reverse("vacancies:list"), chosen)
        assert response.status_code == 200
        facets = {
            facet: {item["value"]: item["count"] for item in items}
            for facet, items in response.context["facets"].items()
        }
        expected, total = by_hand(rows, chosen)
        assert facets == expected, chosen
        assert response.context["page"].paginator.count == total, chosen
        assert len(response.context["page"].object_list) == min(total, 20)


def test_every_pair_of_choices(client):
    rows = board()
    values = {
        "sector": "health",
        "contract": "permanent",
        "experience": "senior",
        "workplace": "remote",
        "city": "Leuven",
        "organization": "facet-1",
        "language": "nl",
    }
    for first, second in itertools.combinations(FACETS, 2):
        chosen = {first: values[first], second: values[second]}
        response = client.get(reverse("vacancies:list"), chosen)
        counted = {
            facet: {item["value"]: item["count"] for item in items}
            for facet, items in response.context["facets"].items()
        }
        expected, total = by_hand(rows, chosen)
        assert counted == expected, chosen
        assert response.context["page"].paginator.count == total, chosen


def test_words_with_filters_find_exactly_the_vacancies_the_filters_keep(client):
    """The filters chosen with words are looked up as tokens first: the results must be the
    same as the filters alone would keep, whatever the case of the city."""
    rows = board()
    published_vacancy(title="Antibody scientist", city="Liège", slug="facet-liege")
    rows.append(
        {
            "title": "Antibody scientist",
            "city": "Liège",
            "organization": Vacancy.objects.get(slug="facet-liege").organization.slug,
            "contract": "permanent",
            "experience": "medior",
            "workplace": "onsite",
            "sector": ["health"],
            "slug": "facet-liege",
        }
    )
    slugs = dict(
        zip(
            range(len(rows) - 1),
            Vacancy.objects.filter(slug__startswith="facet-vacancy-")
            .order_by("pk")
            .values_list("slug", flat=True),
            strict=True,
        )
    )
    for index, slug in slugs.items():
        rows[index]["slug"] = slug
    for chosen in (
        {"q": "antibody", "city": "LIÈGE"},
        {"q": "antibody", "city": "geel", "contract": "phd"},
        {"q": "scientist", "organization": "facet-3", "sector": "digital"},
        {"q": "data", "workplace": "remote", "experience": "senior", "sector": "agrifood"},
    ):
        body = client.get("/api/v1/vacancies/", {**chosen, "page_size": 100}).json()
        expected = {row["slug"] for row in rows if all(keeps(row, p, v) for p, v in chosen.items())}
        assert {item["slug"] for item in body["results"]} == expected, chosen
        assert body["count"] == len(expected)
