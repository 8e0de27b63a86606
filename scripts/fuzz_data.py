"""Objects with known slugs for `make fuzz`, made through the services on the fuzz database.

The fuzzer cannot guess slugs; with these it reaches the logic behind an existing event,
vacancy and organization (see scripts/schemathesis.toml) instead of stopping at a 404.
"""

from datetime import timedelta

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.events import services as events  # noqa: E402
from apps.organizations.models import Organization  # noqa: E402
from apps.vacancies import services as vacancies  # noqa: E402

with transaction.atomic():
    recruiter = User.objects.get(email="recruiter@example.org")
    staff = User.objects.get(email="admin@example.org")
    organization = (
        Organization.objects.filter(memberships__user=recruiter, verified=True)
        .order_by("pk")
        .first()
    )
    if organization is None:
        raise SystemExit("The demo recruiter owns no verified organization to fuzz.")
    starts = timezone.now() + timedelta(days=60)
    event = events.event_create(
        actor=recruiter,
        organizer=organization,
        publish=True,
        title="Fuzz open day",
        kind="networking",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        venue="Technologiepark",
        city="Ghent",
        online_url="https://meet.example.org/fuzz",
        capacity=50,
    )
    vacancy = vacancies.vacancy_create(
        actor=recruiter,
        organization=organization,
        title="Fuzz scientist",
        description="<p>Antibody discovery.</p>",
        city="Ghent",
        workplace="onsite",
        contract="permanent",
        experience="medior",
        discipline="molecular_biology",
    )
    vacancies.vacancy_approve(actor=staff, vacancy=vacancy)
    type(event).objects.filter(pk=event.pk).update(slug="fuzz-event")
    type(vacancy).objects.filter(pk=vacancy.pk).update(slug="fuzz-vacancy")
    Organization.objects.filter(pk=organization.pk).update(slug="fuzz-organization")
    print("Fuzz data: event fuzz-event, vacancy fuzz-vacancy, organization fuzz-organization")
