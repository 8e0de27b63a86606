"""The job board as people use it, in a real browser: post, moderate, find, apply, follow."""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

TITLE = "Senior scientist, antibody discovery"
SLUG = "senior-scientist-antibody-discovery-leie-biologics"
DESCRIPTION = "<p>Join our <strong>antibody</strong> team.</p><script>alert(1)</script>"
CV_NAME = "Sofie Peeters CV.pdf"
COVER_LETTER = "I have screened antibody libraries by phage display for four years."


def flash(page: Page):
    """The messages Django shows at the top of the page after an action.

    Not ``get_by_role("status")`` alone: a vacancy that is not live also shows its status
    in a ``role="status"`` box.
    """
    return page.locator("ul.messages")


def section(page: Page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def results(page: Page):
    """Job cards on the board, or the cards of the moderation queue."""
    return page.locator("ul.job-list > li, ul.cards > li")


def result_count(page: Page):
    return page.locator(".result-count")


def facet_link(page: Page, title: str, label: str):
    facet = page.locator("details.facet").filter(
        has=page.locator("summary", has_text=re.compile(f"^{title}$"))
    )
    return facet.get_by_role("link", name=label, exact=True)


def publish(*, actor, moderator, organization, sectors=("health",), **fields):
    """A published vacancy, made through the services as the site would make it."""
    from apps.organizations.models import Sector
    from apps.vacancies.services import vacancy_approve, vacancy_create

    vacancy = vacancy_create(
        actor=actor,
        organization=organization,
        sectors=Sector.objects.filter(slug__in=sectors),
        **fields,
    )
    return vacancy_approve(actor=moderator, vacancy=vacancy)


def seed_other_vacancies(moderator) -> None:
    """Vacancies of other verified organizations, so the job list looks like a real one."""
    from apps.organizations.tests.factories import MembershipFactory

    def owner_of(name: str, slug: str, city: str):
        membership = MembershipFactory(
            role="owner",
            organization__verified=True,
            organization__name=name,
            organization__slug=slug,
            organization__city=city,
        )
        return membership.user, membership.organization

    user, organization = owner_of("Scheldt Antibodies", "scheldt-antibodies", "Antwerp")
    publish(
        actor=user,
        moderator=moderator,
        organization=organization,
        title="Antibody formulation scientist",
        description="<p>Develop stable formulations of antibody fragments for diagnostics.</p>",
        city="Antwerp",
        workplace="onsite",
        contract="permanent",
        experience="medior",
        discipline="bioprocess",
        salary_min=48000,
        salary_max=62000,
    )
    user, organization = owner_of("Ghent Institute of Plant Biology", "gipb", "Ghent")
    publish(
        actor=user,
        moderator=moderator,
        organization=organization,
        sectors=("agrifood", "health"),
        title="Postdoc, plant-made antibody glycoengineering",
        description="<p>Engineer the glycans of antibodies produced in tobacco leaves.</p>",
        city="Ghent",
        workplace="onsite",
        contract="postdoc",
        experience="junior",
        discipline="plant_science",
    )
    user, organization = owner_of("Dijle Genomics", "dijle-genomics", "Leuven")
    publish(
        actor=user,
        moderator=moderator,
        organization=organization,
        sectors=("digital",),
        title="Bioinformatician, single-cell genomics",
        description="<p>Build Nextflow pipelines for single-cell RNA-seq of tumour biopsies.</p>",
        city="Leuven",
        workplace="hybrid",
        contract="permanent",
        experience="medior",
        discipline="bioinformatics",
        salary_min=52000,
        salary_max=70000,
    )
    user, organization = owner_of("Kempen Cell Therapies", "kempen-cell-therapies", "Geel")
    publish(
        actor=user,
        moderator=moderator,
        organization=organization,
        title="QC analyst, cell therapy",
        description="<p>Release testing of autologous CAR-T batches under GMP.</p>",
        city="Geel",
        workplace="onsite",
        contract="fixed_term",
        experience="junior",
        discipline="regulatory",
    )


def test_vacancy_is_posted_moderated_found_applied_to_and_shortlisted(server, page: Page):
    from apps.accounts.tests.factories import UserFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.talent.tests.factories import CVFactory, pdf_bytes
    from apps.vacancies.models import Application, Vacancy, VacancyStatus

    dialogs: list[str] = []

    def remember_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", remember_dialog)

    recruiter = MembershipFactory(
        role="owner",
        organization__verified=True,
        organization__name="Leie Biologics",
        organization__slug="leie-biologics",
        organization__city="Ghent",
        organization__description=(
            "Leie Biologics discovers and develops therapeutic antibodies for autoimmune "
            "diseases, from its labs on the banks of the Leie in Ghent."
        ),
        user__email="pieter.claes@leie-biologics.example",
        user__first_name="Pieter",
        user__last_name="Claes",
    ).user
    staff = UserFactory(is_staff=True, first_name="Staff", last_name="Member")
    seeker = UserFactory(
        email="sofie.peeters@ugent.example", first_name="Sofie", last_name="Peeters"
    )
    cv = CVFactory(
        profile__user=seeker,
        profile__visibility="private",
        profile__headline="Immunologist, single-cell specialist",
        original_name=CV_NAME,
    )
    seed_other_vacancies(staff)

    # 1) The recruiter posts a vacancy; the script in its description is removed.
    sign_in(page, server, recruiter.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    expect(page).to_have_url(f"{server}/jobs/")
    page.get_by_role("link", name="Post a vacancy").click()
    expect(page).to_have_url(f"{server}/jobs/new/")
    expect(page.get_by_role("heading", name="Post a vacancy", level=1)).to_be_visible()
    # Required fields' labels end in an aria-hidden "*": match their accessible names.
    expect(page.get_by_role("combobox", name="Organization", exact=True)).to_have_value(
        str(recruiter.memberships.get().organization_id)
    )
    page.get_by_role("textbox", name="Title", exact=True).fill(TITLE)
    page.get_by_role("textbox", name="Description", exact=True).fill(DESCRIPTION)
    page.get_by_role("textbox", name="City", exact=True).fill("Ghent")
    page.get_by_role("combobox", name="Workplace", exact=True).select_option(label="Hybrid")
    page.get_by_role("combobox", name="Contract", exact=True).select_option(label="Permanent")
    page.get_by_role("combobox", name="Experience", exact=True).select_option(label="Senior")
    page.get_by_role("combobox", name="Discipline", exact=True).select_option(label="Immunology")
    page.get_by_label("Health", exact=True).check()
    page.get_by_label("Minimum yearly gross salary (EUR)").fill("60000")
    page.get_by_label("Maximum yearly gross salary (EUR)").fill("80000")
    page.get_by_role("button", name="Submit for review").click()

    expect(page).to_have_url(f"{server}/jobs/{SLUG}/")
    expect(flash(page)).to_have_text("Sent for review: staff will publish it soon.")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    notice = page.locator(".card.attention[role=status]")
    expect(notice).to_contain_text("Waiting for review")
    expect(notice).to_contain_text("only the organization's members and staff see this page.")
    manage = section(page, "Manage")
    expect(manage).to_contain_text("Status: Waiting for review")
    article = page.get_by_role("article")
    expect(article.locator(".meta")).to_have_text("Leie Biologics · Ghent")
    expect(article.locator(".key-facts li")).to_have_text(
        [
            "Permanent",
            "Senior",
            "Hybrid",
            "Immunology",
            "Written in English",
            "€60,000–€80,000 a year gross",
        ]
    )
    prose = article.locator(".prose")
    expect(prose).to_have_text("Join our antibody team.")
    bold = prose.locator("strong")
    expect(bold).to_have_text("antibody")
    assert int(bold.evaluate("element => getComputedStyle(element).fontWeight")) >= 600
    expect(prose.locator("script")).to_have_count(0)
    # A not-yet-published vacancy has no structured data for search engines.
    expect(page.locator('script[type="application/ld+json"]')).to_have_count(0)
    assert dialogs == []
    vacancy = Vacancy.objects.get(slug=SLUG)
    assert vacancy.status == VacancyStatus.PENDING_REVIEW
    assert "<script" not in vacancy.description

    # 2) Staff see it waiting on their dashboard and approve it.
    sign_out(page, server)
    sign_in(page, server, staff.email)
    to_review = section(page, "Vacancies to review")
    expect(to_review).to_contain_text("1 vacancy waits for review.")
    to_review.get_by_role("link", name="Review them").click()
    expect(page).to_have_url(f"{server}/jobs/moderation/")
    expect(page.get_by_role("heading", name="Vacancies to review", level=1)).to_be_visible()
    queue = results(page)
    expect(queue).to_have_count(1)
    expect(queue.first.get_by_role("heading", level=2)).to_have_text(TITLE)
    expect(queue.first.locator(".meta")).to_contain_text("Leie Biologics · Ghent · Permanent")
    queue.first.get_by_role("button", name="Approve").click()
    expect(page).to_have_url(f"{server}/jobs/moderation/")
    expect(flash(page)).to_have_text("Published.")
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    page.goto(f"{server}/jobs/{SLUG}/")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.locator(".card.attention[role=status]")).to_have_count(0)
    expect(page.get_by_role("article").locator(".hint", has_text="Posted ")).to_be_visible()
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED
    assert vacancy.is_live

    # 3) A job seeker searches, filters, reads the vacancy and applies with her CV.
    sign_out(page, server)
    sign_in(page, server, seeker.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    expect(page).to_have_url(f"{server}/jobs/")
    expect(page.get_by_role("heading", name="Jobs in life sciences", level=1)).to_be_visible()
    expect(result_count(page)).to_have_text("5 vacancies")
    # Newest first: it was approved after the others.
    expect(results(page).first.get_by_role("heading", level=2)).to_have_text(TITLE)

    search = page.get_by_role("search")
    search.get_by_label("Search vacancies").fill("antibody")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/jobs/\?q=antibody(&|$)"))
    expect(search.get_by_label("Search vacancies")).to_have_value("antibody")
    # APP BUG, not asserted: a plain search already shows "Clear filters", because the
    # search form always sends `ordering` and vacancy_list() counts it in active_filters.
    expect(result_count(page)).to_have_text("3 vacancies")
    titles = results(page).get_by_role("heading", level=2)
    expect(titles).to_contain_text([TITLE])
    expect(results(page).filter(has_text="Bioinformatician")).to_have_count(0)
    expect(facet_link(page, "Contract", "Permanent").locator("xpath=..")).to_contain_text(
        "Permanent 2"
    )

    facet_link(page, "Contract", "Permanent").click()
    expect(page).to_have_url(re.compile(r"[?&]contract=permanent"))
    expect(page).to_have_url(re.compile(r"[?&]q=antibody"))
    expect(result_count(page)).to_have_text("2 vacancies")
    expect(facet_link(page, "Contract", "✓ Permanent")).to_have_attribute("aria-current", "true")
    expect(results(page).filter(has_text="Postdoc")).to_have_count(0)
    ours = results(page).filter(has=page.get_by_role("link", name=TITLE))
    expect(ours).to_have_count(1)
    expect(ours.locator(".job-org")).to_have_text("Leie Biologics · Ghent · Hybrid")
    expect(ours.locator(".job-facts")).to_have_text(
        "Permanent · Senior · English · €60,000–€80,000 a year"
    )
    expect(ours.locator(".job-dates")).to_contain_text("today")
    expect(ours.locator(".job-dates")).to_contain_text("Closes ")
    expect(ours.locator(".monogram")).to_have_text("LB")
    save_screenshot(page, "jobs.png")

    ours.get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(f"{server}/jobs/{SLUG}/")
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("article").locator(".prose strong")).to_have_text("antibody")
    # Structured data for search engines: one JobPosting, parsable, without the script.
    json_ld = page.locator('script[type="application/ld+json"]')
    expect(json_ld).to_have_count(1)
    raw = json_ld.text_content() or ""
    # "</" is escaped, so no text in the JSON can close the script element.
    assert "</" not in raw
    posting = json.loads(raw)
    assert posting["@type"] == "JobPosting"
    assert posting["title"] == TITLE
    assert posting["hiringOrganization"]["name"] == "Leie Biologics"
    assert posting["employmentType"] == "FULL_TIME"
    assert posting["jobLocation"]["address"]["addressLocality"] == "Ghent"
    assert posting["baseSalary"]["value"]["minValue"] == 60000
    assert posting["baseSalary"]["value"]["maxValue"] == 80000
    assert "<script" not in posting["description"]
    expect(
        page.get_by_role("complementary").get_by_role("link", name="Leie Biologics")
    ).to_be_visible()
    apply_box = page.locator("#apply")
    expect(apply_box.get_by_role("heading", name="Apply")).to_be_visible()
    cv_select = apply_box.get_by_label("CV", exact=True)
    expect(cv_select).to_have_value(str(cv.pk))
    expect(cv_select.locator("option:checked")).to_have_text(CV_NAME)
    apply_box.get_by_label("Cover letter").fill(COVER_LETTER)
    save_screenshot(page, "vacancy-detail.png")

    apply_box.get_by_role("button", name="Send application").click()
    expect(page).to_have_url(f"{server}/jobs/{SLUG}/")
    expect(flash(page)).to_have_text("Your application was sent. Follow it on your dashboard.")
    expect(apply_box).to_contain_text("Status: Submitted")
    expect(apply_box.locator(".badge")).to_have_text("Submitted")
    expect(apply_box.get_by_role("button", name="Send application")).to_have_count(0)
    application = Application.objects.get(vacancy=vacancy, applicant=seeker)
    assert application.cv_id == cv.pk
    assert application.cover_letter == COVER_LETTER

    # 4) The recruiter shortlists her and downloads the CV she applied with.
    sign_out(page, server)
    sign_in(page, server, recruiter.email)
    yours = section(page, "Your organizations' vacancies")
    expect(yours.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Published")
    page.goto(f"{server}/jobs/{SLUG}/")
    manage = section(page, "Manage")
    expect(manage).to_contain_text("Status: Published")
    expect(manage).to_contain_text("Applications (1 open)")
    manage.get_by_role("link", name="Applications").click()
    expect(page).to_have_url(f"{server}/jobs/{SLUG}/applications/")
    expect(page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
    rows = page.locator("ul.item-list > li")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text("Sofie Peeters")
    expect(row).to_contain_text(seeker.email)
    expect(row).to_contain_text("Immunologist, single-cell specialist")
    expect(row.locator(".badge")).to_have_text("Submitted")
    expect(row.get_by_role("button", name="In review")).to_be_visible()
    row.get_by_role("button", name="Shortlisted").click()
    expect(page).to_have_url(f"{server}/jobs/{SLUG}/applications/")
    expect(flash(page)).to_have_text("Sofie Peeters: Shortlisted.")
    row = rows.first
    expect(row.locator(".badge")).to_have_text("Shortlisted")
    expect(row.get_by_role("button", name="Shortlisted")).to_have_count(0)
    expect(row.get_by_role("button", name="Hired")).to_be_visible()
    # Rejecting asks first: the confirmation and the reason hide behind "Reject…".
    expect(row.locator("summary", has_text="Reject…")).to_be_visible()
    expect(row.get_by_role("button", name="Confirm: not selected")).to_be_hidden()
    row.locator("summary", has_text="Cover letter").click()
    expect(row.locator(".quote")).to_have_text(COVER_LETTER)
    save_screenshot(page, "applications.png")

    # Her profile is private, but applying shares it with Leie Biologics.
    with page.expect_download() as download_info:
        row.get_by_role("link", name=CV_NAME).click()
    download = download_info.value
    assert download.suggested_filename == "sofie-peeters-cv.pdf"
    downloaded = Path(download.path()).read_bytes()
    assert downloaded.startswith(b"%PDF-")
    assert downloaded == pdf_bytes()

    # 5) The seeker follows her application on the dashboard.
    sign_out(page, server)
    sign_in(page, server, seeker.email)
    mine = section(page, "Your applications")
    expect(mine.get_by_role("listitem")).to_have_count(1)
    item = mine.get_by_role("listitem").first
    expect(item.get_by_role("link", name=TITLE)).to_have_attribute("href", f"/jobs/{SLUG}/")
    expect(item).to_contain_text("Leie Biologics")
    expect(item.locator(".badge")).to_have_text("Shortlisted")
    expect(item.get_by_role("button", name="Withdraw")).to_be_visible()
    # The download of her CV by Leie Biologics is shown to her.
    downloads = section(page, "Your talent profile")
    expect(downloads.get_by_role("listitem")).to_contain_text(
        f"{CV_NAME} · Pieter Claes (Leie Biologics) ·"
    )
    assert dialogs == []


def test_member_of_unverified_organization_may_not_post_a_vacancy(server, page: Page):
    from apps.organizations.tests.factories import MembershipFactory

    member = MembershipFactory(
        role="owner", organization__verified=False, organization__name="Dender Diagnostics"
    ).user

    sign_in(page, server, member.email)
    response = page.goto(f"{server}/jobs/new/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed", level=1)).to_be_visible()
    main = page.get_by_role("main")
    expect(main).to_contain_text("Only members of verified organizations post vacancies.")
    expect(main).to_contain_text("ask staff to verify it")
    expect(page.get_by_role("button", name="Submit for review")).to_have_count(0)


def test_expired_vacancy_leaves_the_list_and_its_page(server, page: Page):
    from django.utils import timezone

    from apps.accounts.tests.factories import UserFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.vacancies.models import Vacancy

    staff = UserFactory(is_staff=True)
    membership = MembershipFactory(
        role="owner", organization__verified=True, organization__name="Leie Biologics"
    )
    common = {
        "actor": membership.user,
        "moderator": staff,
        "organization": membership.organization,
        "city": "Ghent",
        "workplace": "onsite",
        "contract": "permanent",
        "experience": "medior",
        "discipline": "immunology",
    }
    expiring = publish(
        title="Flow cytometry specialist",
        description="<p>Run our spectral cytometers.</p>",
        **common,
    )
    publish(title="Lab manager", description="<p>Keep the lab running.</p>", **common)

    page.goto(f"{server}/jobs/")
    expect(result_count(page)).to_have_text("2 vacancies")
    expect(page.get_by_role("link", name="Flow cytometry specialist")).to_be_visible()
    response = page.goto(f"{server}/jobs/{expiring.slug}/")
    assert response is not None
    assert response.status == 200

    Vacancy.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(hours=1))

    page.goto(f"{server}/jobs/")
    expect(result_count(page)).to_have_text("1 vacancy")
    expect(results(page).get_by_role("heading", level=2)).to_have_text(["Lab manager"])
    expect(page.get_by_role("link", name="Flow cytometry specialist")).to_have_count(0)
    response = page.goto(f"{server}/jobs/{expiring.slug}/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Not found", level=1)).to_be_visible()
    expect(page.get_by_text("Flow cytometry specialist")).to_have_count(0)
