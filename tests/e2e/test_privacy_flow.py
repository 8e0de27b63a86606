"""Consent and retention as people use them, in a real browser: a seeker applies and stays in
the company's talent pool, reads on the privacy page what is kept and until when, and
withdraws; the recruiter's pool empties at once."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]


def test_seeker_applies_stays_in_the_pool_then_withdraws(server, page: Page):
    from apps.accounts.tests.factories import UserFactory
    from apps.events.tests.factories import RegistrationFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.vacancies.tests.factories import cv_for, published_vacancy

    recruiter = MembershipFactory(
        role="owner",
        organization__verified=True,
        organization__name="Leie Biologics",
        organization__slug="leie-biologics",
        user__email="pieter.claes@leie-biologics.example",
        user__first_name="Pieter",
        user__last_name="Claes",
    ).user
    organization = recruiter.memberships.get().organization
    vacancy = published_vacancy(
        organization=organization, title="Process engineer", slug="process-engineer"
    )
    seeker = UserFactory(
        email="sofie.peeters@ugent.example", first_name="Sofie", last_name="Peeters"
    )
    cv_for(seeker, original_name="Sofie Peeters CV.pdf")
    RegistrationFactory(user=seeker, event__title="BioBizz Cafe Ghent")

    sign_in(page, server, seeker.email)
    page.goto(f"{server}/jobs/process-engineer/")
    apply_box = page.locator("#apply")
    expect(apply_box).to_contain_text("By sending your application you agree:")
    expect(apply_box).to_contain_text("Leie Biologics keeps my application")
    apply_box.get_by_role("checkbox", name="Leie Biologics keeps me in its own talent pool").check()
    apply_box.get_by_role("button", name="Send application").click()
    expect(apply_box).to_contain_text("Status: Submitted")

    page.goto(f"{server}/accounts/privacy/")
    expect(page.get_by_role("heading", name="Your privacy")).to_be_visible()
    held = page.get_by_role("table", name="Leie Biologics")
    expect(held).to_contain_text("Your application to “Process engineer”")
    expect(held).to_contain_text("Sofie Peeters CV.pdf")
    expect(page.get_by_role("table", name="What the portal holds")).to_contain_text("Your account")
    consents = page.get_by_role("table", name="Your consents")
    expect(consents.locator("tbody tr")).to_have_count(2)
    save_screenshot(page, "privacy.png")
    sign_out(page, server)

    sign_in(page, server, recruiter.email)
    page.goto(f"{server}/jobs/{vacancy.slug}/applications/")
    page.get_by_role("link", name="Talent pool of Leie Biologics").click()
    expect(page.get_by_role("table", name="Talent pool")).to_contain_text("Sofie Peeters")
    save_screenshot(page, "organization-talent-pool.png")
    sign_out(page, server)

    sign_in(page, server, seeker.email)
    page.goto(f"{server}/accounts/privacy/")
    pool_row = page.get_by_role("table", name="Your consents").locator(
        "tbody tr", has_text="Talent pool"
    )
    expect(pool_row).to_contain_text("You leave the organization's talent pool at once.")
    pool_row.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_role("status")).to_have_text("Your consent was withdrawn.")
    expect(pool_row).to_contain_text("Withdrawn on")
    sign_out(page, server)

    sign_in(page, server, recruiter.email)
    page.goto(f"{server}/jobs/talent-pool/leie-biologics/")
    expect(page.get_by_text("Nobody is in your talent pool yet.")).to_be_visible()
