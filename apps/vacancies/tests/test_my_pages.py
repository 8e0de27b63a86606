"""One's own applications, one's organization's vacancies, and the applications received."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies.tests.factories import ApplicationFactory, VacancyFactory, published_vacancy

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_my_applications_lists_mine_only():
    mine = ApplicationFactory(vacancy__title="Lab technician")
    ApplicationFactory(vacancy__title="Somebody else's job")
    page = signed_in(mine.applicant).get(reverse("vacancies:my_applications")).content.decode()
    assert "Lab technician" in page and "Somebody else&#x27;s job" not in page
    assert "Submitted" in page and "Withdraw" in page


def test_our_vacancies_lists_every_status_of_our_organizations():
    membership = MembershipFactory(organization__verified=True)
    published_vacancy(organization=membership.organization, title="Published one")
    VacancyFactory(organization=membership.organization, title="Draft one")
    VacancyFactory(title="Another organization's")
    page = signed_in(membership.user).get(reverse("vacancies:mine")).content.decode()
    assert "Published one" in page and "Draft one" in page
    assert "Another organization" not in page
    assert 'href="/en/jobs/new/"' in page


def test_applications_received_filter_by_status_and_exclude_other_organizations():
    membership = MembershipFactory(organization__verified=True)
    submitted = ApplicationFactory(vacancy__organization=membership.organization)
    hired = ApplicationFactory(vacancy__organization=membership.organization, status="hired")
    ApplicationFactory()
    client = signed_in(membership.user)
    page = client.get(reverse("vacancies:received")).content.decode()
    assert submitted.applicant.display_name in page and hired.applicant.display_name in page
    page = client.get(reverse("vacancies:received") + "?status=hired").content.decode()
    assert hired.applicant.display_name in page
    assert submitted.applicant.display_name not in page
    assert client.get(reverse("vacancies:received") + "?status=nonsense").status_code == 200


def test_a_job_seeker_gets_empty_recruiting_pages_not_errors():
    client = signed_in(UserFactory())
    assert "No applications yet" in client.get(reverse("vacancies:received")).content.decode()
    assert "no vacancies yet" in client.get(reverse("vacancies:mine")).content.decode()


def test_the_lists_cost_the_same_queries_whatever_their_length():
    membership = MembershipFactory(organization__verified=True)
    organization = membership.organization
    seeker = UserFactory()
    ApplicationFactory(vacancy__organization=organization, applicant=seeker)
    client, own = signed_in(membership.user), signed_in(seeker)
    before = [
        queries(client, reverse("vacancies:received")),
        queries(client, reverse("vacancies:mine")),
        queries(own, reverse("vacancies:my_applications")),
    ]
    for _ in range(5):
        ApplicationFactory(vacancy__organization=organization, applicant=seeker)
    after = [
        queries(client, reverse("vacancies:received")),
        queries(client, reverse("vacancies:mine")),
        queries(own, reverse("vacancies:my_applications")),
    ]
    assert before == after
