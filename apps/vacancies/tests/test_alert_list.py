"""The job alerts page says each alert's search in words, as the jobs page's filters do."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.alerts import job_alert_create

pytestmark = pytest.mark.django_db


def alerts_page(client: Client) -> str:
    response = client.get(reverse("alerts:list"))
    assert response.status_code == 200
    return response.content.decode()


def test_each_alert_shows_its_search_with_the_filters_labels_and_names():
    user = UserFactory()
    company = OrganizationFactory(name="Leie Biologics", slug="leie-biologics")
    job_alert_create(
        user=user,
        filters={"q": "antibody", "contract": "internship", "sector": "health"},
        frequency="daily",
    )
    job_alert_create(
        user=user,
        filters={"organization": company.slug, "experience": "medior", "workplace": "hybrid"},
        frequency="weekly",
    )
    job_alert_create(user=user, filters={"discipline": "bioinformatics", "city": "Ghent"})
    client = Client()
    client.force_login(user)
    html = alerts_page(client)
    for words in (
        "Search: antibody",
        "Contract: Internship",
        "Sector: Health",
        "Organization: Leie Biologics",
        "Experience: Medior",
        "Workplace: Hybrid",
        "Discipline: Bioinformatics and data science",
        "City: Ghent",
    ):
        assert words in html
    for raw in ("q: ", "contract: ", "sector: ", "organization: ", "experience: ", "city: "):
        assert raw not in html


def test_an_alert_saved_without_a_name_is_named_in_words():
    user = UserFactory()
    alert = job_alert_create(user=user, filters={"contract": "internship", "experience": "medior"})
    assert alert.name == "Internship, Medior"


def test_the_page_reads_a_fixed_number_of_rows_however_many_alerts():
    user = UserFactory()
    client = Client()
    client.force_login(user)
    job_alert_create(
        user=user, filters={"organization": OrganizationFactory().slug, "sector": "agrifood"}
    )
    alerts_page(client)  # warms the session and the site's caches
    with CaptureQueriesContext(connection) as one:
        alerts_page(client)
    for index in range(5):
        job_alert_create(
            user=user,
            filters={
                "organization": OrganizationFactory().slug,
                "sector": "health",
                "q": f"x{index}",
            },
        )
    with CaptureQueriesContext(connection) as six:
        html = alerts_page(client)
    assert html.count("Organization: Biotech") == 6
    assert len(six) == len(one)
