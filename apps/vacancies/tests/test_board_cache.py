"""The job board's cached counts, pages and facets never outlive the data they came from.

These tests commit (transactional database), as the portal does between requests: only then
may an answer be cached. Each change goes through the path a user takes, and every list,
count, facet and feed must show it on the very next request.
"""

import importlib
import re
from datetime import timedelta
from unittest import mock

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.models import Sector
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies import services
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db(transaction=True)
SEARCH = "q=antibody"


@pytest.fixture(autouse=True)
def sectors(transactional_db):
    """The sectors the data migration adds; each transactional test's flush removes them."""
    module = importlib.import_module("apps.organizations.migrations.0002_sectors")
    module.add_sectors(apps, None)


@pytest.fixture
def people():
    organization = OrganizationFactory(name="Dijle Antibodies", verified=True)
    member = MembershipFactory(organization=organization, role="owner").user
    return organization, member, UserFactory(is_staff=True)


def facet(html: str, parameter: str) -> dict[str, int]:
    pattern = rf'{parameter}=([\w-]+)">[^<]*</a> <span class="count">(\d+)</span>'
    return {value: int(count) for value, count in re.findall(pattern, html)}


def listed(html: str) -> tuple[list[str], int]:
    slugs = sorted(set(re.findall(r'href="/en/jobs/(antibody-[a-z])/"', html)))
    count = re.search(r'class="result-count">(\d+) vacanc', html)
    return slugs, int(count.group(1)) if count else -1


def board(client: APIClient) -> dict:
    """What a visitor sees of the antibody search on every cached path."""
    page = client.get(reverse("vacancies:list") + f"?{SEARCH}").content.decode()
    plain = client.get(reverse("vacancies:list")).content.decode()
    # One value chosen: its other facets come from the counts kept per chosen value.
    chosen = client.get(reverse("vacancies:list") + "?contract=permanent").content.decode()
    api = client.get(f"/api/v1/vacancies/?{SEARCH}").json()
    api_list = client.get("/api/v1/vacancies/?contract=permanent").json()
    feed = client.get(f"/jobs/feed/?{SEARCH}").content.decode()
    return {
        "page": listed(page)[0],
        "page_count": listed(page)[1],
        "all_count": listed(plain)[1],
        "contracts": facet(page, "contract"),
        "organizations": facet(plain, "organization"),
        "chosen_count": listed(chosen)[1],
        "chosen_organizations": facet(chosen, "organization"),
        "api": sorted(row["slug"] for row in api["results"]),
        "api_count": api["count"],
        "api_list_count": api_list["count"],
        "feed": sorted(slug for slug in ("antibody-a", "antibody-b", "antibody-c") if slug in feed),
    }


def expect(client, slugs: list[str]) -> None:
    seen = board(client)
    assert seen == board(client), "the cached answer differs from the first one"
    assert seen["page"] == seen["api"] == seen["feed"] == slugs
    assert seen["page_count"] == seen["api_count"] == seen["all_count"] == len(slugs)
    assert seen["api_list_count"] == len(slugs)
    assert seen["contracts"] == ({"permanent": len(slugs)} if slugs else {})
    assert seen["organizations"] == ({"scale-test": len(slugs)} if slugs else {})
    assert seen["chosen_count"] == len(slugs)
    assert seen["chosen_organizations"] == seen["organizations"]


def new_vacancy(organization, member, slug: str) -> Vacancy:
    vacancy = services.vacancy_create(
        actor=member,
        organization=organization,
        sectors=Sector.objects.filter(slug="health"),
        title="Antibody engineer",
        description="<p>Phage display.</p>",
        city="Ghent",
        workplace="onsite",
        contract="permanent",
        experience="medior",
        discipline="immunology",
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(slug=slug)
    vacancy.slug = slug
    return vacancy


def test_publish_close_and_expiry_show_at_once_everywhere(people):
    organization, member, staff = people
    organization.slug = "scale-test"
    organization.save()
    client = APIClient()
    published_vacancy(organization=organization, title="Antibody scientist", slug="antibody-a")
    expect(client, ["antibody-a"])

    pending = new_vacancy(organization, member, "antibody-b")
    expect(client, ["antibody-a"])  # waiting for review: not listed
    services.vacancy_approve(actor=staff, vacancy=pending)
    expect(client, ["antibody-a", "antibody-b"])

    services.vacancy_close(actor=member, vacancy=pending)
    expect(client, ["antibody-a"])

    soon = published_vacancy(organization=organization, title="Antibody chemist", slug="antibody-c")
    Vacancy.objects.filter(pk=soon.pk).update(expires_at=timezone.now() + timedelta(minutes=5))
    expect(client, ["antibody-a", "antibody-c"])
    # Nothing is written when a vacancy runs out: the clock alone must take it off.
    later = timezone.now() + timedelta(minutes=6)
    with mock.patch("django.utils.timezone.now", return_value=later):
        expect(client, ["antibody-a"])


def test_a_raw_sql_change_and_a_renamed_organization_show_at_once(people):
    organization, member, staff = people
    organization.slug = "scale-test"
    organization.save()
    client = APIClient()
    published_vacancy(organization=organization, title="Antibody scientist", slug="antibody-a")
    expect(client, ["antibody-a"])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE vacancies_vacancy SET status = 'closed'")
    expect(client, [])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE vacancies_vacancy SET status = 'published'")
    expect(client, ["antibody-a"])
    organization.name = "Renamed Biologics"
    organization.save()
    response = client.get("/api/v1/vacancies/").json()
    assert response["results"][0]["organization"]["name"] == "Renamed Biologics"


def test_a_repeated_search_is_answered_from_the_cache(people):
    organization, _, _ = people
    for index in range(3):
        published_vacancy(organization=organization, title=f"Antibody scientist {index}")
    client = APIClient()

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for url in (
        reverse("vacancies:list") + f"?{SEARCH}&contract=permanent",
        f"/api/v1/vacancies/?{SEARCH}",
        f"/api/v1/vacancies/?{SEARCH}&organization={organization.slug}",
    ):
        first, again = queries(url), queries(url)
        # The board's version alone: the answer is found before the filters are read.
        assert first > again == 1


def test_members_are_never_served_the_visitors_cache(people):
    organization, member, _ = people
    published_vacancy(organization=organization, title="Antibody scientist", slug="antibody-a")
    new_vacancy(organization, member, "antibody-b")  # pending: its members see it
    visitor, insider = APIClient(), APIClient()
    insider.force_authenticate(member)
    for _ in range(2):
        assert visitor.get(f"/api/v1/vacancies/?{SEARCH}").json()["count"] == 1
        assert insider.get(f"/api/v1/vacancies/?{SEARCH}").json()["count"] == 2


def test_the_cached_cards_say_how_long_ago_as_of_today(people):
    """The cards say "3 days ago": the same cached page must say "4 days ago" a day later,
    although nothing was written and the board's version has not moved."""
    organization, _, _ = people
    vacancy = published_vacancy(organization=organization, title="Antibody scientist")
    three_days_ago = timezone.now() - timedelta(days=3)
    Vacancy.objects.filter(pk=vacancy.pk).update(published_at=three_days_ago)
    client = APIClient()

    def card() -> str:
        page = client.get(reverse("vacancies:list") + f"?{SEARCH}").content.decode()
        return page[page.index('<li class="job-card">') :]

    assert "3 days ago" in card()
    assert "3 days ago" in card()  # from the cache
    tomorrow = timezone.now() + timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert "4 days ago" in card()
