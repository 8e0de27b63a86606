"""Recruiters confirm before rejecting an applicant, and may give a reason the applicant sees."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.core.exceptions import ServiceError
from apps.organizations.tests.factories import MembershipFactory
from apps.vacancies import services
from apps.vacancies.models import Application
from apps.vacancies.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def application():
    application = ApplicationFactory(vacancy__title="Antibody engineer")
    application.member = MembershipFactory(organization=application.vacancy.organization).user
    return application


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_reason_is_kept_and_told_to_the_applicant(
    application, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_change_status(
            actor=application.member,
            application=application,
            status="rejected",
            reason="  We chose someone with GMP experience.  ",
        )
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.rejection_reason == "We chose someone with GMP experience."
    notice = application.applicant.notifications.get()
    assert "We chose someone with GMP experience." in notice.message
    assert "We chose someone with GMP experience." in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("status", "reason"), [("in_review", "Not a rejection"), ("rejected", "x" * 2001)]
)
def test_a_reason_only_goes_with_a_rejection_and_stays_short(application, status, reason):
    with pytest.raises(ServiceError) as error:
        services.application_change_status(
            actor=application.member, application=application, status=status, reason=reason
        )
    assert "reason" in error.value.detail
    assert Application.objects.get(pk=application.pk).status == "submitted"


def test_the_page_asks_to_confirm_before_rejecting(application):
    client = signed_in(application.member)
    page = client.get(
        reverse("vacancies:applications", kwargs={"slug": application.vacancy.slug})
    ).content.decode()
    step = page[page.index('<details class="reject-step">') :]
    step = step[: step.index("</details>")]
    assert "Reject…" in step and "Confirm: not selected" in step
    assert 'name="reason"' in step and 'value="rejected"' in step


def test_rejecting_from_the_page_shows_the_reason_to_the_applicant(application):
    response = signed_in(application.member).post(
        reverse("vacancies:application_status", kwargs={"application_id": application.pk}),
        {"status": "rejected", "reason": "The position was filled internally."},
    )
    assert response.status_code == 302
    page = (
        signed_in(application.applicant).get(reverse("vacancies:my_applications")).content.decode()
    )
    assert "Not selected" in page and "The position was filled internally." in page


def test_the_api_takes_a_reason(application):
    api = APIClient()
    api.force_authenticate(application.member)
    response = api.patch(
        f"/api/v1/applications/{application.pk}/",
        {"status": "rejected", "reason": "Too far from Ghent."},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["rejection_reason"] == "Too far from Ghent."
    refused = api.patch(
        f"/api/v1/applications/{application.pk}/",
        {"status": "hired", "reason": "x"},
        format="json",
    )
    assert refused.status_code in (400, 409)
