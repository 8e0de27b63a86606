"""`manage.py seed_scale`: realistic data at scale, the same for the same seed."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from apps.accounts.models import User
from apps.organizations.models import Organization
from apps.talent.models import TalentProfile
from apps.talent.permissions import VISIBLE_TO_ORGANIZATIONS
from apps.vacancies.models import Vacancy, VacancyStatus
from apps.vacancies.selectors import live_vacancies, vacancy_search

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = io.StringIO()
    call_command(
        "seed_scale",
        stdout=out,
        **{"vacancies": 60, "organizations": 8, "profiles": 15, "seed": 7, **options},
    )
    return out.getvalue()


def snapshot() -> tuple:
    return (
        list(
            Organization.objects.filter(slug__startswith="scale-")
            .order_by("pk")
            .values_list("name", "city")
        ),
        list(
            Vacancy.objects.order_by("pk").values_list(
                "title", "city", "contract", "salary_min", "language"
            )
        ),
        list(TalentProfile.objects.order_by("user_id").values_list("headline", "skills")),
    )


def test_it_loads_live_searchable_data_and_reports_it():
    output = seed()
    assert "60 published vacancies" in output and "Summary" in output
    assert Organization.objects.filter(slug__startswith="scale-", verified=True).count() == 8
    assert live_vacancies().count() == 60
    assert (
        Vacancy.objects.filter(status=VacancyStatus.PUBLISHED, search_vector__isnull=True).count()
        == 0
    )
    assert Vacancy.objects.filter(sectors__isnull=True).count() == 0
    assert Vacancy.objects.filter(expires_at__lte=timezone.now()).count() == 0
    assert len(set(Vacancy.objects.values_list("title", flat=True))) > 30
    profiles = TalentProfile.objects.all()
    assert profiles.count() == 15
    assert set(profiles.values_list("visibility", flat=True)) <= set(VISIBLE_TO_ORGANIZATIONS)
    assert profiles.filter(search_vector__isnull=True).count() == 0
    title_word = Vacancy.objects.first().title.split(" – ")[1].split()[0]
    assert vacancy_search(live_vacancies(), title_word).exists()
    # In the three languages, each searchable with its own stemming.
    languages = dict(Vacancy.objects.values_list("language").annotate(n=Count("pk")))
    assert set(languages) == {"en", "nl", "fr"} and languages["en"] > languages["fr"]
    dutch = Vacancy.objects.filter(language="nl").first()
    role = dutch.title.split(" – ")[0].split()[0].lower()
    assert vacancy_search(live_vacancies(), role, filters={"language": "nl"}).exists()


def test_the_same_seed_gives_the_same_data():
    seed()
    first = snapshot()
    Organization.objects.filter(slug__startswith="scale-").delete()
    User.objects.filter(email__endswith="@scale.example.org").delete()
    seed()
    assert snapshot() == first
    Organization.objects.filter(slug__startswith="scale-").delete()
    User.objects.filter(email__endswith="@scale.example.org").delete()
    seed(seed=8)
    assert snapshot() != first


def test_it_refuses_to_load_twice():
    seed()
    with pytest.raises(CommandError, match="scale data already"):
        seed()
    assert Vacancy.objects.count() == 60
