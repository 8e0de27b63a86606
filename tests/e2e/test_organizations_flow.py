"""The organization directory as people use it, in a real browser."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, open_account_menu, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

NEWCOMER_EMAIL = "lieve.janssens@scheldt-antibodies.example"
NEWCOMER_PASSWORD = "Antwerp-harbour-antibodies-77"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")


def header(page: Page):
    return page.get_by_role("navigation", name="Account")


def flash(page: Page):
    """The messages Django shows at the top of the page after an action."""
    return page.get_by_role("status")


def test_newcomer_adds_organization_gets_it_verified_and_builds_a_team(server, page: Page):
    from apps.accounts.tests.factories import UserFactory
    from apps.organizations.models import Organization

    staff = UserFactory(is_staff=True, first_name="Staff", last_name="Member")
    recruiter = UserFactory(
        email="pieter.claes@scheldt-antibodies.example", first_name="Pieter", last_name="Claes"
    )
    applicant = UserFactory(
        email="sofie.peeters@ugent.example", first_name="Sofie", last_name="Peeters"
    )

    # a) A newcomer signs up, confirms the emailed link, and saves their name.
    page.goto(f"{server}/")
    header(page).get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Sign up")).to_be_visible()
    page.get_by_role("textbox", name="First name").fill("Lieve")
    page.get_by_role("textbox", name="Last name").fill("Janssen")
    page.locator("#id_email").fill(NEWCOMER_EMAIL)
    page.locator("#id_password1").fill(NEWCOMER_PASSWORD)
    page.locator("#id_password2").fill(NEWCOMER_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    assert len(mail.outbox) == 1
    email = mail.outbox[-1]
    assert email.to == [NEWCOMER_EMAIL]
    assert "Please Confirm Your Email Address" in email.subject
    link = CONFIRM_LINK.search(email.body)
    assert link, email.body
    # The link points at the server the person signed up on.
    assert link.group(0).startswith(f"{server}/"), link.group(0)
    page.goto(link.group(0))
    expect(page.get_by_role("heading", name="Confirm Email Address")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text(NEWCOMER_EMAIL)
    page.get_by_role("button", name="Confirm").click()
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: confirming in the same browser signs them in.
    expect(page).to_have_url(f"{server}/dashboard/")
    expect(page.get_by_role("heading", name="Hello, Lieve Janssen")).to_be_visible()
    expect(page.get_by_text("You do not belong to an organization yet.")).to_be_visible()

    # A typo in the name given at sign-up is fixed in the account settings.
    open_account_menu(page).get_by_role("link", name="Account settings").click()
    expect(page).to_have_url(f"{server}/accounts/settings/")
    expect(page.get_by_role("main")).to_contain_text(f"You sign in with {NEWCOMER_EMAIL}.")
    page.get_by_label("First name").fill("Lieve")
    page.get_by_label("Last name").fill("Janssens")
    page.get_by_role("button", name="Save name").click()
    expect(flash(page)).to_have_text("Your name was saved.")
    expect(header(page).locator(".account-menu > summary")).to_have_text("Lieve Janssens")
    expect(page.get_by_label("First name")).to_have_value("Lieve")

    # b) They add their company, land on its page, and ask staff to verify it.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organizations").click()
    page.get_by_role("link", name="Add an organization").click()
    expect(page).to_have_url(f"{server}/organizations/new/")
    expect(page.get_by_role("heading", name="Add an organization")).to_be_visible()
    # Required fields' labels end in an aria-hidden "*": match their accessible names.
    page.get_by_role("textbox", name="Name", exact=True).fill("Scheldt Antibodies")
    page.get_by_role("combobox", name="Kind", exact=True).select_option(label="Company")
    page.get_by_label("Health", exact=True).check()
    page.get_by_label("Medtech", exact=True).check()
    page.get_by_label("Description").fill(
        "Scheldt Antibodies develops single-domain antibodies for diagnostics,\n"
        "from discovery to GMP production in the port of Antwerp."
    )
    page.get_by_label("Website").fill("scheldt-antibodies.example")
    page.get_by_label("City").fill("Antwerp")
    page.get_by_role("button", name="Add organization").click()

    expect(page).to_have_url(f"{server}/organizations/scheldt-antibodies/")
    expect(flash(page)).to_have_text(
        "Scheldt Antibodies was added. You are its owner; ask staff to verify it."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Scheldt Antibodies")
    head = page.locator(".org-head")
    expect(head.locator(".meta")).to_contain_text("Company · Antwerp")
    expect(head.get_by_text("not verified", exact=True)).to_be_visible()
    expect(page.get_by_role("article")).to_contain_text("single-domain antibodies")
    facts = page.locator("dl.facts")
    expect(facts.get_by_role("link", name="Health", exact=True)).to_be_visible()
    expect(facts.get_by_role("link", name="Medtech", exact=True)).to_be_visible()
    expect(facts.get_by_role("link", name="scheldt-antibodies.example")).to_have_attribute(
        "href", "https://scheldt-antibodies.example"
    )
    expect(page.get_by_role("link", name="Edit")).to_be_visible()
    expect(page.get_by_role("heading", name="Do you work here?")).to_have_count(0)

    page.get_by_label("Message (optional)").fill("We are a spin-off of the University of Antwerp.")
    page.get_by_role("button", name="Ask staff to verify").click()
    expect(flash(page)).to_have_text(
        "Verification was requested. Staff will check your organization and answer."
    )
    expect(page.get_by_text("Verification was requested and waits for staff.")).to_be_visible()
    expect(page.get_by_role("button", name="Ask staff to verify")).to_have_count(0)
    # The owner cannot verify their own organization.
    expect(page.get_by_role("button", name="Verify", exact=True)).to_have_count(0)

    # c) Staff find it on their dashboard and verify it.
    sign_out(page, server)
    sign_in(page, server, staff.email)
    waiting = page.locator(
        "section", has=page.get_by_role("heading", name="waiting for verification")
    )
    waiting.get_by_role("link", name="Scheldt Antibodies").click()
    expect(page).to_have_url(f"{server}/organizations/scheldt-antibodies/")
    expect(page.get_by_text("Verification was requested and waits for staff.")).to_be_visible()
    page.get_by_role("button", name="Verify", exact=True).click()
    expect(flash(page)).to_have_text("The organization is verified.")
    expect(head.get_by_text("verified", exact=True)).to_be_visible()
    expect(head.get_by_text("not verified", exact=True)).to_have_count(0)
    expect(page.get_by_role("button", name="Verify", exact=True)).to_have_count(0)
    assert Organization.objects.get(slug="scheldt-antibodies").verified

    # d) The owner invites an existing account as recruiter; they accept from their dashboard.
    sign_out(page, server)
    sign_in(page, server, NEWCOMER_EMAIL, NEWCOMER_PASSWORD)
    expect(page.get_by_role("heading", name="Hello, Lieve Janssens")).to_be_visible()
    mine = page.locator("section", has=page.get_by_role("heading", name="Your organizations"))
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine.get_by_role("listitem")).to_contain_text("Scheldt Antibodies Owner verified")
    mine.get_by_role("link", name="Scheldt Antibodies").click()
    page.get_by_role("link", name="Members").click()
    expect(page).to_have_url(f"{server}/organizations/scheldt-antibodies/members/")
    expect(page.get_by_role("heading", name="Members", level=1)).to_be_visible()
    members = page.get_by_role("table", name="Members")
    expect(members.locator("tbody tr")).to_have_count(1)
    expect(members.locator("tbody tr").first).to_contain_text("Lieve Janssens")

    invite_form = page.locator(
        "section", has=page.get_by_role("heading", name="Invite a recruiter")
    )
    invite_form.get_by_label("Email address").fill(recruiter.email)
    invite_form.get_by_label("Role").select_option(label="Recruiter")
    invite_form.get_by_role("button", name="Invite").click()
    expect(flash(page)).to_have_text(
        f"We sent an invitation to {recruiter.email}. They join once they accept it."
    )
    expect(members.locator("tbody tr")).to_have_count(1)
    invited = page.locator("section", has=page.get_by_role("heading", name="Invited"))
    expect(invited).to_contain_text(recruiter.email)

    sign_out(page, server)
    sign_in(page, server, recruiter.email)
    invitations = page.locator("section", has=page.get_by_role("heading", name="Invitations"))
    invitations.get_by_role("link", name="Join Scheldt Antibodies").click()
    page.get_by_role("button", name="Accept and join").click()
    expect(flash(page)).to_have_text("You joined Scheldt Antibodies.")
    expect(page).to_have_url(f"{server}/organizations/scheldt-antibodies/")

    sign_out(page, server)
    sign_in(page, server, NEWCOMER_EMAIL, NEWCOMER_PASSWORD)
    page.goto(f"{server}/organizations/scheldt-antibodies/members/")
    expect(members.locator("tbody tr")).to_have_count(2)
    expect(page.get_by_role("heading", name="Invited")).to_have_count(0)
    recruiter_row = members.get_by_role("row").filter(has_text=recruiter.email)
    expect(recruiter_row).to_contain_text("Pieter Claes")
    expect(recruiter_row.get_by_role("cell").nth(1)).to_have_text("Recruiter")
    expect(recruiter_row.get_by_role("button", name="Make owner")).to_be_visible()

    # e) A third person asks to join; the owner approves; it shows on their dashboard.
    sign_out(page, server)
    sign_in(page, server, applicant.email)
    page.goto(f"{server}/organizations/scheldt-antibodies/")
    expect(page.get_by_role("link", name="Members")).to_have_count(0)
    expect(page.get_by_role("heading", name="Do you work here?")).to_be_visible()
    page.get_by_label("Message (optional)").fill("I run the protein lab since March.")
    page.get_by_role("button", name="Ask to join").click()
    expect(flash(page)).to_have_text(
        "Your request was sent. The organization's owners or staff will answer it."
    )
    expect(page.get_by_text("You asked to join; the owners or staff will answer.")).to_be_visible()
    expect(page.get_by_role("button", name="Ask to join")).to_have_count(0)
    page.goto(f"{server}/dashboard/")
    requests_section = page.locator(
        "section", has=page.get_by_role("heading", name="Your requests to join")
    )
    expect(requests_section).to_contain_text("Scheldt Antibodies Pending")

    sign_out(page, server)
    sign_in(page, server, NEWCOMER_EMAIL, NEWCOMER_PASSWORD)
    asking = page.locator("section", has=page.get_by_role("heading", name="People asking to join"))
    expect(asking.get_by_role("listitem")).to_have_count(1)
    expect(asking).to_contain_text(applicant.email)
    expect(asking).to_contain_text("I run the protein lab since March.")
    asking.get_by_role("link", name="Scheldt Antibodies").click()
    expect(page).to_have_url(f"{server}/organizations/scheldt-antibodies/members/")
    pending = page.locator("section", has=page.get_by_role("heading", name="Asking to join"))
    expect(pending.get_by_role("listitem")).to_have_count(1)
    expect(pending).to_contain_text(f"Sofie Peeters <{applicant.email}>")
    expect(pending).to_contain_text("I run the protein lab since March.")
    save_screenshot(page, "members.png")

    pending.get_by_role("button", name="Approve").click()
    expect(flash(page)).to_have_text(f"{applicant.email} joined the organization.")
    expect(page.get_by_role("heading", name="Asking to join")).to_have_count(0)
    expect(members.locator("tbody tr")).to_have_count(3)
    applicant_row = members.get_by_role("row").filter(has_text=applicant.email)
    expect(applicant_row.get_by_role("cell").nth(1)).to_have_text("Recruiter")

    sign_out(page, server)
    sign_in(page, server, applicant.email)
    mine = page.locator("section", has=page.get_by_role("heading", name="Your organizations"))
    expect(mine.get_by_role("listitem")).to_have_count(1)
    expect(mine.get_by_role("listitem")).to_contain_text("Scheldt Antibodies Recruiter verified")
    expect(page.get_by_role("heading", name="People asking to join")).to_have_count(0)
    requests_section = page.locator(
        "section", has=page.get_by_role("heading", name="Your requests to join")
    )
    expect(requests_section).to_contain_text("Scheldt Antibodies Approved")


def test_directory_search_facets_and_invalid_filter(server, page: Page):
    from apps.organizations.tests.factories import OrganizationFactory

    OrganizationFactory(
        name="Scheldt Antibodies",
        slug="scheldt-antibodies",
        kind="company",
        city="Antwerp",
        sectors=["health", "medtech"],
        description="Single-domain antibodies for diagnostics.",
    )
    OrganizationFactory(
        name="Leie Crop Genomics",
        slug="leie-crop-genomics",
        kind="company",
        city="Ghent",
        sectors=["agrifood"],
        description="Gene editing for hardier wheat.",
    )
    OrganizationFactory(
        name="Dijle Enzymes",
        slug="dijle-enzymes",
        kind="company",
        city="Leuven",
        sectors=["industrial"],
        description="Enzymes that replace solvents in fine chemistry.",
    )
    OrganizationFactory(
        name="Ghent Institute of Plant Biology",
        slug="ghent-institute-of-plant-biology",
        kind="research_institute",
        city="Ghent",
        sectors=["agrifood", "digital"],
        description="Plant systems biology and root development.",
        is_member=True,
        verified=True,
    )
    OrganizationFactory(
        name="Leuven Heart Hospital",
        slug="leuven-heart-hospital",
        kind="academic_hospital",
        city="Leuven",
        sectors=["health", "medtech"],
        description="Cardiology research and clinical trials.",
        verified=True,
    )
    OrganizationFactory(
        name="Kempen Science Park",
        slug="kempen-science-park",
        kind="incubator",
        city="Geel",
        sectors=["health"],
        description="Lab space and offices for young biotech teams.",
        is_member=True,
    )

    page.goto(f"{server}/organizations/")
    expect(page.get_by_role("heading", name="Organizations", level=1)).to_be_visible()
    result_count = page.locator(".result-count")
    results = page.locator("ul.cards > li")
    expect(result_count).to_have_text("6 organizations")
    expect(results).to_have_count(6)
    # Ordered by name.
    expect(results.get_by_role("heading", level=2).first).to_have_text("Dijle Enzymes")

    def facet(title: str):
        return page.locator("details.facet").filter(
            has=page.locator("summary", has_text=re.compile(f"^{title}$"))
        )

    def facet_item(title: str, label: str):
        return (
            facet(title)
            .get_by_role("listitem")
            .filter(has=page.get_by_role("link", name=label, exact=True))
        )

    expect(facet_item("Kind", "Company").locator(".count")).to_have_text("3")
    expect(facet_item("City", "Ghent").locator(".count")).to_have_text("2")
    expect(facet_item("City", "Leuven").locator(".count")).to_have_text("2")
    expect(facet_item("Sector", "Health").locator(".count")).to_have_text("3")
    expect(facet_item("Membership", "Cluster members").locator(".count")).to_have_text("2")

    # Search by name through the search box.
    search = page.get_by_role("search")
    search.get_by_label("Search organizations").fill("Dijle")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/organizations/\?q=Dijle$"))
    expect(result_count).to_have_text("1 organization")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Dijle Enzymes")
    expect(results.first).to_contain_text("Company · Leuven")
    expect(search.get_by_label("Search organizations")).to_have_value("Dijle")
    expect(facet_item("City", "Leuven").locator(".count")).to_have_text("1")

    # A word that matches nothing says so.
    search.get_by_label("Search organizations").fill("zebrafish")
    search.get_by_role("button", name="Search").click()
    expect(result_count).to_have_text("0 organizations")
    expect(page.get_by_text("No organization matches.")).to_be_visible()

    # Facets narrow the list and the other facets' counts follow.
    search.get_by_label("Search organizations").fill("")
    search.get_by_role("button", name="Search").click()
    expect(result_count).to_have_text("6 organizations")
    facet("City").get_by_role("link", name="Ghent", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]city=Ghent"))
    expect(result_count).to_have_text("2 organizations")
    expect(results.get_by_role("heading", level=2)).to_have_text(
        ["Ghent Institute of Plant Biology verified member", "Leie Crop Genomics"]
    )
    expect(facet("City").get_by_role("link", name="✓ Ghent")).to_have_attribute(
        "aria-current", "true"
    )
    expect(facet_item("Kind", "Company").locator(".count")).to_have_text("1")
    expect(facet_item("Kind", "Research institute").locator(".count")).to_have_text("1")
    expect(facet_item("Sector", "Agrifood").locator(".count")).to_have_text("2")
    expect(facet("Sector").get_by_role("link", name="Health", exact=True)).to_have_count(0)

    facet("Kind").get_by_role("link", name="Company", exact=True).click()
    expect(result_count).to_have_text("1 organization")
    expect(results.first).to_contain_text("Leie Crop Genomics")

    page.get_by_role("link", name="Clear filters").click()
    expect(result_count).to_have_text("6 organizations")

    # An unknown filter value is a 400 page that says what is wrong.
    response = page.goto(f"{server}/organizations/?kind=bogus")
    assert response is not None
    assert response.status == 400
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading", name="These filters are not valid")).to_be_visible()
    expect(alert).to_contain_text("kind")
    expect(alert).to_contain_text("bogus is not one of the available choices")
    alert.get_by_role("link", name="Show all organizations").click()
    expect(result_count).to_have_text("6 organizations")
