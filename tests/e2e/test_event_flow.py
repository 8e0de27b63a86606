"""Events as people use them, in a real browser: register, waiting list, check-in, calendar."""

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.e2e.conftest import e2e_db, save_screenshot, sign_in, sign_out

pytestmark = [pytest.mark.e2e, e2e_db]

CAFE_TITLE = "BioBizz Cafe: from the lab bench to a spin-off"
CAFE_SLUG = "biobizz-cafe-lab-bench-to-spin-off"
PHONE = {"width": 390, "height": 844}


def flash(page: Page):
    """The messages Django shows at the top of the page after an action.

    Not ``get_by_role("status")`` alone: a cancelled or draft event also shows its state in
    a ``role="status"`` box.
    """
    return page.locator("ul.messages")


def section(page: Page, heading: str):
    return page.locator("section", has=page.get_by_role("heading", name=heading, exact=True))


def event_cards(page: Page):
    return page.locator("ul.cards > li")


def places(page: Page):
    """The "Places" line of an event page's facts."""
    return page.locator("dl.facts").locator("xpath=dt[normalize-space()='Places']/following::dd[1]")


def registration_box(page: Page):
    return section(page, "Registration")


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """A moment ``days`` from today at a Brussels wall-clock time."""
    day = timezone.localtime() + timedelta(days=days)
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def create_cafe(*, capacity: int = 2):
    """The BioBizz Cafe, organized by Leie Biologics; returns (event, organizer user)."""
    from apps.events.models import Event
    from apps.organizations.tests.factories import MembershipFactory

    organizer = MembershipFactory(
        role="owner",
        organization__verified=True,
        organization__name="Leie Biologics",
        organization__slug="leie-biologics",
        user__email="pieter.claes@leie-biologics.example",
        user__first_name="Pieter",
        user__last_name="Claes",
    ).user
    starts_at = at(days=12, hour=17, minute=30)
    cafe = Event.objects.create(
        title=CAFE_TITLE,
        slug=CAFE_SLUG,
        kind="biobizz_cafe",
        organizer=organizer.memberships.get().organization,
        status="published",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2, minutes=30),
        venue="Bio-Incubator Ghent",
        address="Technologiepark 3",
        city="Ghent",
        capacity=capacity,
        description="<p>Two founders tell how their research became a company.</p>",
        audience="PhD students and postdocs",
    )
    return cafe, organizer


def seed_other_events() -> None:
    """Other upcoming events of other kinds, so the list looks like the real one."""
    from apps.events.models import Event
    from apps.organizations.tests.factories import OrganizationFactory

    for days, kind, title, slug, venue, city, capacity, organization in (
        (
            5,
            "info_session",
            "Information session: regulatory affairs careers",
            "info-session-regulatory-affairs",
            "Campus Gasthuisberg",
            "Leuven",
            40,
            "Dijle Regulatory Consulting",
        ),
        (
            20,
            "training",
            "GMP basics for lab technicians",
            "gmp-basics-lab-technicians",
            "Antwerp Science Park",
            "Antwerp",
            15,
            "Schelde Training Institute",
        ),
        (
            27,
            "networking",
            "Biotech networking drinks",
            "biotech-networking-drinks",
            "De Koepel",
            "Mechelen",
            None,
            "Rupel Bio Network",
        ),
        (
            41,
            "conference",
            "Flanders Life Sciences Conference",
            "flanders-life-sciences-conference",
            "ICC Ghent",
            "Ghent",
            600,
            "Flanders Life Sciences Forum",
        ),
    ):
        starts_at = at(days=days, hour=9 if kind == "conference" else 14)
        Event.objects.create(
            title=title,
            slug=slug,
            kind=kind,
            organizer=OrganizationFactory(name=organization, verified=True),
            status="published",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=8 if kind == "conference" else 3),
            venue=venue,
            city=city,
            capacity=capacity,
        )


def open_cafe(page: Page, server: str) -> None:
    page.goto(f"{server}/events/{CAFE_SLUG}/")
    expect(page.get_by_role("heading", name=CAFE_TITLE, level=1)).to_be_visible()


def test_student_takes_the_last_place_and_the_waiting_list_moves_up(server, page: Page):
    from django.utils import dateformat

    from apps.accounts.tests.factories import UserFactory
    from apps.events.services import registration_create

    cafe, _organizer = create_cafe(capacity=2)
    seed_other_events()
    registration_create(user=UserFactory(first_name="Lotte", last_name="Maes"), event=cafe)
    student = UserFactory(
        email="sofie.peeters@ugent.example", first_name="Sofie", last_name="Peeters"
    )
    second = UserFactory(
        email="jonas.vermeulen@kuleuven.example", first_name="Jonas", last_name="Vermeulen"
    )

    # 1) A visitor sees one place left on the cafe's page, and must sign in to register.
    open_cafe(page, server)
    expect(page.locator("article p.meta")).to_have_text(
        "BioBizz Cafe · organized by Leie Biologics · for PhD students and postdocs"
    )
    expect(places(page)).to_have_text("1 place left")
    expect(registration_box(page)).to_contain_text("Sign in to register.")
    expect(registration_box(page).get_by_role("button")).to_have_count(0)

    # 2) The student signs in, finds the cafe in the list and registers for the last place.
    sign_in(page, server, student.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page).to_have_url(f"{server}/events/")
    expect(page.get_by_role("heading", name="Upcoming events", level=1)).to_be_visible()
    # Soonest first.
    expect(event_cards(page).get_by_role("heading", level=2)).to_have_text(
        [
            "Information session: regulatory affairs careers",
            CAFE_TITLE,
            "GMP basics for lab technicians",
            "Biotech networking drinks",
            "Flanders Life Sciences Conference",
        ]
    )
    cafe_card = event_cards(page).filter(has=page.get_by_role("link", name=CAFE_TITLE))
    when = dateformat.format(timezone.localtime(cafe.starts_at), "l j F Y, H:i")
    expect(cafe_card.locator("p.meta")).to_have_text(
        f"BioBizz Cafe · {when} · Ghent · Leie Biologics"
    )
    expect(cafe_card.locator("p.hint")).to_have_text("1 of 2 places taken")
    save_screenshot(page, "events.png")

    search = page.get_by_role("search")
    search.get_by_label("Kind").select_option(label="BioBizz Cafe")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{server}/events/?q=&kind=biobizz_cafe")
    expect(event_cards(page)).to_have_count(1)
    event_cards(page).get_by_role("link", name=CAFE_TITLE).click()

    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/")
    expect(page.get_by_role("heading", name=CAFE_TITLE, level=1)).to_be_visible()
    expect(places(page)).to_have_text("1 place left")
    registration_box(page).get_by_role("button", name="Register").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/")
    expect(flash(page)).to_have_text("You are registered. See you there!")
    expect(registration_box(page).get_by_text("You are registered", exact=True)).to_be_visible()
    expect(places(page)).to_have_text("Full · waiting list open")
    expect(
        registration_box(page).get_by_role("button", name="Cancel my registration")
    ).to_be_visible()
    sign_out(page, server)

    # 3) Someone else finds it full and joins the waiting list.
    sign_in(page, server, second.email)
    open_cafe(page, server)
    expect(places(page)).to_have_text("Full · waiting list open")
    expect(registration_box(page).get_by_role("button", name="Register")).to_have_count(0)
    registration_box(page).get_by_role("button", name="Join the waiting list").click()
    expect(flash(page)).to_have_text("The event is full: you are number 1 on the waiting list.")
    expect(registration_box(page)).to_contain_text("You are number 1 on the waiting list.")
    expect(registration_box(page).get_by_text("You are registered", exact=True)).to_have_count(0)
    expect(places(page)).to_have_text("Full · waiting list open")
    sign_out(page, server)

    # 4) The student cancels: the place goes to the first on the waiting list at once.
    sign_in(page, server, student.email)
    your_events = section(page, "Your events")
    expect(your_events.get_by_role("listitem")).to_have_count(1)
    expect(your_events.get_by_role("listitem")).to_contain_text(CAFE_TITLE)
    expect(your_events.locator(".badge")).to_have_text("Confirmed")
    open_cafe(page, server)
    registration_box(page).get_by_role("button", name="Cancel my registration").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/")
    expect(flash(page)).to_have_text("Your registration was cancelled.")
    expect(registration_box(page).get_by_text("You are registered", exact=True)).to_have_count(0)
    # The freed place was given to the waiting list, so the cafe stays full.
    expect(places(page)).to_have_text("Full · waiting list open")
    expect(
        registration_box(page).get_by_role("button", name="Join the waiting list")
    ).to_be_visible()
    sign_out(page, server)

    # 5) The second person now has the place: on the dashboard and on the cafe's page.
    sign_in(page, server, second.email)
    your_events = section(page, "Your events")
    expect(your_events.get_by_role("listitem")).to_have_count(1)
    expect(your_events.get_by_role("listitem")).to_contain_text(CAFE_TITLE)
    expect(your_events.locator(".badge")).to_have_text("Confirmed")
    your_events.get_by_role("link", name=CAFE_TITLE).click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/")
    expect(registration_box(page).get_by_text("You are registered", exact=True)).to_be_visible()
    expect(registration_box(page)).not_to_contain_text("waiting list")
    expect(places(page)).to_have_text("Full · waiting list open")


def test_organizer_checks_people_in_on_a_phone_and_exports_the_list(server, page: Page):
    from apps.accounts.tests.factories import UserFactory
    from apps.events.services import registration_create

    cafe, organizer = create_cafe(capacity=2)
    registration_create(user=UserFactory(first_name="Lotte", last_name="Maes"), event=cafe)
    second = UserFactory(
        email="jonas.vermeulen@kuleuven.example", first_name="Jonas", last_name="Vermeulen"
    )
    registration_create(user=second, event=cafe)
    registration_create(user=UserFactory(first_name="Emma", last_name="Jacobs"), event=cafe)

    page.set_viewport_size(PHONE)
    sign_in(page, server, organizer.email)
    open_cafe(page, server)
    organize = section(page, "Organize")
    expect(organize).to_contain_text("2 confirmed, 1 waiting.")
    organize.get_by_role("link", name="Check-in").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/check-in/")
    expect(page.get_by_role("heading", name="Check-in", level=1)).to_be_visible()
    expect(page.locator(".check-in p.meta")).to_have_text(f"{CAFE_TITLE} · 2 confirmed")
    people = page.locator("ul.check-in-list > li")
    expect(people).to_have_count(3)

    search = page.get_by_role("search")
    search.get_by_label("Name or email").fill("Vermeulen")
    search.get_by_role("button", name="Find").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/check-in/?q=Vermeulen")
    expect(people).to_have_count(1)
    jonas = people.first
    expect(jonas).to_contain_text("Jonas Vermeulen")
    expect(jonas).to_contain_text(second.email)
    jonas.get_by_role("button", name="Check in").click()

    # Back on the same search, ready for the next person.
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/check-in/?q=Vermeulen")
    expect(flash(page)).to_have_text("Jonas Vermeulen is checked in.")
    expect(people).to_have_count(1)
    expect(jonas.get_by_text("checked in")).to_be_visible()
    expect(jonas.get_by_role("button", name="Check in")).to_have_count(0)
    expect(search.get_by_label("Name or email")).to_have_value("Vermeulen")
    save_screenshot(page, "check-in.png")

    # The registrations page shows the check-in and exports every registration as CSV.
    page.goto(f"{server}/events/{CAFE_SLUG}/")
    section(page, "Organize").get_by_role("link", name="Registrations").click()
    expect(page).to_have_url(f"{server}/events/{CAFE_SLUG}/registrations/")
    expect(page.get_by_role("heading", name="Registrations", level=1)).to_be_visible()
    rows = page.get_by_role("table", name="Registrations").locator("tbody tr")
    expect(rows).to_have_count(3)
    jonas_row = rows.filter(has_text=second.email)
    expect(jonas_row.get_by_role("cell").nth(2)).to_have_text("Attended")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    assert download.suggested_filename == f"{CAFE_SLUG}-registrations.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    assert second.email in text
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["email"] for row in table if row["status"] == "attended"] == [second.email]
    jonas_line = next(row for row in table if row["email"] == second.email)
    assert jonas_line["name"] == "Jonas Vermeulen"
    assert jonas_line["checked_in_at"]
    assert sorted(row["status"] for row in table) == ["attended", "confirmed", "waitlisted"]


def test_visitor_downloads_the_cafe_calendar_file(server, page: Page):
    cafe, _organizer = create_cafe()

    response = page.request.get(f"{server}/events/{CAFE_SLUG}/calendar.ics")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert response.headers["content-disposition"] == f'attachment; filename="{CAFE_SLUG}.ics"'
    body = response.text()
    assert "BEGIN:VEVENT" in body
    assert "SUMMARY:BioBizz Cafe: from the lab bench to a spin-off" in body
    assert f"DTSTART;TZID=Europe/Brussels:{timezone.localtime(cafe.starts_at):%Y%m%dT%H%M%S}" in (
        body
    )
