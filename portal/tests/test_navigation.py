"""The menu by role: each person sees their own entries, and every entry opens (no 403)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

SEEKING = {"dashboard", "applications", "profile", "alerts", "events", "email", "settings"}
RECRUITING = {"organization", "vacancies", "received"}


def menu(client: Client) -> dict[str, str]:
    """The personal menu's entries on the home page: {name: url}."""
    page = client.get(reverse("home")).content.decode()
    return {name: url for url, name in re.findall(r'<a href="([^"]+)" data-menu="([^"]+)"', page)}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def roles() -> dict[str, Client]:
    seeker = UserFactory()
    unverified = MembershipFactory(role="owner", organization__verified=False).user
    recruiter = MembershipFactory(role="recruiter", organization__verified=True).user
    staff = UserFactory(is_staff=True, is_superuser=True)
    return {
        "seeker": signed_in(seeker),
        "unverified": signed_in(unverified),
        "recruiter": signed_in(recruiter),
        "staff": signed_in(staff),
    }


def test_each_role_sees_its_own_entries(roles):
    assert set(menu(roles["seeker"])) == SEEKING
    assert set(menu(roles["unverified"])) == SEEKING | RECRUITING
    assert set(menu(roles["recruiter"])) == SEEKING | RECRUITING | {"post", "talent"}
    assert set(menu(roles["staff"])) >= SEEKING | {"console", "moderation", "statistics", "admin"}


@pytest.mark.parametrize("role", ["seeker", "unverified", "recruiter", "staff"])
def test_every_entry_of_every_role_opens(roles, role):
    client = roles[role]
    entries = menu(client)
    assert entries
    for name, url in entries.items():
        response = client.get(url)
        assert response.status_code == 200, (role, name, url, response.status_code)


def test_a_job_seeker_sees_no_recruiting_link_anywhere():
    client = signed_in(UserFactory())
    for path in (reverse("home"), reverse("vacancies:list"), reverse("dashboard")):
        page = client.get(path).content.decode()
        assert 'href="/en/talent/"' not in page, path
        assert 'href="/en/jobs/new/"' not in page, path
        assert "Post a vacancy" not in page, path


def test_signed_out_people_see_sign_in_and_sign_up_and_no_menu():
    page = Client().get(reverse("home")).content.decode()
    assert 'href="/en/accounts/login/"' in page and 'href="/en/accounts/signup/"' in page
    assert "data-menu=" not in page


def test_the_menu_collapses_behind_a_button_that_needs_no_javascript():
    page = Client().get(reverse("home")).content.decode()
    assert re.search(r'<details class="site-menu">\s*<summary class="menu-button">', page)
    assert "<script>" not in page and "onclick" not in page
