"""Job cards: logo or monogram, relative dates, closing date and the salary in words."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.core.templatetags.portal import days_ago, initials, monogram_colour
from apps.organizations.tests.factories import OrganizationFactory
from apps.vacancies.models import Vacancy
from apps.vacancies.templatetags.jobs import salary_text
from apps.vacancies.tests.factories import published_vacancy


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (48000, 60000, "€48,000–€60,000 a year"),
        (50000, None, "From €50,000 a year"),
        (None, 70000, "Up to €70,000 a year"),
        (55000, 55000, "€55,000 a year"),
        (None, None, ""),
    ],
)
def test_salary_in_words(low, high, text):
    assert salary_text(Vacancy(salary_min=low, salary_max=high)) == text


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "today"), (1, "yesterday"), (3, "3 days ago"), (15, "2 weeks ago"), (90, "3 months ago")],
)
def test_relative_days(days, text):
    assert days_ago(timezone.now() - timedelta(days=days)) == text


def test_monograms_are_initials_in_a_colour_of_their_own():
    assert initials("Scheldt Antibodies (demo)") == "SA"
    assert initials("imec") == "I"
    assert initials("") == "?"
    assert monogram_colour("VIB") == monogram_colour("VIB")
    assert 0 <= monogram_colour("UCB") < 6


@pytest.mark.django_db
def test_a_card_shows_the_facts_at_a_glance():
    organization = OrganizationFactory(name="Nete Cell Therapies", verified=True)
    vacancy = published_vacancy(
        organization=organization,
        title="Upstream process engineer",
        salary_min=48000,
        salary_max=60000,
    )
    Vacancy.objects.filter(pk=vacancy.pk).update(
        published_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() + timedelta(days=20),
    )
    vacancy.refresh_from_db()
    page = Client().get(reverse("vacancies:list")).content.decode()
    card = page[page.index('<li class="job-card">') :]
    card = card[: card.index("</li>")]
    assert 'class="org-logo monogram' in card and ">NC</span>" in card
    assert "3 days ago" in card
    assert f"Closes {vacancy.expires_at.astimezone(timezone.get_current_timezone()):%-d %b}" in card
    assert "€48,000–€60,000 a year" in card
