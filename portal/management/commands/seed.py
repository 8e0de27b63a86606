"""Load the ecosystem (and, outside production, the demo accounts) with progress."""

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
DEMO_CV = FIXTURES_DIR / "files" / "demo-cv.pdf"
ECOSYSTEM = ["ecosystem.json", "events.json"]
DEMO = ["demo.json"]


class Command(BaseCommand):
    help = "Load fixtures/ecosystem.json (and events) and, with --demo, fixtures/demo.json."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--demo", action="store_true", help="Also load the demo accounts (never in production)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the directory already holds organizations (safe at every start).",
        )

    def handle(self, *args: Any, demo: bool, if_empty: bool, **options: Any) -> None:
        from apps.organizations.models import Organization

        if if_empty and Organization.objects.exists():
            self.stdout.write("The directory already holds organizations: nothing loaded.")
            return
        names = list(ECOSYSTEM)
        if demo:
            if not settings.DEMO_DATA_ALLOWED:
                raise CommandError("Demo data is for local use only; these settings refuse it.")
            names += DEMO
        files = [FIXTURES_DIR / name for name in names if (FIXTURES_DIR / name).exists()]
        started = time.monotonic()
        counts: dict[str, int] = {}
        # Demo activity creates notices like real activity does; nobody should get the mail.
        quiet_mail = override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
        with quiet_mail, transaction.atomic():
            for index, path in enumerate(files, start=1):
                records = json.loads(path.read_text(encoding="utf-8"))
                self.stdout.write(f"[{index}/{len(files)}] {path.name}: {len(records)} records…")
                call_command("loaddata", str(path), verbosity=0)
                for record in records:
                    counts[record["model"]] = counts.get(record["model"], 0) + 1
            if demo:
                counts["talent.cv (demo file)"] = self._demo_cv()
                counts["vacancies (demo, through the services)"] = self._demo_vacancies()
                counts["registrations (demo, through the services)"] = self._demo_registrations()
                counts["meeting slots and meetings (demo)"] = self._demo_meetings()
                counts["invitations to apply (demo)"] = self._demo_invitations()
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Loaded {sum(counts.values())} records in {elapsed:.1f}s:")
        )
        for model, count in sorted(counts.items()):
            self.stdout.write(f"  {model:40} {count:5}")
        if demo:
            self.stdout.write("Demo sign-ins (password portal-demo-2026):")
            for email in (
                "admin@example.org",
                "recruiter@example.org",
                "seeker@example.org",
                "student@example.org",
            ):
                self.stdout.write(f"  {email}")

    def _demo_cv(self) -> int:
        """The demo seeker's CV, stored through the upload service like any other."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from apps.accounts.models import User
        from apps.talent.services import cv_upload

        seeker = User.objects.get(email="seeker@example.org")
        if seeker.talent_profile.cvs.exists():
            return 0
        upload = SimpleUploadedFile("Sofie Seeker CV.pdf", DEMO_CV.read_bytes(), "application/pdf")
        cv_upload(user=seeker, upload=upload)
        return 1

    def _demo_vacancies(self) -> int:
        """Sample vacancies of the demo company: four published, one waiting for review."""
        from apps.accounts.models import User
        from apps.organizations.models import Organization, Sector
        from apps.vacancies import services as vacancy_services
        from apps.vacancies.models import Vacancy

        company = Organization.objects.get(slug="leie-biologics")
        if Vacancy.objects.filter(organization=company).exists():
            return 0
        recruiter = User.objects.get(email="recruiter@example.org")
        admin = User.objects.get(email="admin@example.org")
        seeker = User.objects.get(email="seeker@example.org")
        health = list(Sector.objects.filter(slug__in=["health"]))
        created = []
        for index, (title, contract, experience, discipline, workplace, low, high) in enumerate(
            DEMO_VACANCIES
        ):
            vacancy = vacancy_services.vacancy_create(
                actor=recruiter,
                organization=company,
                sectors=health,
                title=title,
                description=DEMO_DESCRIPTION.format(title=title),
                city="Ghent",
                workplace=workplace,
                contract=contract,
                experience=experience,
                discipline=discipline,
                salary_min=low,
                salary_max=high,
            )
            if index < 4:
                vacancy = vacancy_services.vacancy_approve(actor=admin, vacancy=vacancy)
            created.append(vacancy)
        vacancy_services.application_create(
            applicant=seeker,
            vacancy=created[0],
            cv=seeker.talent_profile.cvs.get(is_primary=True),
            cover_letter="Demo application: I would love to bring my flow cytometry experience.",
            # So the demo company's own talent pool, and the seeker's privacy page, show it.
            talent_pool=True,
        )
        return len(created)

    def _demo_registrations(self) -> int:
        """The student and the seeker registered for upcoming events."""
        from django.utils import timezone

        from apps.accounts.models import User
        from apps.events.models import Event, Registration
        from apps.events.services import registration_create

        created = 0
        for email, slug in (
            ("student@example.org", "biobizz-cafe-ghent-2026"),
            ("seeker@example.org", "knowledge-for-growth-2027"),
            ("student@example.org", "opinno-information-session-2027"),
        ):
            user = User.objects.get(email=email)
            event = Event.objects.filter(slug=slug, starts_at__gt=timezone.now()).first()
            if event is None or Registration.objects.filter(event=event, user=user).exists():
                continue
            registration_create(user=user, event=event)
            created += 1
        return created

    def _demo_meetings(self) -> int:
        """The demo company meets students at the next BioBizz Cafe: six open slots, one of
        them booked by the seeker with their CV; both demo job seekers are visible to
        exhibitors."""
        from datetime import timedelta

        from django.utils import timezone

        from apps.accounts.models import User
        from apps.events.models import Event, EventStatus
        from apps.events.services import (
            event_set_participants,
            registration_create,
            registration_set_visibility,
        )
        from apps.jobfair.models import MeetingSlot
        from apps.jobfair.services import meeting_book, meeting_slots_open
        from apps.organizations.models import Organization

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
        admin = User.objects.get(email="admin@example.org")
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

    def _demo_invitations(self) -> int:
        """The demo recruiter invited the student, found in the talent pool, to apply."""
        from apps.accounts.models import User
        from apps.invitations.models import InvitationToApply
        from apps.invitations.services import invitation_send
        from apps.vacancies.models import Vacancy

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


DEMO_VACANCIES = [
    (
        "Senior scientist, antibody discovery",
        "permanent",
        "senior",
        "immunology",
        "onsite",
        65000,
        85000,
    ),
    (
        "Bioinformatician, single-cell data",
        "permanent",
        "medior",
        "bioinformatics",
        "hybrid",
        55000,
        70000,
    ),
    (
        "Internship: protein purification",
        "internship",
        "student",
        "molecular_biology",
        "onsite",
        None,
        None,
    ),
    ("PhD student in immuno-oncology", "phd", "junior", "immunology", "onsite", None, None),
    ("QA officer GMP manufacturing", "fixed_term", "medior", "regulatory", "onsite", 50000, 62000),
]
DEMO_DESCRIPTION = (
    "<p>Demo vacancy of a fictional company: <strong>{title}</strong>.</p>"
    "<p>You join a team of 30 people in Zwijnaarde that engineers antibodies for "
    "inflammatory diseases.</p>"
    "<ul><li>Work with state-of-the-art equipment</li><li>Collaborate with VIB research "
    "groups</li><li>Training budget and flexible hours</li></ul>"
)
