"""After an applicant withdraws, the organization keeps the fact and the date, and nothing
the applicant sent: no letter, no CV, no name or address."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.organizations.tests.factories import MembershipFactory
from apps.talent.tests.factories import CVFactory
from apps.vacancies.models import Application
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db
LETTER = "I would love to join your antibody team."


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def withdrawn():
    vacancy = published_vacancy()
    member = MembershipFactory(organization=vacancy.organization).user
    cv = CVFactory(profile__user__email="jan.peeters@example.org", profile__visibility="private")
    applicant = cv.profile.user
    response = signed_in(applicant).post(
        f"/api/v1/vacancies/{vacancy.slug}/applications/",
        {"cv": str(cv.pk), "cover_letter": LETTER},
    )
    assert response.status_code == 201, response.json()
    application = Application.objects.get(pk=response.json()["id"])
    before = signed_in(member).get("/api/v1/applications/").json()["results"][0]
    assert before["cover_letter"] == LETTER and before["applicant"]["email"]
    withdraw = signed_in(applicant).post(f"/api/v1/applications/{application.pk}/withdraw/")
    assert withdraw.status_code == 200
    return {"vacancy": vacancy, "member": member, "cv": cv, "application": application}


def test_the_api_keeps_the_fact_and_date_only(withdrawn):
    member, application = withdrawn["member"], withdrawn["application"]
    for path in (
        "/api/v1/applications/",
        f"/api/v1/vacancies/{withdrawn['vacancy'].slug}/applications/",
    ):
        row = signed_in(member).get(path).json()["results"][0]
        assert row["status"] == "withdrawn"
        assert row["created_at"]
        assert row["applicant"] is None
        assert row["cover_letter"] == "" and row["cv"] is None and row["profile_url"] == ""
    detail = signed_in(member).get(f"/api/v1/applications/{application.pk}/")
    assert "jan.peeters@example.org" not in detail.content.decode()
    assert LETTER not in detail.content.decode()


def test_the_page_shows_no_letter_name_or_address(withdrawn):
    client = Client()
    client.force_login(withdrawn["member"])
    page = client.get(
        reverse("vacancies:applications", kwargs={"slug": withdrawn["vacancy"].slug})
    ).content.decode()
    assert "Withdrawn" in page
    assert LETTER not in page and "jan.peeters@example.org" not in page


def test_the_cv_and_profile_are_no_longer_shared(withdrawn):
    member, cv = withdrawn["member"], withdrawn["cv"]
    download = signed_in(member).get(f"/api/v1/cvs/{cv.pk}/download/")
    assert download.status_code in (403, 404)
    assert signed_in(member).get(f"/api/v1/talent/{cv.profile_id}/").status_code == 404


def test_the_applicant_keeps_their_cv_and_sees_their_own_application(withdrawn):
    applicant = withdrawn["cv"].profile.user
    rows = signed_in(applicant).get("/api/v1/applications/").json()["results"]
    assert rows[0]["status"] == "withdrawn"
    assert rows[0]["applicant"]["email"] == "jan.peeters@example.org"
    assert signed_in(applicant).get("/api/v1/me/cvs/").json()["count"] == 1


def test_the_service_clears_what_was_sent(withdrawn):
    application = Application.objects.get(pk=withdrawn["application"].pk)
    assert (application.cover_letter, application.cv) == ("", None)
    assert application.status_changes.filter(to_status="withdrawn").exists()
