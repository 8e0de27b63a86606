from datetime import timedelta

import factory
from django.conf import settings
from django.utils import timezone

from apps.accounts.tests.factories import UserFactory
from apps.organizations.models import Sector
from apps.organizations.tests.factories import OrganizationFactory
from apps.talent.models import CV, TalentProfile
from apps.talent.tests.factories import CVFactory, TalentProfileFactory
from apps.vacancies.models import AlertFrequency, Application, JobAlert, Vacancy, VacancyStatus


class VacancyFactory(factory.django.DjangoModelFactory):
    """A vacancy made through the model (no workflow rows); a draft unless a trait says so.

    `VacancyFactory(published=True)` is live for the configured lifetime;
    `sectors=["health", ...]` sets the sectors. PostgreSQL keeps the search vector.
    """

    class Meta:
        model = Vacancy
        skip_postgeneration_save = True

    organization = factory.SubFactory(OrganizationFactory, verified=True)
    created_by = None
    title = factory.Sequence(lambda n: f"Scientist {n}")
    slug = factory.Sequence(lambda n: f"scientist-{n}")
    description = "<p>Join our <strong>research</strong> team.</p>"
    description_markdown = "Join our **research** team."
    city = "Ghent"
    workplace = "onsite"
    contract = "permanent"
    experience = "medior"
    discipline = "molecular_biology"
    status = VacancyStatus.DRAFT

    class Params:
        published = factory.Trait(
            status=VacancyStatus.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            expires_at=factory.LazyAttribute(
                lambda vacancy: (
                    vacancy.published_at + timedelta(days=settings.VACANCY_LIFETIME_DAYS)
                )
            ),
        )
        pending = factory.Trait(
            status=VacancyStatus.PENDING_REVIEW,
            submitted_at=factory.LazyFunction(timezone.now),
        )

    @factory.post_generation
    def sectors(vacancy, create, extracted, **kwargs):
        if create:
            slugs = extracted if extracted is not None else ["health"]
            vacancy.sectors.set(Sector.objects.filter(slug__in=slugs))


def published_vacancy(**kwargs) -> Vacancy:
    return VacancyFactory(published=True, **kwargs)


def cv_for(user, **kwargs) -> CV:
    """A CV of the user's, on their existing talent profile or a new one."""
    profile = TalentProfile.objects.filter(user=user).first() or TalentProfileFactory(user=user)
    kwargs.setdefault("is_primary", not profile.cvs.exists())
    return CVFactory(profile=profile, **kwargs)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application to a live vacancy with a CV of the applicant's own."""

    class Meta:
        model = Application

    vacancy = factory.SubFactory(VacancyFactory, published=True)
    applicant = factory.SubFactory(UserFactory)
    cv = factory.LazyAttribute(lambda application: cv_for(application.applicant))
    cover_letter = "I would love to work with you."


def job_board() -> dict:
    """Four live vacancies spread over every facet, and four that are never listed."""
    vib = OrganizationFactory(name="VIB", slug="vib", verified=True)
    janssen = OrganizationFactory(name="Janssen Pharmaceutica", slug="janssen", verified=True)
    basf = OrganizationFactory(name="BASF", slug="basf", verified=True)
    now = timezone.now()
    published_vacancy(
        organization=vib,
        title="Bioinformatician",
        slug="bioinformatician",
        description="<p>Single-cell pipelines.</p>",
        sectors=["health", "digital"],
        contract="permanent",
        experience="senior",
        workplace="hybrid",
        city="Ghent",
        discipline="bioinformatics",
        published_at=now - timedelta(days=10),
    )
    published_vacancy(
        organization=janssen,
        title="Process engineer",
        slug="process-engineer",
        description="<p>Upstream manufacturing of vaccines.</p>",
        sectors=["health"],
        contract="fixed_term",
        experience="medior",
        workplace="onsite",
        city="Beerse",
        discipline="bioprocess",
        published_at=now - timedelta(days=3),
    )
    published_vacancy(
        organization=vib,
        title="PhD student plant genomics",
        slug="phd-plant-genomics",
        description="<p>Gene editing of maize.</p>",
        sectors=["agrifood"],
        contract="phd",
        experience="student",
        workplace="onsite",
        city="Ghent",
        discipline="plant_science",
        published_at=now - timedelta(days=1),
    )
    published_vacancy(
        organization=basf,
        title="Data steward",
        slug="data-steward",
        description="<p>FAIR data for crop trials.</p>",
        sectors=["agrifood", "digital"],
        contract="freelance",
        experience="junior",
        workplace="remote",
        city="Ghent",
        discipline="bioinformatics",
        published_at=now - timedelta(days=20),
    )
    # Never listed: not published, or no longer open.
    VacancyFactory(organization=vib, title="Draft bioinformatician", slug="draft")
    VacancyFactory(organization=vib, title="Pending bioinformatician", slug="pending", pending=True)
    published_vacancy(
        organization=vib, title="Closed bioinformatician", slug="closed", status="closed"
    )
    past = published_vacancy(organization=vib, title="Old bioinformatician", slug="past")
    Vacancy.objects.filter(pk=past.pk).update(expires_at=now - timedelta(minutes=1))
    return {"vib": vib, "janssen": janssen, "basf": basf}


class JobAlertFactory(factory.django.DjangoModelFactory):
    """An active alert; `filters={"q": "antibody"}`, `frequency="instant"` as needed."""

    class Meta:
        model = JobAlert

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Alert {n}")
    filters = factory.LazyFunction(dict)
    frequency = AlertFrequency.DAILY
    is_active = True
