"""Benchmark: match N job alerts against M newly published vacancies.

Everything is created in one transaction and rolled back at the end, so it can run against
any database the portal is configured for: `make bench` (PostgreSQL and Redis) or
`python manage.py bench_alerts --alerts 10000 --vacancies 1000`.
"""

import random
import time

from django.core.management import BaseCommand
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

SECTORS = ["health", "agrifood", "industrial", "medtech", "digital"]
CONTRACTS = ["permanent", "fixed_term", "internship", "phd", "postdoc", "freelance"]
EXPERIENCE = ["student", "junior", "medior", "senior"]
WORKPLACES = ["onsite", "hybrid", "remote"]
DISCIPLINES = ["molecular_biology", "bioinformatics", "immunology", "regulatory", "chemistry"]
CITIES = ["Ghent", "Leuven", "Antwerp", "Brussels", "Hasselt", "Mechelen", "Geel"]
WORDS = ["antibody", "crispr", "bioinformatics", "gmp", "clinical", "python", "protein", "vaccine"]


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time matching job alerts against newly published vacancies (data rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--alerts", type=int, default=10_000)
        parser.add_argument("--vacancies", type=int, default=1_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, alerts: int, vacancies: int, seed: int, **options):
        random.seed(seed)
        try:
            with transaction.atomic():
                self._run(alerts, vacancies)
                raise Rollback
        except Rollback:
            self.stdout.write("All benchmark data was rolled back.")

    def _step(self, message: str) -> float:
        self.stdout.write(message, ending="")
        self.stdout.flush()
        return time.perf_counter()

    def _done(self, started: float) -> None:
        self.stdout.write(f" {time.perf_counter() - started:.1f}s")

    def _run(self, alert_count: int, vacancy_count: int) -> None:
        from apps.accounts.models import User
        from apps.organizations.models import Organization, Sector
        from apps.vacancies.alerts import job_alerts_match
        from apps.vacancies.models import JobAlert, JobAlertMatch, Vacancy

        engine = connection.vendor
        self.stdout.write(f"Database: {engine}; {alert_count} alerts × {vacancy_count} vacancies")

        started = self._step(f"[1/4] {alert_count} users and alerts…")
        users = User.objects.bulk_create(
            [User(email=f"bench-{i}@bench.invalid", password="!") for i in range(alert_count)],
            batch_size=2000,
        )
        alerts = []
        for user in users:
            filters = {}
            for key, pool, chance in (
                ("sector", SECTORS, 0.6),
                ("contract", CONTRACTS, 0.5),
                ("experience", EXPERIENCE, 0.4),
                ("workplace", WORKPLACES, 0.2),
                ("discipline", DISCIPLINES, 0.3),
                ("city", CITIES, 0.4),
                ("q", WORDS, 0.3),
            ):
                if random.random() < chance:
                    filters[key] = random.choice(pool)
            alerts.append(JobAlert(user=user, name="bench", filters=filters, frequency="daily"))
        JobAlert.objects.bulk_create(alerts, batch_size=2000)
        self._done(started)

        started = self._step(f"[2/4] {vacancy_count} published vacancies…")
        organizations = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"Bench org {i}", slug=f"bench-org-{i}", kind="company", verified=True
                )
                for i in range(50)
            ]
        )
        now = timezone.now()
        created = Vacancy.objects.bulk_create(
            [
                Vacancy(
                    organization=random.choice(organizations),
                    title=f"{random.choice(WORDS).title()} scientist {i}",
                    slug=f"bench-vacancy-{i}",
                    description="<p>Work on {} and {}.</p>".format(*random.sample(WORDS, 2)),
                    city=random.choice(CITIES),
                    workplace=random.choice(WORKPLACES),
                    contract=random.choice(CONTRACTS),
                    experience=random.choice(EXPERIENCE),
                    discipline=random.choice(DISCIPLINES),
                    status="published",
                    published_at=now,
                    expires_at=now + timezone.timedelta(days=60),
                )
                for i in range(vacancy_count)
            ],
            batch_size=1000,
        )
        through = Vacancy.sectors.through
        sector_ids = list(Sector.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            [through(vacancy_id=v.pk, sector_id=random.choice(sector_ids)) for v in created],
            batch_size=2000,
        )
        self._done(started)

        started = self._step("[3/4] matching…")
        with CaptureQueriesContext(connection) as queries:
            began = time.perf_counter()
            job_alerts_match(vacancy_ids=[v.pk for v in created])
            elapsed = time.perf_counter() - began
        self._done(started)

        started = self._step("[4/4] counting…")
        match_count = JobAlertMatch.objects.filter(alert__name="bench").count()
        self._done(started)

        pairs = alert_count * vacancy_count
        self.stdout.write(self.style.SUCCESS("Summary"))
        self.stdout.write(f"  pairs considered      {pairs:>12,}")
        self.stdout.write(f"  matches recorded      {match_count:>12,}")
        self.stdout.write(f"  matching time         {elapsed:>11.2f}s")
        self.stdout.write(f"  queries               {len(queries):>12,}")
        self.stdout.write(f"  queries per pair      {len(queries) / pairs:>12.6f}")
        self.stdout.write(f"  pairs per second      {pairs / elapsed:>12,.0f}")
