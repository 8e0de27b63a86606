"""Connecting companies with talent, in a real browser: a student books a one-to-one
meeting at a BioBizz Cafe with a CV; the recruiter sees it and opens the CV; the recruiter
invites someone from the talent pool, who accepts and applies."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

CAFE_TITLE = "BioBizz Cafe: meet the companies of Ghent"
CAFE_SLUG = "biobizz-cafe-meet-the-companies"
INTERNSHIP = "Internship: protein purification"
STUDENT_CV = "Stijn Student CV.pdf"
INVITATION = "Your flow cytometry work fits our immunology team. Would you apply?"


def flash(page: Page):
    return page.locator("ul.messages")


def section(page: Page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def brussels(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def create_world():
    """The cafe with Leie Biologics exhibiting, its vacancies, a student and a seeker."""
    from apps.events.models import Event, EventParticipant
    from apps.organizations.models import Sector
    from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
    from apps.talent.tests.factories import CVFactory, TalentProfileFactory
    from apps.vacancies.services import vacancy_approve, vacancy_create

    recruiter = MembershipFactory(
        role="owner",
        organization__verified=True,
        organization__name="Leie Biologics",
        organization__slug="leie-biologics",
        user__email="pieter.claes@leie-biologics.example",
        user__first_name="Pieter",
        user__last_name="Claes",
    ).user
    company = recruiter.memberships.get().organization
    host = OrganizationFactory(name="BIOSCAPE", slug="bioscape", verified=True, kind="incubator")
    day = timezone.localtime() + timedelta(days=10)
    starts_at = day.replace(hour=17, minute=30, second=0, microsecond=0)
    cafe = Event.objects.create(
        title=CAFE_TITLE,
        slug=CAFE_SLUG,
        kind="biobizz_cafe",
        organizer=host,
        status="published",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        venue="BIOSCAPE",
        city="Ghent",
        capacity=40,
        description="<p>Students meet the companies of the cluster, one to one.</p>",
    )
    EventParticipant.objects.create(
        event=cafe, organization=company, role="exhibitor", status="accepted"
    )
    admin = MembershipFactory(organization__verified=True, user__is_staff=True).user
    health = Sector.objects.filter(slug="health")
    vacancies = {}
    for title, contract, discipline, description in (
        (
            INTERNSHIP,
            "internship",
            "molecular_biology",
            "<p>Six months of protein purification and western blot in our Ghent lab.</p>",
        ),
        (
            "Scientist, flow cytometry",
            "permanent",
            "immunology",
            "<p>Flow cytometry panels for our antibody programmes.</p>",
        ),
    ):
        vacancy = vacancy_create(
            actor=recruiter,
            organization=company,
            sectors=health,
            title=title,
            description=description,
            city="Ghent",
            workplace="onsite",
            contract=contract,
            experience="student" if contract == "internship" else "medior",
            discipline=discipline,
        )
        vacancies[title] = vacancy_approve(actor=admin, vacancy=vacancy)
    student_profile = TalentProfileFactory(
        user__email="stijn.student@ugent.example",
        user__first_name="Stijn",
        user__last_name="Student",
        headline="Master student in biochemistry",
        summary="Thesis on membrane protein expression.",
        skills=["protein purification", "western blot"],
        disciplines=["molecular_biology"],
        visibility="private",
    )
    CVFactory(profile=student_profile, original_name=STUDENT_CV)
    seeker_profile = TalentProfileFactory(
        user__email="sofie.peeters@ugent.example",
        user__first_name="Sofie",
        user__last_name="Peeters",
        headline="Immunologist, flow cytometry",
        summary="Postdoc on T-cell exhaustion.",
        skills=["flow cytometry", "elisa"],
        disciplines=["immunology"],
        visibility="verified_companies",
    )
    CVFactory(profile=seeker_profile, original_name="Sofie Peeters CV.pdf")
    return {
        "cafe": cafe,
        "recruiter": recruiter,
        "student": student_profile.user,
        "seeker": seeker_profile.user,
        "seeker_profile": seeker_profile,
        "vacancies": vacancies,
    }


def test_a_meeting_at_a_biobizz_cafe_and_an_invitation_to_apply(server, page: Page):
    from apps.invitations.models import InvitationToApply
    from apps.jobfair.models import Meeting
    from apps.talent.models import CVAccess
    from apps.vacancies.models import Application

    world = create_world()
    cafe = world["cafe"]
    first_slot = cafe.starts_at + timedelta(minutes=30)

    # 1) The recruiter opens four 15-minute slots at the cafe from the event page.
    sign_in(page, server, world["recruiter"].email)
    page.goto(f"{server}/events/{CAFE_SLUG}/")
    exhibitors = page.locator(".card", has=page.get_by_role("heading", name="For exhibitors"))
    exhibitors.get_by_role("link", name=re.compile("Leie Biologics: open slots")).click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/meetings/leie-biologics/")
    expect(page.get_by_text("No slots yet.")).to_be_visible()
    form = page.locator("form", has=page.get_by_role("heading", name="Open meeting slots"))
    form.get_by_label("First slot starts").fill(
        timezone.localtime(first_slot).strftime("%Y-%m-%dT%H:%M")
    )
    form.get_by_label("Length of each slot (minutes)").fill("15")
    form.get_by_label("Number of consecutive slots").fill("4")
    form.get_by_label("Where").fill("Table 3")
    form.get_by_role("button", name="Open the slots").click()
    expect(flash(page)).to_have_text("4 slots are open for booking.")
    schedule = section(page, "Your schedule")
    expect(schedule.locator("li")).to_have_count(4)
    expect(schedule.locator("li").first).to_contain_text(f"{brussels(first_slot)}")
    expect(schedule.locator("li").first).to_contain_text("Free")
    sign_out(page, server)

    # 2) The student sees who is hiring, registers (visible to exhibitors) and books a slot.
    sign_in(page, server, world["student"].email)
    page.goto(f"{server}/events/{CAFE_SLUG}/")
    hiring = section(page, f"Who's hiring at {CAFE_TITLE}")
    expect(hiring).to_contain_text("Leie Biologics")
    expect(hiring.get_by_role("link", name=INTERNSHIP)).to_be_visible()
    meetings = section(page, "One-to-one meetings")
    expect(meetings).to_contain_text("Register for the event first")
    register = section(page, "Registration")
    register.get_by_label("Make me visible to exhibitors").check()
    register.get_by_role("button", name="Register").click()
    expect(flash(page)).to_have_text("You are registered. See you there!")
    expect(hiring.get_by_text("Good fit")).to_be_visible()
    expect(hiring.locator(".tag", has_text="protein purification")).to_be_visible()
    second_slot = first_slot + timedelta(minutes=15)
    meetings.get_by_role("link", name=f"Book {brussels(second_slot)} with Leie Biologics").click()
    expect(page.get_by_role("heading", name="Meet Leie Biologics", level=1)).to_be_visible()
    page.get_by_label("Message to the organization").fill(
        "I would love to hear about the internship."
    )
    page.get_by_label("Share a CV for this meeting").select_option(label=STUDENT_CV)
    page.get_by_role("button", name="Book this meeting").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/#meetings")
    expect(flash(page)).to_contain_text("Your meeting with Leie Biologics is booked.")
    agenda = meetings.locator("ul", has=page.get_by_text(f"CV shared: {STUDENT_CV}"))
    expect(agenda).to_contain_text(f"{brussels(second_slot)}–")
    expect(agenda).to_contain_text("Table 3")
    expect(meetings.get_by_text(f"{brussels(second_slot)} taken")).to_be_visible()
    save_screenshot(page, "event-meetings.png")
    page.goto(f"{server}/dashboard/")
    expect(section(page, "Your meetings")).to_contain_text("Leie Biologics")
    meeting = Meeting.objects.get()
    assert meeting.cv.original_name == STUDENT_CV
    sign_out(page, server)

    # 3) The recruiter sees the meeting, reads the message and opens the CV (logged).
    sign_in(page, server, world["recruiter"].email)
    expect(section(page, "Meetings with your organizations")).to_contain_text("Stijn Student")
    section(page, "Meetings with your organizations").get_by_role("link").first.click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/meetings/leie-biologics/")
    booked = section(page, "Your schedule").locator("li", has_text="Booked")
    expect(booked).to_contain_text("Stijn Student")
    expect(booked).to_contain_text("Master student in biochemistry")
    expect(booked).to_contain_text("I would love to hear about the internship.")
    save_screenshot(page, "meeting-schedule.png")
    with page.expect_download() as download_info:
        booked.get_by_role("link", name=f"Open the CV: {STUDENT_CV}").click()
    download = download_info.value
    assert Path(download.path()).read_bytes().startswith(b"%PDF-")
    access = CVAccess.objects.get()
    assert (access.accessed_by, access.reason) == (world["recruiter"], "meeting")
    # The student chose to be visible: the exhibitor finds her among the attendees.
    page.get_by_role("link", name="Attendees open to exhibitors").click()
    expect(page.locator("ul.cards > li")).to_have_count(1)
    expect(page.locator("ul.cards > li")).to_contain_text("Stijn Student")

    # 4) The recruiter invites someone else from the talent pool to apply.
    page.goto(f"{server}/talent/")
    page.locator("ul.cards > li").get_by_role("link", name="Sofie Peeters").click()
    invite_box = section(page, "Invite to apply")
    invite_box.get_by_role("link", name="Invite to apply").click()
    expect(page.get_by_role("heading", name="Invite Sofie Peeters to apply")).to_be_visible()
    page.get_by_label("Vacancy").select_option(label="Scientist, flow cytometry (Leie Biologics)")
    page.get_by_label("Message").fill(INVITATION)
    page.get_by_role("button", name="Send the invitation").click()
    expect(flash(page)).to_contain_text("Sofie Peeters is invited to apply.")
    expect(section(page, "Invite to apply")).to_contain_text("Scientist, flow cytometry")
    expect(section(page, "Invite to apply").locator(".badge")).to_have_text("Sent")
    sign_out(page, server)

    # 5) She finds the invitation in her inbox, accepts and applies.
    sign_in(page, server, world["seeker"].email)
    page.get_by_role("banner").get_by_role("link", name=re.compile("Inbox")).click()
    expect(
        page.get_by_text("Leie Biologics invites you to apply: Scientist, flow cytometry")
    ).to_be_visible()
    page.goto(f"{server}/invitations/")
    card = page.locator("ul.cards > li", has_text="Scientist, flow cytometry")
    expect(card).to_contain_text(INVITATION)
    card.get_by_role("button", name="Accept and apply").click()
    expect(page).to_have_url(re.compile(r"/jobs/[\w-]+/#apply$"))
    apply_box = page.locator("#apply")
    apply_box.get_by_label("CV", exact=True).select_option(label="Sofie Peeters CV.pdf")
    apply_box.get_by_label("Cover letter").fill("Thank you for the invitation.")
    apply_box.get_by_role("button", name="Send application").click()
    expect(apply_box.locator(".badge")).to_have_text("Submitted")
    application = Application.objects.get()
    assert application.applicant == world["seeker"]
    sign_out(page, server)

    # 6) Only now does the organization learn more: the invitation shows she applied.
    sign_in(page, server, world["recruiter"].email)
    page.goto(f"{server}/invitations/sent/")
    row = page.locator("li", has_text="Scientist, flow cytometry")
    expect(row.locator(".badge")).to_have_text("Applied")
    assert InvitationToApply.objects.get().status == "accepted"
