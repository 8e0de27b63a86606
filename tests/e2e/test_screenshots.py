"""The README's screenshots, taken from the real pages with the ecosystem fixture loaded.

`make screenshots` refreshes docs/screenshots/*.png (1280×900 viewport), and any other run
writes them to test-artifacts/screenshots/; the members page's
screenshot is taken by the organization flow test, with a pending join request on it.
"""

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from tests.e2e.conftest import ENGLISH, REPO_ROOT, e2e_db, save_screenshot

pytestmark = [pytest.mark.e2e, e2e_db]

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


@pytest.fixture
def ecosystem(server):
    call_command("loaddata", str(REPO_ROOT / "fixtures" / "ecosystem.json"), verbosity=0)
    from apps.organizations.models import Organization

    return Organization.objects.count()


def test_home_directory_and_organization_screenshots(server, ecosystem, page: Page):
    from apps.organizations.models import Organization

    page.goto(f"{server}/")
    expect(
        page.get_by_role("heading", name="Life sciences in Flanders, in one place")
    ).to_be_visible()
    figures = page.get_by_role("region", name="The directory in figures")
    organizations_figure = figures.locator(".figure").first
    expect(organizations_figure.locator("strong")).to_have_text(str(ecosystem))
    expect(organizations_figure.locator("span")).to_have_text("organizations")
    save_screenshot(page, "home.png")

    page.goto(f"{server}/organizations/")
    expect(page.locator(".result-count")).to_have_text(f"{ecosystem} organizations")
    filters = page.get_by_role("complementary", name="Filters")
    for title in ("Kind", "Sector", "Membership", "City"):
        expect(filters.locator("summary", has_text=title)).to_be_visible()
    save_screenshot(page, "organizations.png")

    # The home page's search box leads to the directory, and on to VIB's page.
    page.get_by_role("link", name="Flanders Life Sciences Portal").click()
    page.get_by_label("Search organizations").fill("VIB")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{server}/organizations/?q=VIB")
    expect(page.locator("ul.cards > li").first).to_contain_text("VIB")

    vib = Organization.objects.get(slug="vib")
    affiliates = list(vib.affiliates.order_by("name").values_list("name", flat=True))
    assert len(affiliates) >= 2
    page.get_by_role("link", name="VIB", exact=True).click()
    expect(page).to_have_url(f"{server}/organizations/vib/")
    expect(page.get_by_role("heading", name="VIB", level=1)).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text("Flanders Institute for Biotechnology")
    expect(page.locator("dl.facts")).to_contain_text("Founded1995")
    expect(page.locator("dl.facts").get_by_role("link", name="Medtech")).to_be_visible()
    expect(page.get_by_role("heading", name="Affiliated organizations")).to_be_visible()
    affiliate_links = page.get_by_role("article").get_by_role("listitem").get_by_role("link")
    expect(affiliate_links).to_have_text(affiliates)
    save_screenshot(page, "organization-detail.png")


def test_api_docs_render_without_any_outside_request(server, page: Page):
    hosts: list[str] = []

    def remember(request: Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss"):
            hosts.append(parts.hostname or "")

    script_errors: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            script_errors.append(message.text)

    page.on("request", remember)
    page.on("console", console)
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    response = page.goto(f"{server.removesuffix(ENGLISH)}/api/docs/")
    assert response is not None
    assert response.status == 200
    expect(page.locator(".swagger-ui .info .title")).to_contain_text(
        "Flanders Life Sciences Portal API"
    )
    operations = page.locator(".swagger-ui .opblock")
    expect(operations.first).to_be_visible()
    assert operations.count() > 5
    expect(page.locator(".swagger-ui .opblock-summary-path").first).to_contain_text("/api/v1/")
    page.wait_for_load_state("networkidle")
    save_screenshot(page, "api-docs.png")

    assert hosts, "the page made no request at all"
    outside = sorted(set(hosts) - LOCAL_HOSTS)
    assert not outside, f"/api/docs/ reached outside hosts: {outside}"
    assert not script_errors, script_errors
