"""A person keeps at most 20 CVs, and a public profile shows no CV to the public."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.talent.files import CVS_PER_PERSON
from apps.talent.models import CV
from apps.talent.tests.factories import CVFactory, TalentProfileFactory, upload

pytestmark = pytest.mark.django_db
ME_CVS = "/api/v1/me/cvs/"


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


class TestAtMostTwentyCVs:
    @pytest.fixture
    def full(self):
        profile = TalentProfileFactory()
        CVFactory.create_batch(CVS_PER_PERSON - 1, profile=profile, is_primary=False)
        return profile.user

    def test_the_twentieth_is_accepted_and_the_twenty_first_refused(self, full):
        client = signed_in(full)
        assert (
            client.post(ME_CVS, {"file": upload("20.pdf")}, format="multipart").status_code == 201
        )
        response = client.post(ME_CVS, {"file": upload("21.pdf")}, format="multipart")
        assert response.status_code == 400
        assert "20" in response.json()["file"][0]
        assert CV.objects.filter(profile__user=full).count() == CVS_PER_PERSON

    def test_deleting_one_makes_room(self, full):
        client = signed_in(full)
        client.post(ME_CVS, {"file": upload("20.pdf")}, format="multipart")
        oldest = CV.objects.filter(profile__user=full).order_by("uploaded_at").first()
        assert client.delete(f"{ME_CVS}{oldest.pk}/").status_code == 204
        assert (
            client.post(ME_CVS, {"file": upload("new.pdf")}, format="multipart").status_code == 201
        )

    def test_the_page_holds_the_same_limit(self, full):
        CVFactory(profile=full.talent_profile, is_primary=False)
        web = Client()
        web.force_login(full)
        page = web.post(reverse("talent:my_cvs"), {"file": upload("more.pdf")})
        assert page.status_code == 400 and "at most 20 CVs" in page.content.decode()
        assert CV.objects.filter(profile__user=full).count() == CVS_PER_PERSON


class TestPublicProfileShowsNoCV:
    @pytest.fixture
    def public_cv(self):
        return CVFactory(profile__visibility="public", original_name="Jan Peeters CV.pdf")

    def test_anonymous_and_plain_users_get_the_profile_without_cv(self, public_cv):
        path = f"/api/v1/talent/{public_cv.profile_id}/"
        for client in (APIClient(), signed_in(UserFactory())):
            response = client.get(path)
            assert response.status_code == 200
            assert response.json()["primary_cv"] is None
            body = response.content.decode()
            assert "Jan Peeters CV" not in body and str(public_cv.pk) not in body
        page = Client().get(
            reverse("talent:profile_detail", kwargs={"profile_id": public_cv.profile_id})
        )
        assert page.status_code == 200
        assert "Jan Peeters CV" not in page.content.decode()
        assert str(public_cv.pk) not in page.content.decode()

    def test_members_of_verified_organizations_and_the_owner_still_see_it(self, public_cv):
        recruiter = MembershipFactory(organization=OrganizationFactory(verified=True)).user
        for user in (recruiter, public_cv.profile.user):
            body = signed_in(user).get(f"/api/v1/talent/{public_cv.profile_id}/").json()
            assert body["primary_cv"]["name"] == "Jan Peeters CV.pdf"
        listed = signed_in(recruiter).get("/api/v1/talent/").json()["results"]
        assert listed[0]["primary_cv"]["id"] == str(public_cv.pk)
