"""Staff run the portal from the console: approve a vacancy, verify an organization."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, open_account_menu, save_screenshot, sign_in

pytestmark = [pytest.mark.e2e, e2e_db]


def test_staff_approve_a_vacancy_and_verify_an_organization_from_the_console(
    page: Page, server: str
):
    from apps.accounts.tests.factories import UserFactory
    from apps.core.models import AuditEntry
    from apps.organizations.models import Organization
    from apps.organizations.services import verification_request_create
    from apps.organizations.tests.factories import MembershipFactory
    from apps.vacancies.models import Vacancy
    from apps.vacancies.services import vacancy_create

    poster = MembershipFactory(
        role="owner", organization__verified=True, organization__name="Leie Biologics"
    )
    vacancy_create(
        actor=poster.user,
        organization=poster.organization,
        title="QA officer GMP",
        description="<p>Release batches.</p>",
        city="Ghent",
        workplace="onsite",
        contract="permanent",
        experience="medior",
        discipline="regulatory",
    )
    newcomer = MembershipFactory(
        role="owner",
        organization__verified=False,
        organization__name="Kempen Agrotech",
        organization__slug="kempen-agrotech",
    )
    verification_request_create(
        actor=newcomer.user,
        organization=newcomer.organization,
        message="Company number BE 0123.456.789",
    )
    staff = UserFactory(is_staff=True, first_name="Anna", last_name="Admin")

    sign_in(page, server, staff.email)
    open_account_menu(page).get_by_role("link", name="Staff console").click()
    expect(page.get_by_role("heading", name="Staff console")).to_be_visible()
    vacancies = page.locator("section", has=page.get_by_role("heading", name="Vacancies to review"))
    organizations = page.locator(
        "section", has=page.get_by_role("heading", name="Organizations to verify")
    )
    expect(vacancies.get_by_role("link", name="QA officer GMP")).to_be_visible()
    expect(organizations.get_by_role("link", name="Kempen Agrotech")).to_be_visible()
    expect(organizations.get_by_text("Company number BE 0123.456.789")).to_be_visible()
    save_screenshot(page, "staff-console.png")

    vacancies.get_by_role("button", name="Approve").click()
    expect(page).to_have_url(f"{server}/staff/")
    expect(page.locator("ul.messages")).to_contain_text("Published.")
    expect(vacancies.get_by_text("Nothing to review.")).to_be_visible()

    organizations.get_by_role("button", name="Verify").click()
    expect(page).to_have_url(f"{server}/staff/")
    expect(page.locator("ul.messages")).to_contain_text("The organization is verified.")
    expect(organizations.get_by_text("No organization waits for verification.")).to_be_visible()

    assert Vacancy.objects.get(title="QA officer GMP").status == "published"
    assert Organization.objects.get(slug="kempen-agrotech").verified
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "vacancy.approve",
        "organization.verify",
    }

    page.goto(f"{server}/organizations/kempen-agrotech/")
    expect(page.get_by_text("verified", exact=True).first).to_be_visible()
