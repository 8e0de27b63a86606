import pytest
from django.core.files.storage import storages
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.models import User
from apps.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from apps.organizations.models import Membership, MembershipRequest
from apps.organizations.tests.factories import MembershipFactory, MembershipRequestFactory
from apps.talent.models import CV, CVAccess, TalentProfile
from apps.talent.tests.factories import CVFactory, docx_bytes, upload

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def seeker_with_history():
    cv = CVFactory(profile__visibility="verified_companies", profile__headline="Immunologist")
    seeker = cv.profile.user
    recruiter = MembershipFactory(organization__verified=True, organization__name="Leie Biologics")
    client_for(recruiter.user).get(f"/api/v1/cvs/{cv.pk}/download/")
    MembershipRequestFactory(user=seeker, message="I would like to join.")
    MembershipFactory(user=seeker, role="recruiter", organization__name="Kempen Agrotech")
    return seeker, cv, recruiter


def test_export_holds_every_piece_of_personal_data(seeker_with_history):
    seeker, cv, _recruiter = seeker_with_history
    response = client_for(seeker).get("/api/v1/me/export/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["account"]["email"] == seeker.email
    assert data["account"]["email_addresses"][0]["verified"] is True
    assert data["profile"]["headline"] == "Immunologist"
    assert data["cvs"][0]["id"] == str(cv.pk)
    assert data["cvs"][0]["download_url"].endswith(f"/api/v1/cvs/{cv.pk}/download/")
    assert data["cv_downloads"][0]["organization"] == "Leie Biologics"
    assert data["memberships"][0]["organization"] == "Kempen Agrotech"
    assert data["membership_requests"][0]["message"] == "I would like to join."


def test_export_of_a_recruiter_lists_the_cvs_they_downloaded(seeker_with_history):
    _seeker, cv, recruiter = seeker_with_history
    data = client_for(recruiter.user).get("/api/v1/me/export/").json()
    assert data["cv_downloads_by_me"][0]["cv"] == str(cv.pk)
    assert data["profile"] is None


def test_export_page(client, seeker_with_history):
    seeker, _cv, _recruiter = seeker_with_history
    client.force_login(seeker)
    assert client.get(reverse("account_my_data")).status_code == 200
    response = client.get(reverse("account_my_data") + "?format=json")
    assert response.json()["profile"]["headline"] == "Immunologist"


def test_erase_removes_account_profile_cvs_and_files(
    seeker_with_history, django_capture_on_commit_callbacks
):
    seeker, cv, recruiter = seeker_with_history
    second = client_for(seeker).post(
        "/api/v1/me/cvs/", {"file": upload("b.docx", docx_bytes())}, format="multipart"
    )
    stored = [cv.file.name, CV.objects.get(pk=second.json()["id"]).file.name]
    assert all(storages["private"].exists(name) for name in stored)
    with django_capture_on_commit_callbacks(execute=True):
        erased = client_for(seeker).delete("/api/v1/me/", {"password": DEFAULT_PASSWORD})
        assert erased.status_code == 204
    assert not User.objects.filter(pk=seeker.pk).exists()
    assert not TalentProfile.objects.filter(user_id=seeker.pk).exists()
    assert not CV.objects.exists()
    assert not CVAccess.objects.exists()
    assert not Membership.objects.filter(user_id=seeker.pk).exists()
    assert not MembershipRequest.objects.filter(user_id=seeker.pk).exists()
    assert not any(storages["private"].exists(name) for name in stored)
    assert User.objects.filter(pk=recruiter.user.pk).exists()


def test_erasing_a_recruiter_keeps_the_log_entry_without_the_person(
    seeker_with_history, django_capture_on_commit_callbacks
):
    seeker, cv, recruiter = seeker_with_history
    with django_capture_on_commit_callbacks(execute=True):
        client_for(recruiter.user).delete("/api/v1/me/", {"password": DEFAULT_PASSWORD})
    access = CVAccess.objects.get(cv=cv)
    assert access.accessed_by is None and access.organization.name == "Leie Biologics"
    row = client_for(seeker).get("/api/v1/me/cv-downloads/").json()["results"][0]
    assert row["by"] is None


def test_erase_page_asks_for_the_password(client, django_capture_on_commit_callbacks):
    cv = CVFactory()
    user = cv.profile.user
    client.force_login(user)
    response = client.post(reverse("account_erase"), {"password": "wrong"})
    assert response.status_code == 400
    assert User.objects.filter(pk=user.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_erase"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not storages["private"].exists(cv.file.name)
    assert client.get(reverse("dashboard")).status_code == 302  # signed out


def test_after_erasure_the_token_no_longer_works():
    user = UserFactory()
    client = APIClient()
    token = client.post(
        "/api/v1/auth/token/", {"email": user.email, "password": DEFAULT_PASSWORD}
    ).json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.delete("/api/v1/me/", {"password": DEFAULT_PASSWORD}).status_code == 204
    assert client.get("/api/v1/me/").status_code == 401
