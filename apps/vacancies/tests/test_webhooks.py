"""What the job board tells webhook receivers, in the transaction of each change, with the
data as the API shows it."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.vacancies import services
from apps.vacancies.models import Vacancy
from apps.vacancies.tests.factories import VacancyFactory, cv_for, published_vacancy
from apps.webhooks.models import WebhookDelivery
from apps.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db
EVERY_EVENT = [
    "vacancy.published",
    "vacancy.closed",
    "vacancy.expired",
    "application.received",
    "application.status_changed",
]


def sent(event_type: str) -> list[dict]:
    return [
        json.loads(delivery.body)
        for delivery in WebhookDelivery.objects.filter(event_type=event_type).order_by("created_at")
    ]


def test_publishing_closing_and_expiring_are_told_with_the_apis_representation():
    vacancy = VacancyFactory(pending=True)
    WebhookEndpointFactory(organization=vacancy.organization, events=EVERY_EVENT)
    portal_wide = WebhookEndpointFactory(organization=None, events=["vacancy.published"])
    WebhookEndpointFactory(events=EVERY_EVENT)  # another organization's: told nothing
    member = MembershipFactory(organization=vacancy.organization).user
    services.vacancy_approve(actor=UserFactory(is_staff=True), vacancy=vacancy)
    [own, everyone] = sent("vacancy.published")
    assert own == everyone
    api = APIClient().get(f"/api/v1/vacancies/{vacancy.slug}/").json()
    assert own["data"]["slug"] == vacancy.slug
    assert own["data"]["status"] == "published"
    assert set(own["data"]) == set(api)
    assert own["data"]["url"].endswith(reverse("vacancies:detail", kwargs={"slug": vacancy.slug}))
    assert {d.endpoint_id for d in WebhookDelivery.objects.all()} >= {portal_wide.pk}

    services.vacancy_close(actor=member, vacancy=vacancy)
    assert [body["data"]["status"] for body in sent("vacancy.closed")] == ["closed"]

    other = published_vacancy(organization=vacancy.organization)
    Vacancy.objects.filter(pk=other.pk).update(expires_at=other.published_at)
    services.vacancies_expire_due()
    assert [body["data"]["slug"] for body in sent("vacancy.expired")] == [other.slug]
    assert (
        WebhookDelivery.objects.filter(endpoint__organization__isnull=False)
        .exclude(endpoint__organization=vacancy.organization)
        .count()
        == 0
    )


def test_applications_are_told_to_the_organization_only():
    vacancy = published_vacancy()
    endpoint = WebhookEndpointFactory(organization=vacancy.organization, events=EVERY_EVENT)
    WebhookEndpointFactory(organization=None, events=["vacancy.published"])
    applicant = UserFactory()
    application = services.application_create(
        applicant=applicant, vacancy=vacancy, cv=cv_for(applicant), cover_letter="Hello"
    )
    [received] = sent("application.received")
    assert received["data"]["id"] == str(application.pk)
    assert received["data"]["applicant"]["email"] == applicant.email
    assert received["data"]["status"] == "submitted"
    member = MembershipFactory(organization=vacancy.organization).user
    services.application_change_status(actor=member, application=application, status="in_review")
    services.application_withdraw(actor=applicant, application=application)
    assert [b["data"]["status"] for b in sent("application.status_changed")] == [
        "in_review",
        "withdrawn",
    ]
    assert set(WebhookDelivery.objects.values_list("endpoint_id", flat=True)) == {endpoint.pk}
    # The deliveries are about the applicant: erasing the account erases them.
    assert set(WebhookDelivery.objects.values_list("about_id", flat=True)) == {applicant.pk}


def test_a_refused_change_tells_nobody():
    vacancy = VacancyFactory(pending=True, organization=OrganizationFactory(verified=True))
    WebhookEndpointFactory(organization=vacancy.organization, events=EVERY_EVENT)
    response = APIClient().post(f"/api/v1/vacancies/{vacancy.slug}/approve/")
    assert response.status_code in (401, 403)
    assert not WebhookDelivery.objects.exists()
