"""Every role's pages on a phone and a laptop: no sideways scrolling, the menu by role, the
job board's density, the signed-out alert flow and Markdown descriptions."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from apps.accounts.tests.factories import DEFAULT_PASSWORD
from tests.e2e.conftest import e2e_db, open_account_menu, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

PHONE = {"width": 360, "height": 740}
README_PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
LONG_NAME = "Scheldt Antibody Engineering and Bioprocessing Laboratories (demo)"


@pytest.fixture
def cluster(server):
    """A small living cluster: a verified company with jobs, a seeker who applied, an
    event with registrations, a notice in every inbox and an alert."""
    from apps.accounts.tests.factories import UserFactory
    from apps.events.models import EventNotice
    from apps.events.services import registration_create
    from apps.events.tests.factories import EventFactory
    from apps.notifications.services import notify
    from apps.organizations.tests.factories import MembershipFactory
    from apps.talent.services import talent_profile_update
    from apps.vacancies.alerts import job_alert_create
    from apps.vacancies.services import application_change_status
    from apps.vacancies.tests.factories import ApplicationFactory, cv_for, published_vacancy

    owner = MembershipFactory(
        role="owner",
        organization__name=LONG_NAME,
        organization__slug="scheldt",
        organization__verified=True,
        user__first_name="Pieter",
        user__last_name="Claes",
        user__email="pieter.claes.recruitment-team@scheldt-antibody-engineering.example",
    )
    company = owner.organization
    member = MembershipFactory(
        role="recruiter",
        organization=company,
        user__first_name="Rita",
        user__last_name="Recruiter",
    ).user
    titles = [
        "Senior scientist, antibody discovery",
        "Bioinformatician, single-cell data",
        "Upstream process engineer",
        "QA officer, GMP manufacturing",
        "Clinical research associate",
        "Internship: protein purification",
        "Medicinal chemist",
    ]
    vacancies = []
    for days, title in enumerate(titles):
        vacancy = published_vacancy(
            organization=company,
            title=title,
            slug=f"job-{days}",
            salary_min=48000 if days % 2 else None,
            salary_max=62000 if days % 2 else None,
        )
        vacancy.published_at = timezone.now() - timedelta(days=days * 3)
        vacancy.save()
        vacancies.append(vacancy)
    seeker = UserFactory(
        first_name="Sofie",
        last_name="Peeters",
        email="sofie.peeters.long-address-for-phones@ugent.example",
    )
    talent_profile_update(user=seeker, headline="Immunologist", visibility="verified_companies")
    cv_for(seeker, original_name="Sofie Peeters curriculum vitae 2026 final version.pdf")
    application = ApplicationFactory(vacancy=vacancies[0], applicant=seeker)
    ApplicationFactory(vacancy=vacancies[1], applicant=seeker)
    application_change_status(
        actor=owner.user,
        application=application,
        status="rejected",
        reason="We chose someone with more GMP experience; thank you for applying.",
    )
    event = EventFactory(
        organizer=company, title="BioBizz Cafe at Scheldt Antibody Engineering", capacity=1
    )
    registration_create(user=seeker, event=event)
    registration_create(user=UserFactory(), event=event)
    job_alert_create(user=seeker, filters={"q": "antibody"}, frequency="daily")
    staff = UserFactory(is_staff=True, is_superuser=True, first_name="Anna", last_name="Admin")
    for person in (seeker, owner.user, staff):
        notify(
            recipient=person,
            kind=EventNotice.EVENT_REMINDER,
            subject=f"Tomorrow: {event.title}",
            template="events/email/event_reminder",
            context={"event": event},
            url=event.get_absolute_url(),
        )
    return {
        "owner": owner.user,
        "member": member,
        "seeker": seeker,
        "staff": staff,
        "company": company,
        "vacancy": vacancies[0],
        "event": event,
    }


def pages_of(role: str, data: dict) -> list[str]:
    company, vacancy, event = data["company"], data["vacancy"], data["event"]
    visitor = [
        "/",
        "/jobs/",
        f"/jobs/{vacancy.slug}/",
        "/organizations/",
        f"/organizations/{company.slug}/",
        "/events/",
        f"/events/{event.slug}/",
        "/news/",
        "/accounts/login/",
        "/accounts/signup/",
    ]
    seeker = [
        "/dashboard/",
        "/jobs/my-applications/",
        "/talent/profile/",
        "/talent/cvs/",
        "/alerts/",
        "/events/mine/",
        "/notifications/",
        "/notifications/settings/",
        "/accounts/settings/",
        f"/jobs/{vacancy.slug}/",
    ]
    recruiter = [
        "/dashboard/",
        "/jobs/ours/",
        "/jobs/applications/",
        f"/jobs/{vacancy.slug}/",
        f"/jobs/{vacancy.slug}/applications/",
        "/jobs/new/",
        "/talent/",
        f"/organizations/{company.slug}/members/",
        f"/stats/organizations/{company.slug}/",
        f"/events/{event.slug}/registrations/",
        "/notifications/",
    ]
    # A recruiter who is not the owner: the same pages but the organization's settings.
    member = [path for path in recruiter if not path.endswith("/members/")] + [
        f"/organizations/{company.slug}/"
    ]
    staff = ["/dashboard/", "/staff/", "/jobs/moderation/", "/stats/", "/notifications/"]
    pages = {"visitor": visitor, "seeker": seeker, "recruiter": recruiter, "member": member}
    return {**pages, "staff": staff}[role]


def overflow(page: Page) -> int:
    """How many pixels the page is wider than the screen."""
    return page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


@pytest.mark.parametrize("role", ["visitor", "seeker", "recruiter", "member", "staff"])
def test_no_page_scrolls_sideways_at_360_px(cluster, server, page: Page, role):
    page.set_viewport_size(PHONE)
    users = {
        "seeker": cluster["seeker"],
        "recruiter": cluster["owner"],
        "member": cluster["member"],
        "staff": cluster["staff"],
    }
    if role in users:
        sign_in(page, server, users[role].email)
    wide = {}
    for path in pages_of(role, cluster):
        response = page.goto(f"{server}{path}")
        assert response is not None and response.status == 200, (role, path)
        if overflow(page) > 0:
            wide[path] = overflow(page)
    assert not wide, f"{role}: pages wider than {PHONE['width']} px: {wide}"


def test_the_menu_holds_each_roles_entries(cluster, server, page: Page):
    expected = {
        cluster["seeker"]: ["Dashboard", "My applications", "Profile and CVs", "Job alerts"],
        cluster["owner"]: ["Our vacancies", "Applications received", "Talent pool", LONG_NAME],
        cluster["member"]: ["Our vacancies", "Applications received", "Talent pool", LONG_NAME],
        cluster["staff"]: ["Staff console", "Vacancies to review", "Statistics", "Admin site"],
    }
    hidden = {
        cluster["seeker"]: ["Talent pool", "Post a vacancy", "Staff console"],
        cluster["owner"]: ["Staff console"],
        cluster["member"]: ["Staff console", "Vacancies to review"],
        cluster["staff"]: ["Talent pool"],
    }
    for viewport in (LAPTOP, README_PHONE):
        page.set_viewport_size(viewport)
        for user, names in expected.items():
            sign_in(page, server, user.email)
            menu = open_account_menu(page)
            for name in names + ["My events", "Account settings"]:
                expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
            for name in hidden[user]:
                expect(menu.get_by_role("link", name=name, exact=True)).to_have_count(0)
            if user == cluster["owner"]:
                suffix = "desktop" if viewport is LAPTOP else "phone"
                save_screenshot(page, f"menu-recruiter-{suffix}.png")
            menu.get_by_role("link", name="Job alerts").click()
            expect(page.get_by_role("heading", name="Job alerts", level=1)).to_be_visible()
            sign_out(page, server)


def test_the_phone_menu_opens_without_javascript(cluster, server, page: Page):
    context = page.context.browser.new_context(viewport=README_PHONE, java_script_enabled=False)
    page = context.new_page()  # the same browser, without JavaScript
    try:
        page.goto(f"{server}/jobs/")
        main_nav = page.get_by_role("navigation", name="Main")
        expect(main_nav).to_be_hidden()
        page.locator("summary.menu-button").click()
        expect(main_nav.get_by_role("link", name="Jobs")).to_be_visible()
        # The job filters wait behind their own button above the results.
        filters = page.get_by_role("complementary", name="Filters")
        expect(filters).to_be_hidden()
        page.locator("summary.filters-button").click()
        expect(filters).to_be_visible()
    finally:
        context.close()


def test_the_job_board_on_a_laptop_and_a_phone(cluster, server, page: Page):
    page.set_viewport_size(LAPTOP)
    page.goto(f"{server}/jobs/")
    cards = page.locator("ul.job-list > li")
    expect(cards).to_have_count(7)
    fully_visible = [
        box
        for box in (card.bounding_box() for card in cards.all())
        if box["y"] + box["height"] <= 800
    ]
    assert len(fully_visible) >= 5, f"only {len(fully_visible)} cards on a 1280×800 screen"
    first = cards.first
    expect(first.locator(".monogram")).to_have_text("SA")
    expect(first.locator(".job-dates")).to_contain_text("today")
    expect(first.locator(".job-dates")).to_contain_text("Closes ")
    expect(cards.nth(1).locator(".salary")).to_have_text("€48,000–€62,000 a year")
    expect(cards.nth(1).locator(".job-dates")).to_contain_text("3 days ago")
    save_screenshot(page, "jobs-laptop.png")

    page.set_viewport_size(README_PHONE)
    page.goto(f"{server}/jobs/")
    expect(page.locator("summary.filters-button")).to_be_visible()
    expect(page.get_by_role("complementary", name="Filters")).to_be_hidden()
    save_screenshot(page, "jobs-phone.png")
    cards.first.get_by_role("link", name="Senior scientist, antibody discovery").click()
    # Apply stays at hand at the bottom of the screen while reading.
    apply_bar = page.locator(".apply-bar")
    expect(apply_bar).to_be_visible()
    page.mouse.wheel(0, 600)
    expect(apply_bar.get_by_role("link", name="Apply for this job")).to_be_in_viewport()
    save_screenshot(page, "vacancy-phone.png")
    apply_bar.get_by_role("link", name="Apply for this job").click()
    expect(page.locator("#apply")).to_be_in_viewport()


def test_save_as_alert_while_signed_out_confirms_after_sign_in(cluster, server, page: Page):
    from apps.vacancies.models import JobAlert

    seeker = cluster["seeker"]
    page.goto(f"{server}/jobs/?q=antibody&contract=permanent")
    page.get_by_label("Email me new jobs like these").select_option(label="Weekly")
    page.get_by_role("button", name="Save as alert").click()
    # The search travels through sign-in in the address.
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/alerts/new/%3Fq%3Dantibody"))
    page.locator("#id_login").fill(seeker.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Save this search as an alert")).to_be_visible()
    summary = page.locator(".search-summary")
    expect(summary).to_contain_text("antibody")
    expect(summary).to_contain_text("Permanent")
    expect(page.get_by_label("How often")).to_have_value("weekly")
    save_screenshot(page, "alert-confirm.png")
    page.get_by_role("button", name="Save the alert").click()
    expect(page).to_have_url(f"{server}/alerts/")
    expect(page.get_by_role("status")).to_contain_text("Alert saved")
    # The list says the search in words, as the jobs page's filters do.
    expect(page.locator(".card .meta").first).to_have_text("Search: antibody · Contract: Permanent")
    alert = JobAlert.objects.filter(user=seeker).order_by("-created_at").first()
    assert alert.filters == {"q": "antibody", "contract": "permanent"}
    assert alert.frequency == "weekly"


def test_markdown_becomes_lists_and_paragraphs(cluster, server, page: Page):
    from apps.vacancies.models import Vacancy

    sign_in(page, server, cluster["owner"].email)
    page.goto(f"{server}/jobs/new/")
    page.get_by_role("textbox", name="Title", exact=True).fill("Research associate, assays")
    page.get_by_role("textbox", name="Description", exact=True).fill(
        "We grow fast.\n\nWhat you do:\n- run **ELISA** assays\n- keep the lab tidy\n\n"
        "Join us in Antwerp."
    )
    page.get_by_role("textbox", name="City", exact=True).fill("Antwerp")
    page.get_by_role("combobox", name="Workplace", exact=True).select_option(label="On site")
    page.get_by_role("combobox", name="Contract", exact=True).select_option(label="Permanent")
    page.get_by_role("combobox", name="Experience", exact=True).select_option(label="Junior")
    page.get_by_role("combobox", name="Discipline", exact=True).select_option(label="Immunology")
    page.get_by_role("button", name="Preview the description").click()
    preview = page.locator(".preview .prose")
    expect(preview.locator("p")).to_have_text(
        ["We grow fast.", "What you do:", "Join us in Antwerp."]
    )
    expect(preview.locator("ul > li")).to_have_text(["run ELISA assays", "keep the lab tidy"])
    expect(preview.locator("li strong")).to_have_text("ELISA")
    assert not Vacancy.objects.filter(title="Research associate, assays").exists()
    save_screenshot(page, "vacancy-form-preview.png")

    page.get_by_role("button", name="Submit for review").click()
    prose = page.get_by_role("article").locator(".prose")
    expect(prose.locator("ul > li")).to_have_count(2)
    expect(prose.locator("p").first).to_have_text("We grow fast.")
