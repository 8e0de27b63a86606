"""Every page works in Chromium under the portal's Content-Security-Policy, offline.

The browser reports each thing the policy blocks (a `securitypolicyviolation` event);
no page may cause one. Requests to any other host are cut off, so the API docs prove
they need nothing from a CDN.
"""

from urllib.parse import urlparse

from playwright.sync_api import Page, expect

from tests.e2e.conftest import ENGLISH, e2e_db, sign_in

pytestmark = e2e_db

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


def offline_with_a_policy_watch(page: Page, server: str) -> list[str]:
    """Cut off every other host; return the list the console's CSP complaints go to."""
    own_host = urlparse(server).netloc
    page.route(
        "**/*",
        lambda route: (
            route.continue_() if urlparse(route.request.url).netloc == own_host else route.abort()
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    complaints: list[str] = []
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return complaints


def visit(page: Page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert "Content-Security-Policy" in {name.title() for name in response.headers}, url
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations")


def test_no_page_breaks_the_policy(server, page: Page):
    from apps.accounts.tests.factories import UserFactory
    from apps.events.tests.factories import EventFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.vacancies.tests.factories import VacancyFactory

    owner = MembershipFactory(role="owner", organization__verified=True)
    vacancy = VacancyFactory(published=True, organization=owner.organization)
    event = EventFactory(organizer=owner.organization)
    admin = UserFactory(is_staff=True, is_superuser=True)
    complaints = offline_with_a_policy_watch(page, server)

    pages = [
        "/",
        "/accounts/login/",
        "/accounts/signup/",
        "/organizations/",
        f"/organizations/{owner.organization.slug}/",
        "/jobs/",
        f"/jobs/{vacancy.slug}/",
        "/events/",
        f"/events/{event.slug}/",
    ]
    for path in pages:
        assert visit(page, server + path) == [], path

    sign_in(page, server, admin.email)
    signed_in_pages = [
        "/dashboard/",
        "/staff/",
        "/stats/",
        f"/stats/organizations/{owner.organization.slug}/",
        "/notifications/",
        "/talent/profile/",
        "/admin/",
        "/admin/organizations/organization/",
        f"/admin/organizations/organization/{owner.organization.pk}/change/",
        "/admin/events/event/add/",
        "/api/v1/organizations/",  # the browsable API
    ]
    root = server.removesuffix(ENGLISH)  # the admin and the API have no language prefix
    for path in signed_in_pages:
        base = root if path.startswith(("/admin/", "/api/")) else server
        assert visit(page, base + path) == [], path
    assert complaints == []


def test_the_api_docs_work_offline_under_the_policy(server, page: Page):
    complaints = offline_with_a_policy_watch(page, server)
    assert visit(page, f"{server.removesuffix(ENGLISH)}/api/docs/") == []
    # Swagger UI started (its script is a file) and drew the operations from the schema.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("API")
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    page.get_by_role("button", name="POST /api/v1/auth/token/").first.click()
    expect(page.get_by_text("Try it out").first).to_be_visible()
    assert page.evaluate("window.cspViolations") == []
    assert complaints == []
