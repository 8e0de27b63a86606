"""The talent pool as people use it, in a real browser: profile, CVs, search, downloads."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, open_account_menu, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

HEADLINE = "Immunologist, single-cell specialist"
CV_NAME = "Sofie Peeters CV.pdf"
BAD_FILE_ERROR = "Upload a PDF, Word (DOCX) or OpenDocument (ODT) file."


def flash(page: Page):
    """The messages Django shows at the top of the page after an action."""
    return page.get_by_role("status")


def search_form(page: Page):
    return page.get_by_role("search")


def results(page: Page):
    return page.locator("ul.cards > li")


def result_count(page: Page):
    return page.locator(".result-count")


def cv_rows(page: Page):
    return page.get_by_role("table", name="Your CVs").locator("tbody tr")


def section(page: Page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def save_profile(page: Page, server: str) -> None:
    page.get_by_role("button", name="Save profile").click()
    expect(page).to_have_url(f"{server}/talent/profile/")
    expect(flash(page)).to_have_text("Your profile was saved.")


def test_seeker_shares_profile_and_cv_and_sees_who_downloaded_it(
    server, page: Page, tmp_path: Path
):
    from apps.accounts.tests.factories import UserFactory
    from apps.organizations.tests.factories import MembershipFactory
    from apps.talent.models import TalentProfile
    from apps.talent.tests.factories import TalentProfileFactory, pdf_bytes

    seeker = UserFactory(
        email="sofie.peeters@ugent.example", first_name="Sofie", last_name="Peeters"
    )
    recruiter = MembershipFactory(
        role="owner",
        organization__verified=True,
        organization__name="Leie Biologics",
        organization__slug="leie-biologics",
        user__email="pieter.claes@leie-biologics.example",
        user__first_name="Pieter",
        user__last_name="Claes",
    ).user
    # Others in the pool, so the search shows more than one person.
    TalentProfileFactory(
        visibility="public",
        user__first_name="Lotte",
        user__last_name="Maes",
        headline="Bioinformatician, cancer genomics",
        summary="Pipelines for whole-genome sequencing of tumour samples.",
        skills=["python", "nextflow", "variant calling"],
        disciplines=["bioinformatics"],
        city="Leuven",
        years_of_experience=6,
    )
    TalentProfileFactory(
        visibility="public",
        user__first_name="Thomas",
        user__last_name="Wouters",
        headline="Bioprocess engineer, mammalian cell culture",
        summary="Scale-up of CHO fed-batch processes from 2 L to 2,000 L.",
        skills=["cell culture", "python", "gmp"],
        disciplines=["bioprocess"],
        city="Antwerp",
        years_of_experience=9,
        education_level="master",
    )
    TalentProfileFactory(
        visibility="public",
        user__first_name="Emma",
        user__last_name="Jacobs",
        headline="Clinical research associate",
        summary="Monitoring of phase II oncology trials in Belgian hospitals.",
        skills=["gcp", "clinical monitoring"],
        disciplines=["clinical"],
        city="Ghent",
        years_of_experience=3,
        education_level="master",
    )

    # 1) The seeker fills in a profile and keeps it private at first.
    sign_in(page, server, seeker.email)
    expect(page.get_by_role("heading", name="Hello, Sofie Peeters")).to_be_visible()
    page.goto(f"{server}/talent/profile/")
    expect(page.get_by_role("heading", name="Your talent profile", level=1)).to_be_visible()
    expect(page.get_by_role("radio", name="Private: only me")).to_be_checked()
    page.get_by_label("Headline", exact=True).fill(HEADLINE)
    page.get_by_label("Summary", exact=True).fill(
        "Postdoc at Ghent University studying T-cell exhaustion with multi-colour\n"
        "flow cytometry and single-cell RNA-seq; I write my own analysis pipelines."
    )
    page.get_by_label("Skills", exact=True).fill("flow cytometry, single-cell RNA-seq, Python")
    page.get_by_label("Immunology", exact=True).check()
    page.get_by_label("Education", exact=True).select_option(label="PhD")
    # Required fields' labels end in an aria-hidden "*": match their accessible names.
    page.get_by_role("spinbutton", name="Years of experience", exact=True).fill("4")
    page.get_by_label("City", exact=True).fill("Ghent")
    page.get_by_label("Dutch", exact=True).check()
    page.get_by_label("English", exact=True).check()
    save_profile(page, server)
    expect(page.get_by_label("Headline", exact=True)).to_have_value(HEADLINE)
    expect(page.get_by_label("Skills", exact=True)).to_have_value(
        "flow cytometry, single-cell rna-seq, python"
    )
    expect(page.get_by_label("Immunology", exact=True)).to_be_checked()
    expect(page.get_by_label("Education", exact=True)).to_have_value("phd")
    expect(page.get_by_role("spinbutton", name="Years of experience")).to_have_value("4")
    expect(page.get_by_label("English", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="Private: only me")).to_be_checked()
    # A private profile has no page for organizations to see.
    expect(page.get_by_role("link", name="See it as organizations do")).to_have_count(0)
    save_screenshot(page, "talent-profile-form.png")
    profile_id = TalentProfile.objects.get(user=seeker).pk

    # 2) The seeker uploads a real PDF; a web page dressed up as a PDF is refused.
    page.get_by_role("link", name="Your CVs").click()
    expect(page).to_have_url(f"{server}/talent/cvs/")
    expect(page.get_by_role("heading", name="Your CVs", level=1)).to_be_visible()
    expect(page.get_by_text("Nobody but you can download your CVs.")).to_be_visible()
    expect(page.get_by_text("No CV uploaded yet.")).to_be_visible()
    cv_file = tmp_path / CV_NAME
    cv_file.write_bytes(pdf_bytes("Sofie Peeters CV"))
    upload = section(page, "Upload a CV")
    upload.get_by_label("CV file (PDF, DOCX or ODT, at most 10 MB)").set_input_files(cv_file)
    upload.get_by_role("button", name="Upload").click()
    expect(flash(page)).to_have_text("Your CV was uploaded.")
    expect(cv_rows(page)).to_have_count(1)
    row = cv_rows(page).first
    expect(row.get_by_role("link", name=CV_NAME)).to_be_visible()
    expect(row.get_by_text("primary", exact=True)).to_be_visible()
    expect(row.get_by_role("cell").nth(1)).to_have_text("PDF")

    evil = tmp_path / "evil.pdf"
    evil.write_text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
    upload.get_by_label("CV file (PDF, DOCX or ODT, at most 10 MB)").set_input_files(evil)
    with page.expect_response(
        lambda response: (
            response.url == f"{server}/talent/cvs/" and response.request.method == "POST"
        )
    ) as refused:
        upload.get_by_role("button", name="Upload").click()
    assert refused.value.status == 400
    expect(upload.get_by_role("listitem")).to_have_text(BAD_FILE_ERROR)
    expect(flash(page)).to_have_count(0)
    expect(cv_rows(page)).to_have_count(1)
    expect(cv_rows(page).first.get_by_role("link", name=CV_NAME)).to_be_visible()
    expect(section(page, "Who downloaded your CVs")).to_contain_text(
        "Nobody has downloaded your CVs."
    )
    sign_out(page, server)

    # 3) A recruiter of a verified company does not find a private profile.
    sign_in(page, server, recruiter.email)
    open_account_menu(page).get_by_role("link", name="Talent pool").click()
    expect(page).to_have_url(f"{server}/talent/")
    expect(page.get_by_role("heading", name="Talent pool", level=1)).to_be_visible()
    expect(result_count(page)).to_have_text("3 profiles")
    expect(results(page).filter(has_text="Sofie Peeters")).to_have_count(0)
    search_form(page).get_by_label("Search", exact=True).fill("cytometry")
    search_form(page).get_by_role("button", name="Search").click()
    expect(result_count(page)).to_have_text("0 profiles")
    expect(page.get_by_text("No profile matches. Try fewer filters.")).to_be_visible()
    response = page.goto(f"{server}/talent/profiles/{profile_id}/")
    assert response is not None
    assert response.status == 404
    sign_out(page, server)

    # 4) The seeker shares the profile with verified organizations.
    sign_in(page, server, seeker.email)
    page.goto(f"{server}/talent/profile/")
    page.get_by_role("radio", name="Verified organizations", exact=True).check()
    save_profile(page, server)
    expect(page.get_by_role("radio", name="Verified organizations", exact=True)).to_be_checked()
    expect(page.get_by_role("link", name="See it as organizations do")).to_be_visible()
    sign_out(page, server)

    # 5) The recruiter finds her, reads her profile and downloads her CV.
    sign_in(page, server, recruiter.email)
    page.goto(f"{server}/talent/")
    expect(result_count(page)).to_have_text("4 profiles")
    search_form(page).get_by_label("Skills (comma-separated)").fill("python")
    search_form(page).get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/talent/\?.*skills=python"))
    expect(result_count(page)).to_have_text("3 profiles")
    # Newest first: she saved her profile last.
    expect(results(page).get_by_role("heading", level=2)).to_have_text(
        ["Sofie Peeters", "Thomas Wouters", "Lotte Maes"]
    )
    sofie = results(page).first
    expect(sofie.locator(".meta")).to_have_text(f"{HEADLINE} · Ghent · 4 years · PhD")
    expect(sofie.get_by_role("link", name="Download CV")).to_be_visible()
    save_screenshot(page, "talent-search.png")

    search_form(page).get_by_label("Search", exact=True).fill("cytometry")
    search_form(page).get_by_role("button", name="Search").click()
    expect(result_count(page)).to_have_text("1 profile")
    expect(search_form(page).get_by_label("Search", exact=True)).to_have_value("cytometry")
    expect(search_form(page).get_by_label("Skills (comma-separated)")).to_have_value("python")
    expect(results(page).first).to_contain_text(HEADLINE)
    results(page).first.get_by_role("link", name="Sofie Peeters").click()

    expect(page).to_have_url(f"{server}/talent/profiles/{profile_id}/")
    expect(page.get_by_role("heading", name="Sofie Peeters", level=1)).to_be_visible()
    expect(page.locator("p.lead")).to_have_text(HEADLINE)
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Ghent")
    expect(facts).to_contain_text("4 years")
    expect(facts).to_contain_text("PhD")
    expect(facts).to_contain_text("NL, EN")
    expect(facts.locator(".tag")).to_have_text(["flow cytometry", "single-cell rna-seq", "python"])
    cvs = section(page, "CVs")
    expect(cvs.get_by_role("listitem")).to_have_count(1)
    expect(cvs).to_contain_text("Downloads are recorded and shown to this person.")
    with page.expect_download() as download_info:
        cvs.get_by_role("link", name=CV_NAME).click()
    download = download_info.value
    assert download.suggested_filename == "sofie-peeters-cv.pdf"
    downloaded = Path(download.path()).read_bytes()
    assert downloaded.startswith(b"%PDF-")
    assert downloaded == cv_file.read_bytes()
    sign_out(page, server)

    # 6) The seeker sees who downloaded her CV, on the CVs page and the dashboard.
    sign_in(page, server, seeker.email)
    dashboard = section(page, "Your talent profile")
    expect(dashboard).to_contain_text(f"{HEADLINE} · Verified organizations · 1 CV")
    expect(dashboard.get_by_role("heading", name="Who downloaded your CVs")).to_be_visible()
    expect(dashboard.get_by_role("listitem")).to_have_count(1)
    expect(dashboard.get_by_role("listitem")).to_contain_text(
        f"{CV_NAME} · Pieter Claes (Leie Biologics) ·"
    )
    dashboard.get_by_role("link", name="Manage CVs").click()
    expect(page).to_have_url(f"{server}/talent/cvs/")
    expect(page.get_by_text("every download is listed below")).to_be_visible()
    downloads = section(page, "Who downloaded your CVs")
    expect(downloads.get_by_role("listitem")).to_have_count(1)
    expect(downloads.get_by_role("listitem")).to_contain_text("Pieter Claes (Leie Biologics)")
    expect(downloads.get_by_role("listitem")).to_contain_text(CV_NAME)


def test_member_of_unverified_organization_may_not_search_talent(server, page: Page):
    from apps.organizations.tests.factories import MembershipFactory
    from apps.talent.tests.factories import TalentProfileFactory

    TalentProfileFactory(visibility="public", user__first_name="Lotte", user__last_name="Maes")
    member = MembershipFactory(
        role="owner", organization__verified=False, organization__name="Dender Diagnostics"
    ).user

    sign_in(page, server, member.email)
    response = page.goto(f"{server}/talent/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed", level=1)).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("ask staff to verify your organization")
    expect(page.get_by_text("Lotte Maes")).to_have_count(0)
