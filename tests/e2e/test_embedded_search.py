"""Search on the embedded default (SQLite with FTS5) ranks like PostgreSQL, in a browser.

Marked `sqlite`: `make test` runs it in its SQLite pass (DATABASE_URL=sqlite://).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.sqlite, e2e_db]


def test_the_exact_name_comes_first_on_sqlite(server, page: Page):
    assert connection.vendor == "sqlite"
    call_command("seed", verbosity=0)  # the real ecosystem: VIB, its partners, VIB.AI…

    page.goto(f"{server}/")
    page.get_by_label("Search organizations").fill("VIB")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{server}/organizations/?q=VIB")
    cards = page.locator("ul.cards > li")
    expect(cards.first.get_by_role("heading", level=2).get_by_role("link")).to_have_text("VIB")
    # Its partners follow, each also naming VIB.
    assert cards.count() >= 5
    save_screenshot(page, "search-sqlite.png")


def test_job_search_ranks_titles_first_on_sqlite(server, page: Page):
    from apps.organizations.tests.factories import OrganizationFactory
    from apps.vacancies.tests.factories import published_vacancy

    company = OrganizationFactory(name="Leie Biologics (demo)", verified=True)
    published_vacancy(
        organization=company,
        title="Lab technician",
        slug="lab-technician",
        description_markdown="You purify antibodies for the engineers.",
    )
    published_vacancy(
        organization=company,
        title="Antibody engineer",
        slug="antibody-engineer",
        description_markdown="Phage display.",
    )
    page.goto(f"{server}/jobs/")
    page.get_by_role("search").get_by_label("Search vacancies").fill("antibodies")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    titles = page.locator("ul.job-list > li").get_by_role("heading", level=2)
    expect(titles).to_have_text(["Antibody engineer", "Lab technician"])
