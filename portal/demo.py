"""A living demo cluster for local use: fictional companies with their jobs, applicants,
events, news and alerts, made through the same services as the pages.

The services stamp everything "now"; the demo then moves dates back (publication, sign-up,
an event that took place) so the board looks like weeks of activity. Those are the only
direct writes, and they touch nothing but timestamps.

`demo_populate` runs once: it does nothing when the first demo company exists, so a
second `make run` keeps whatever was changed since.
"""

import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.content.models import Page
from apps.content.services import news_item_create, page_update
from apps.core.html import markdown_to_html
from apps.events.models import Event, EventKind, EventStatus, Registration
from apps.events.services import (
    event_create,
    event_set_participants,
    registration_check_in,
    registration_create,
    registration_set_visibility,
)
from apps.invitations.models import InvitationToApply
from apps.invitations.services import invitation_send
from apps.jobfair.models import MeetingSlot
from apps.jobfair.services import meeting_book, meeting_slots_open
from apps.organizations.models import Organization, Sector
from apps.organizations.services import organization_create, organization_set_verified
from apps.talent.services import cv_upload, talent_profile_update
from apps.vacancies import services as vacancy_services
from apps.vacancies.alerts import job_alert_create
from apps.vacancies.models import Application, ApplicationStatus, Vacancy
from portal import demo_data

# The hash of "portal-demo-2026", as in fixtures/demo.json: hashing it for every demo
# person would cost a second each.
DEMO_PASSWORD_HASH = (
    "pbkdf2_sha256$1000000$portaldemo2026salt$QAsmQ1rG9nWYZbUcrK4t26ZdLXKkQDGSG/4/FTnY+eQ="
)
DEMO_CV = Path(settings.BASE_DIR) / "fixtures" / "files" / "demo-cv.pdf"
LOGO_COLOURS = ["#0b5d4b", "#1a5fb4", "#a35200", "#6b3fa0", "#a32020", "#2d6a8f"]
VACANCIES_PER_COMPANY = 7
SEED = 2026

Report = Callable[[str], None]


@dataclass(frozen=True)
class DemoCompany:
    organization: Organization
    owner: User
    disciplines: list[str]


def demo_populate(*, report: Report = print) -> dict[str, int]:
    """Make the demo cluster, once; returns what was made, by kind."""
    first_slug = demo_data.COMPANIES[0][1]
    if Organization.objects.filter(slug=first_slug).exists():
        report("The demo cluster exists already: nothing made.")
        return {}
    rng = random.Random(SEED)
    now = timezone.now()
    admin = User.objects.get(email="admin@example.org")
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["demo CVs"] = _seeker_cv()
        leie = _leie_vacancies(admin=admin)
        counts["Leie Biologics vacancies"] = len(leie)
        companies = _companies(admin=admin, rng=rng, report=report)
        counts["demo companies"] = len(companies)
        vacancies = _vacancies(companies, admin=admin, rng=rng, report=report) + leie
        counts["demo vacancies"] = len(vacancies)
        people = _people(rng=rng, now=now, report=report)
        counts["demo job seekers"] = len(people)
        counts["demo applications"] = _applications(people, vacancies, rng=rng, report=report)
        counts["demo registrations"] = _events(people, companies, admin=admin, now=now)
        counts["demo news items"] = _news(admin=admin, now=now)
        counts["pages translated (demo)"] = _about_translated(admin=admin)
        counts["demo job alerts"] = _alerts()
        counts["meeting slots and meetings (demo)"] = _job_fair_meetings(admin=admin)
        counts["invitations to apply (demo)"] = _invitations_to_apply()
    return counts


def _seeker_cv() -> int:
    """The demo seeker's CV, stored through the upload service like any other."""
    seeker = User.objects.get(email="seeker@example.org")
    if seeker.talent_profile.cvs.exists():
        return 0
    upload = SimpleUploadedFile("Sofie Seeker CV.pdf", DEMO_CV.read_bytes(), "application/pdf")
    cv_upload(user=seeker, upload=upload)
    return 1


def _leie_vacancies(*, admin: User) -> list[Vacancy]:
    """The demo recruiter's company: four published vacancies, one waiting for review."""
    company = Organization.objects.get(slug="leie-biologics")
    recruiter = User.objects.get(email="recruiter@example.org")
    health = list(Sector.objects.filter(slug="health"))
    published = []
    for index, (title, contract, experience, discipline, workplace, low, high) in enumerate(
        demo_data.LEIE_VACANCIES
    ):
        vacancy = vacancy_services.vacancy_create(
            actor=recruiter,
            organization=company,
            sectors=health,
            title=title,
            description=demo_data.LEIE_DESCRIPTION.format(title=title),
            city="Ghent",
            workplace=workplace,
            contract=contract,
            experience=experience,
            discipline=discipline,
            salary_min=low,
            salary_max=high,
        )
        if index < 4:
            published.append(vacancy_services.vacancy_approve(actor=admin, vacancy=vacancy))
            _backdate(vacancy, days=3 + 9 * index)
    student = User.objects.get(email="student@example.org")
    for slug in ("biobizz-cafe-ghent-2026", "opinno-information-session-2027"):
        event = Event.objects.filter(slug=slug, starts_at__gt=timezone.now()).first()
        if event is not None:
            registration_create(user=student, event=event)
    return published


def _backdate(vacancy: Vacancy, *, days: int, hours: int = 0) -> None:
    """Published that long ago, running its full lifetime from then."""
    published_at = timezone.now() - timedelta(days=days, hours=hours)
    Vacancy.objects.filter(pk=vacancy.pk).update(
        published_at=published_at,
        expires_at=published_at + timedelta(days=settings.VACANCY_LIFETIME_DAYS),
        created_at=published_at - timedelta(days=1),
        submitted_at=published_at - timedelta(days=1),
    )


def _logo(name: str, colour: str) -> SimpleUploadedFile:
    """A simple geometric logo, so the board shows logos next to generated monograms."""
    image = Image.new("RGB", (128, 128), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, 120, 120), radius=24, fill=colour)
    draw.ellipse((34, 34, 94, 94), fill="white")
    draw.ellipse((50, 50, 78, 78), fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile(f"{name}.png", buffer.getvalue(), "image/png")


def _demo_user(email: str, first_name: str, last_name: str) -> User:
    user = user_create(
        email=email,
        password=None,
        first_name=first_name,
        last_name=last_name,
        email_verified=True,
    )
    User.objects.filter(pk=user.pk).update(password=DEMO_PASSWORD_HASH)
    return user


def _companies(*, admin: User, rng: random.Random, report: Report) -> list[DemoCompany]:
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    companies = []
    for index, row in enumerate(demo_data.COMPANIES):
        name, slug, city, sector_slugs, size, founded, disciplines, does = row
        owner = _demo_user(f"{slug}@demo.example.org", "Hiring", "Team")
        company = organization_create(
            creator=owner,
            name=name,
            kind="company",
            sectors=[sectors[s] for s in sector_slugs],
            description=(
                f"A fictional company, part of the portal's demo data: it {does}.\n\n"
                "Not a real organization."
            ),
            city=city,
            founded_year=founded,
            size_band=size,
            # Every other company has a logo; the rest show a generated monogram.
            logo=_logo(slug, LOGO_COLOURS[index % len(LOGO_COLOURS)]) if index % 2 == 0 else None,
        )
        organization_set_verified(actor=admin, organization=company, verified=True)
        company.refresh_from_db()
        companies.append(DemoCompany(company, owner, disciplines))
    report(f"  {len(companies)} demo companies, each with a hiring team")
    return companies


def _what_it_does(company: Organization) -> str:
    return company.description.split(": it ", 1)[-1].split(".")[0]


def _description_nl(company: Organization, title: str, discipline: str, experience: str) -> str:
    tasks = "\n".join(f"- {task}" for task in demo_data.TASKS_NL[discipline])
    profile = "\n".join(f"- {line}" for line in demo_data.PROFILES_NL[experience])
    offers = "\n".join(f"- {line}" for line in demo_data.OFFERS_NL)
    return (
        f"*Demovacature van een fictief bedrijf.* {company.name} groeit. Voor ons team in "
        f"{demo_data.CITIES_NL.get(company.city, company.city)} zoeken wij een "
        f"**{title[0].lower() + title[1:]}**.\n\n"
        f"Wat u doet:\n{tasks}\n\n"
        f"Wie u bent:\n{profile}\n\n"
        f"Wat wij u bieden:\n{offers}\n\n"
        "Vragen? Solliciteer via het portaal: het selectieteam antwoordt binnen een week."
    )


def _description_fr(company: Organization, title: str, discipline: str, experience: str) -> str:
    tasks = "\n".join(f"- {task}" for task in demo_data.TASKS_FR[discipline])
    profile = "\n".join(f"- {line}" for line in demo_data.PROFILES_FR[experience])
    offers = "\n".join(f"- {line}" for line in demo_data.OFFERS_FR)
    return (
        f"*Offre de démonstration d'une entreprise fictive.* {company.name} se développe. "
        f"Pour renforcer notre équipe à {demo_data.CITIES_FR.get(company.city, company.city)}, "
        f"nous recherchons un ou une **{title[0].lower() + title[1:]}**.\n\n"
        f"Vos missions :\n{tasks}\n\n"
        f"Votre profil :\n{profile}\n\n"
        f"Ce que nous vous offrons :\n{offers}\n\n"
        "Des questions ? Postulez via le portail : l'équipe de recrutement vous répond "
        "dans la semaine."
    )


def _in_language(
    rng: random.Random, company: Organization, title: str, discipline: str, experience: str
) -> tuple[str, str, str]:
    """(language, title, description): most demo vacancies are in English, as in the
    cluster; about a quarter of the Flemish companies' are in Dutch, and some in French,
    most of all in Brussels."""
    french_share = 0.5 if company.city == "Brussels" else 0.08
    dutch_share = 0.0 if company.city == "Brussels" else 0.3
    draw = rng.random()
    if draw < french_share and title in demo_data.TITLES_FR:
        french = demo_data.TITLES_FR[title]
        return "fr", french, _description_fr(company, french, discipline, experience)
    if draw < french_share + dutch_share and title in demo_data.TITLES_NL:
        dutch = demo_data.TITLES_NL[title]
        return "nl", dutch, _description_nl(company, dutch, discipline, experience)
    return "en", title, _description(company, title, discipline, experience)


def _description(company: Organization, title: str, discipline: str, experience: str) -> str:
    tasks = "\n".join(f"- {task}" for task in demo_data.TASKS[discipline])
    profile = "\n".join(f"- {line}" for line in demo_data.PROFILES[experience])
    offers = "\n".join(f"- {line}" for line in demo_data.OFFERS[:4])
    return (
        f"*Demo vacancy of a fictional company.* {company.name} "
        f"{_what_it_does(company)}. "
        f"We are looking for a **{title[0].lower() + title[1:]}** to join the team "
        f"in {company.city}.\n\n"
        f"What you will do:\n{tasks}\n\n"
        f"Who you are:\n{profile}\n\n"
        f"What we offer:\n{offers}\n\n"
        "Questions? Apply through the portal and the hiring team answers within a week."
    )


def _vacancies(
    companies: list[DemoCompany],
    *,
    admin: User,
    rng: random.Random,
    report: Report,
) -> list[Vacancy]:
    published: list[Vacancy] = []
    # A generator of its own, so the rest of the demo stays as it was.
    languages = random.Random("demo:languages")
    for company_index, demo in enumerate(companies):
        company, owner = demo.organization, demo.owner
        sectors = list(company.sectors.all())
        choices = [
            (discipline, row)
            for discipline in demo.disciplines
            for row in demo_data.TITLES[discipline]
        ]
        rng.shuffle(choices)
        extra = 1 if company_index % 3 == 0 else 0  # one waits for review
        for number, (discipline, (title, experience, contract, workplace)) in enumerate(
            choices[: VACANCIES_PER_COMPANY + extra]
        ):
            low, high = demo_data.SALARIES[experience]
            if low is None or high is None or rng.random() < 0.25:
                low, high = None, None  # not every company says what it pays
            else:
                step = rng.choice([0, 2000, 4000])
                low, high = low + step, high + step
            language, title, description = _in_language(
                languages, company, title, discipline, experience
            )
            vacancy = vacancy_services.vacancy_create(
                actor=owner,
                organization=company,
                sectors=sectors,
                title=title,
                language=language,
                description=description,
                city=company.city,
                workplace=workplace,
                contract=contract,
                experience=experience,
                discipline=discipline,
                salary_min=low,
                salary_max=high,
            )
            if number >= VACANCIES_PER_COMPANY:
                continue
            vacancy = vacancy_services.vacancy_approve(actor=admin, vacancy=vacancy)
            # Spread over the last eight weeks: some are new today, some close this week.
            _backdate(vacancy, days=rng.randint(0, 55), hours=rng.randint(0, 9))
            published.append(vacancy)
        if company_index == 1:
            vacancy_services.vacancy_close(actor=owner, vacancy=published[-1])
            published.pop()
    report(f"  {len(published)} published demo vacancies")
    return published


def _people(*, rng: random.Random, now: datetime, report: Report) -> list[User]:
    cv_bytes = DEMO_CV.read_bytes()
    people = []
    for row in demo_data.PEOPLE:
        first, last, headline, city, disciplines, skills, education, years, visibility = row
        email = f"{first}.{last}".lower().replace(" ", "") + "@demo.example.org"
        person = _demo_user(email, first, last)
        talent_profile_update(
            user=person,
            headline=headline,
            summary=f"Demo profile of a fictional person. {headline}, based in {city}.",
            skills=skills,
            disciplines=disciplines,
            languages=["nl", "en"] if rng.random() < 0.7 else ["fr", "en"],
            education_level=education,
            years_of_experience=years,
            city=city,
            visibility=visibility,
        )
        cv_upload(
            user=person,
            upload=SimpleUploadedFile(f"{first} {last} CV.pdf", cv_bytes, "application/pdf"),
        )
        joined = now - timedelta(days=rng.randint(10, 120))
        User.objects.filter(pk=person.pk).update(date_joined=joined)
        people.append(person)
    people += list(User.objects.filter(email="seeker@example.org"))
    report(f"  {len(people)} job seekers with a profile and a CV")
    return people


# Where each application ends up, in turn, so every status is on the board.
APPLICATION_PATHS: list[list[str]] = [
    [],
    [ApplicationStatus.IN_REVIEW],
    [ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED],
    [ApplicationStatus.REJECTED],
    [ApplicationStatus.SHORTLISTED, ApplicationStatus.HIRED],
    ["withdrawn"],
    [ApplicationStatus.IN_REVIEW, ApplicationStatus.REJECTED],
]


def _apply(person: User, vacancy: Vacancy, path: list[str], *, talent_pool: bool) -> None:
    """Apply with the person's CV, then move the application along `path`."""
    cv = person.talent_profile.cvs.get(is_primary=True)
    application = vacancy_services.application_create(
        applicant=person,
        vacancy=vacancy,
        cv=cv,
        cover_letter=(
            f"Demo application. I would like to join {vacancy.organization.name} as "
            f"{vacancy.title.lower()}: my experience fits the tasks you describe."
        ),
        talent_pool=talent_pool,
    )
    owner = vacancy.organization.memberships.get(role="owner").user
    for status in path:
        if status == "withdrawn":
            vacancy_services.application_withdraw(actor=person, application=application)
        else:
            vacancy_services.application_change_status(
                actor=owner, application=application, status=status
            )


def _applications(
    people: list[User], vacancies: list[Vacancy], *, rng: random.Random, report: Report
) -> int:
    made = 0
    for person in people:
        for vacancy in rng.sample(vacancies, 4):
            if not vacancy.applies_in_portal:
                continue
            # Every other applicant also stays in the organization's own talent pool.
            _apply(
                person,
                vacancy,
                APPLICATION_PATHS[made % len(APPLICATION_PATHS)],
                talent_pool=made % 2 == 0,
            )
            made += 1
    # The demo recruiter's company receives an application in every status as well.
    leie = [vacancy for vacancy in vacancies if vacancy.organization.slug == "leie-biologics"]
    for index, path in enumerate(APPLICATION_PATHS):
        person = people[index]
        applied = set(person.applications.values_list("vacancy_id", flat=True))
        vacancy = next(v for v in leie[index:] + leie[:index] if v.pk not in applied)
        _apply(person, vacancy, path, talent_pool=index % 2 == 0)
        made += 1
    report(f"  {made} applications, in every status, half of them in the talent pool")
    return Application.objects.filter(applicant__in=people).count()


def _events(people: list[User], companies: list[DemoCompany], *, admin: User, now: datetime) -> int:
    host = companies[0].organization
    second = companies[1].organization
    soon = (now + timedelta(days=12)).replace(hour=17, minute=0, second=0, microsecond=0)
    full = event_create(
        actor=admin,
        organizer=host,
        publish=True,
        title=f"BioBizz Cafe at {host.name}",
        kind=EventKind.BIOBIZZ_CAFE,
        starts_at=soon,
        ends_at=soon + timedelta(hours=3),
        venue=f"{host.name}, canteen",
        city=host.city,
        description=markdown_to_html(
            "*Demo event.* An evening for students and young researchers to meet the "
            "company's scientists over drinks. Places are few: a waiting list opens when "
            "it is full."
        ),
        capacity=8,
        waitlist_enabled=True,
    )
    # Eight places, eleven people: three wait in line.
    for person in people[:11]:
        registration_create(user=person, event=full)

    start = (now + timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    past = event_create(
        actor=admin,
        organizer=second,
        publish=True,
        title=f"Open lab day at {second.name}",
        kind=EventKind.NETWORKING,
        starts_at=start,
        ends_at=start + timedelta(hours=6),
        venue=f"{second.name}, labs",
        city=second.city,
        description=markdown_to_html("*Demo event.* Tours of the labs and short talks."),
        capacity=40,
    )
    for person in people[3:9]:
        registration = registration_create(user=person, event=past)
        if person.pk % 3:
            registration_check_in(actor=admin, registration=registration)
    # It took place three weeks ago.
    held = now - timedelta(days=21)
    Event.objects.filter(pk=past.pk).update(
        starts_at=held, ends_at=held + timedelta(hours=6), created_at=held - timedelta(days=30)
    )

    for person, slug in zip(
        people[5:],
        ["knowledge-for-growth-2027", "biobizz-cafe-ghent-2026", "opinno-information-session-2027"]
        * 3,
        strict=False,
    ):
        event = Event.objects.filter(slug=slug, starts_at__gt=now).first()
        if event and not Registration.objects.filter(event=event, user=person).exists():
            registration_create(user=person, event=event)
    return Registration.objects.filter(user__in=people).count()


def _news(*, admin: User, now: datetime) -> int:
    for index, (title, summary, body, days_ago, event_slug) in enumerate(demo_data.NEWS):
        # The first one also in Dutch and French; the others fall back to English.
        translations: dict[str, Any] = demo_data.NEWS_TRANSLATIONS if index == 0 else {}
        news_item_create(
            actor=admin,
            title=title,
            summary=summary,
            body=markdown_to_html(body),
            published_at=now - timedelta(days=days_ago),
            events=Event.objects.filter(slug=event_slug) if event_slug else (),
            **translations,
        )
    return len(demo_data.NEWS)


def _about_translated(*, admin: User) -> int:
    """The about page in Dutch and French too, unless staff already translated it."""
    page = Page.objects.filter(slug="about").first()
    if page is None or getattr(page, "title_nl", None):
        return 0
    page_update(actor=admin, page=page, **demo_data.ABOUT_TRANSLATIONS)
    return 1


def _alerts() -> int:
    alerts = [
        ("seeker@example.org", {"q": "immunology"}, "daily"),
        ("seeker@example.org", {"city": "Ghent", "experience": "medior"}, "weekly"),
        ("student@example.org", {"contract": "internship"}, "instant"),
        ("lotte.janssens@demo.example.org", {"q": "bioinformatics"}, "daily"),
    ]
    for email, filters, frequency in alerts:
        job_alert_create(user=User.objects.get(email=email), filters=filters, frequency=frequency)
    return len(alerts)


def _job_fair_meetings(*, admin: User) -> int:
    """The demo company meets students at the next BioBizz Cafe: six open slots, one of
    them booked by the seeker with their CV; both demo job seekers are visible to
    exhibitors."""
    cafe = (
        Event.objects.filter(
            kind="biobizz_cafe", status=EventStatus.PUBLISHED, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    if cafe is None or MeetingSlot.objects.filter(event=cafe).exists():
        return 0
    company = Organization.objects.get(slug="leie-biologics")
    recruiter = User.objects.get(email="recruiter@example.org")
    taking_part = [(p.organization, p.role) for p in cafe.participations.all()]
    event_set_participants(
        actor=admin, event=cafe, participants=[*taking_part, (company, "exhibitor")]
    )
    slots = meeting_slots_open(
        actor=recruiter,
        event=cafe,
        organization=company,
        starts_at=cafe.starts_at + timedelta(minutes=15),
        duration_minutes=15,
        count=6,
        location="Leie Biologics table",
    )
    for email in ("seeker@example.org", "student@example.org"):
        person = User.objects.get(email=email)
        if not cafe.registrations.filter(user=person).exists():
            registration_create(user=person, event=cafe, visible_to_exhibitors=True)
        registration_set_visibility(user=person, event=cafe, visible=True)
    seeker = User.objects.get(email="seeker@example.org")
    meeting_book(
        attendee=seeker,
        slot=slots[1],
        message="I would like to hear how your immunology team works with VIB.",
        cv=seeker.talent_profile.cvs.get(is_primary=True),
    )
    return len(slots) + 1


def _invitations_to_apply() -> int:
    """The demo recruiter invited the student, found in the talent pool, to apply."""
    student = User.objects.get(email="student@example.org")
    vacancy = Vacancy.objects.filter(
        organization__slug="leie-biologics", contract="internship", status="published"
    ).first()
    if vacancy is None or InvitationToApply.objects.filter(invitee=student).exists():
        return 0
    invitation_send(
        actor=User.objects.get(email="recruiter@example.org"),
        profile=student.talent_profile,
        vacancy=vacancy,
        message="Your protein purification skills fit our internship. Would you apply?",
    )
    return 1
