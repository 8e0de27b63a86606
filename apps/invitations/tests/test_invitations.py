"""Invitations to apply: sent from the talent pool, accepted or declined by the person."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.invitations import services
from apps.invitations.models import InvitationNotice, InvitationStatus, InvitationToApply
from apps.invitations.tests.factories import InvitationToApplyFactory
from apps.notifications.models import Notification
from apps.notifications.tests.helpers import SITE_URL, assert_emailed, recipients
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.talent.tests.factories import TalentProfileFactory
from apps.vacancies.services import application_create
from apps.vacancies.tests.factories import VacancyFactory, cv_for, published_vacancy

pytestmark = pytest.mark.django_db

Kind = InvitationNotice


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def company():
    return OrganizationFactory(verified=True, name="Leie Biologics", slug="leie")


@pytest.fixture
def recruiter(company):
    return MembershipFactory(organization=company).user


@pytest.fixture
def vacancy(company):
    return published_vacancy(organization=company, title="Flow cytometry scientist", slug="flow")


@pytest.fixture
def profile():
    return TalentProfileFactory(
        user__first_name="Sofie",
        user__last_name="Seeker",
        user__email="sofie@example.org",
        visibility="verified_companies",
    )


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def invite(client, profile, vacancy_slug="flow", message="Your immunology fits our team."):
    return client.post(
        f"/api/v1/talent/{profile.pk}/invitations/", {"vacancy": vacancy_slug, "message": message}
    )


class TestSending:
    def test_a_member_of_a_verified_organization_invites_from_the_pool(
        self, committed, recruiter, vacancy, profile
    ):
        with committed():
            response = invite(client_for(recruiter), profile)
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "sent"
        assert body["vacancy"]["slug"] == "flow"
        assert body["profile"] == str(profile.pk)
        assert "sofie@example.org" not in response.content.decode()
        invitation = InvitationToApply.objects.get()
        assert invitation.invitee == profile.user and invitation.invited_by == recruiter
        assert recipients(Kind.INVITATION_TO_APPLY) == ["sofie@example.org"]
        assert_emailed(Kind.INVITATION_TO_APPLY, reverse("invitations:mine"))
        notice = Notification.objects.get(kind=Kind.INVITATION_TO_APPLY)
        assert "Leie Biologics" in notice.subject
        assert "Your immunology fits our team." in notice.body

    @pytest.mark.parametrize(
        ("who", "code"),
        [
            ("anonymous", 401),
            ("seeker", 403),
            ("member of an unverified organization", 403),
            ("staff", 403),
            ("member of another verified organization", 403),
            ("member", 201),
        ],
    )
    def test_who_may_invite(self, who, code, company, vacancy, profile):
        person = {
            "anonymous": lambda: None,
            "seeker": UserFactory,
            "member of an unverified organization": lambda: (
                MembershipFactory(organization__verified=False).user
            ),
            "staff": lambda: UserFactory(is_staff=True, is_superuser=True),
            "member of another verified organization": lambda: (
                MembershipFactory(organization__verified=True).user
            ),
            "member": lambda: MembershipFactory(organization=company).user,
        }[who]()
        response = invite(client_for(person), profile)
        assert response.status_code == code, response.content
        assert InvitationToApply.objects.count() == (1 if code == 201 else 0)

    @pytest.mark.parametrize("visibility", ["private"])
    def test_a_private_profile_is_not_invited(self, recruiter, vacancy, visibility):
        private = TalentProfileFactory(visibility=visibility)
        response = invite(client_for(recruiter), private)
        assert response.status_code == 404
        assert not InvitationToApply.objects.exists()

    def test_an_unknown_profile_is_a_404(self, recruiter, vacancy):
        response = client_for(recruiter).post(
            "/api/v1/talent/00000000-0000-0000-0000-000000000000/invitations/",
            {"vacancy": "flow", "message": "Hi"},
        )
        assert response.status_code == 404

    @pytest.mark.parametrize(
        ("vacancy_kind", "code", "field"),
        [
            ("draft", 400, "vacancy"),
            ("pending", 400, "vacancy"),
            ("closed", 400, "vacancy"),
            ("expired", 400, "vacancy"),
            ("another organization's", 403, "detail"),
            ("another organization's draft", 400, "vacancy"),
            ("missing", 400, "vacancy"),
        ],
    )
    def test_only_published_vacancies_of_ones_own_organization(
        self, recruiter, company, profile, vacancy_kind, code, field
    ):
        slug = f"job-{vacancy_kind.split()[0]}".replace("'", "")
        if vacancy_kind == "draft":
            VacancyFactory(organization=company, slug=slug)
        elif vacancy_kind == "pending":
            VacancyFactory(organization=company, slug=slug, pending=True)
        elif vacancy_kind == "closed":
            published_vacancy(organization=company, slug=slug, status="closed")
        elif vacancy_kind == "expired":
            published_vacancy(
                organization=company, slug=slug, expires_at=timezone.now() - timedelta(hours=1)
            )
        elif vacancy_kind == "another organization's":
            published_vacancy(slug=slug)
        elif vacancy_kind == "another organization's draft":
            slug = "job-elsewhere-draft"
            VacancyFactory(slug=slug)
        response = invite(client_for(recruiter), profile, vacancy_slug=slug)
        assert response.status_code == code, response.content
        assert field in response.json()
        assert not InvitationToApply.objects.exists()

    @pytest.mark.parametrize("message", ["", "   ", "x" * 2001])
    def test_a_message_is_needed_and_bounded(self, recruiter, vacancy, profile, message):
        response = invite(client_for(recruiter), profile, message=message)
        assert response.status_code == 400 and "message" in response.json()
        assert not InvitationToApply.objects.exists()

    def test_once_per_vacancy(self, recruiter, company, vacancy, profile):
        client = client_for(recruiter)
        assert invite(client, profile).status_code == 201
        colleague = MembershipFactory(organization=company).user
        assert invite(client_for(colleague), profile).status_code == 409
        published_vacancy(organization=company, slug="other-job")
        assert invite(client, profile, vacancy_slug="other-job").status_code == 201
        assert InvitationToApply.objects.count() == 2

    def test_at_most_fifty_people_a_day_per_organization(self, recruiter, company, vacancy):
        colleague = MembershipFactory(organization=company).user
        yesterday = timezone.now() - timedelta(hours=25)
        old = InvitationToApplyFactory(vacancy=vacancy)
        InvitationToApply.objects.filter(pk=old.pk).update(created_at=yesterday)
        InvitationToApplyFactory.create_batch(49, vacancy=vacancy)
        people = TalentProfileFactory.create_batch(2)
        assert invite(client_for(recruiter), people[0]).status_code == 201
        response = invite(client_for(colleague), people[1])
        assert response.status_code == 429
        assert "50" in response.json()["detail"]
        assert InvitationToApply.objects.count() == 51
        # Another organization keeps its own count.
        other = published_vacancy(organization__verified=True, slug="elsewhere")
        outsider = MembershipFactory(organization=other.organization).user
        assert invite(client_for(outsider), people[1], vacancy_slug="elsewhere").status_code == 201

    def test_a_person_who_turned_invitations_off_is_not_invited(self, recruiter, vacancy, profile):
        client = client_for(profile.user)
        client.patch("/api/v1/me/profile/", {"accepts_invitations": False})
        response = invite(client_for(recruiter), profile)
        assert response.status_code == 403
        assert not InvitationToApply.objects.exists()
        pool_row = client_for(recruiter).get(f"/api/v1/talent/{profile.pk}/").json()
        assert pool_row["accepts_invitations"] is False

    def test_no_invitation_for_someone_who_applied_or_belongs_to_the_organization(
        self, recruiter, company, vacancy, profile
    ):
        application_create(applicant=profile.user, vacancy=vacancy, cv=cv_for(profile.user))
        assert invite(client_for(recruiter), profile).status_code == 409
        colleague_profile = TalentProfileFactory(user=MembershipFactory(organization=company).user)
        assert invite(client_for(recruiter), colleague_profile).status_code == 409
        assert not InvitationToApply.objects.exists()


class TestAnswering:
    @pytest.fixture
    def invitation(self, recruiter, vacancy, profile):
        return services.invitation_send(
            actor=recruiter, profile=profile, vacancy=vacancy, message="Come and see us."
        )

    def test_the_person_sees_it_and_accepting_opens_the_application_form(self, invitation):
        client = client_for(invitation.invitee)
        mine = client.get("/api/v1/me/invitations/").json()
        assert mine["count"] == 1
        row = mine["results"][0]
        assert row["status"] == "pending" and row["message"] == "Come and see us."
        assert row["organization"] == {"slug": "leie", "name": "Leie Biologics"}
        response = client.post(f"/api/v1/invitations/{invitation.pk}/accept/")
        assert response.status_code == 200
        assert response.json()["status"] == "accepted"
        assert response.json()["apply_url"].endswith(
            reverse("vacancies:detail", kwargs={"slug": "flow"}) + "#apply"
        )
        assert client.post(f"/api/v1/invitations/{invitation.pk}/accept/").status_code == 409

    def test_the_organization_learns_nothing_until_the_person_applies(
        self, invitation, recruiter, vacancy, profile
    ):
        recruiter_client = client_for(recruiter)
        sent = recruiter_client.get(f"/api/v1/talent/{profile.pk}/invitations/").json()
        assert [row["status"] for row in sent["results"]] == ["sent"]
        client_for(invitation.invitee).post(f"/api/v1/invitations/{invitation.pk}/accept/")
        sent = recruiter_client.get(f"/api/v1/talent/{profile.pk}/invitations/").json()
        assert [row["status"] for row in sent["results"]] == ["sent"]
        assert "sofie@example.org" not in str(sent)
        application_create(applicant=profile.user, vacancy=vacancy, cv=cv_for(profile.user))
        sent = recruiter_client.get(f"/api/v1/talent/{profile.pk}/invitations/").json()
        assert [row["status"] for row in sent["results"]] == ["applied"]
        mine = client_for(invitation.invitee).get("/api/v1/me/invitations/").json()
        assert mine["results"][0]["applied"] is True

    def test_declining_with_a_reason_tells_the_inviter(self, committed, invitation, recruiter):
        client = client_for(invitation.invitee)
        with committed():
            response = client.post(
                f"/api/v1/invitations/{invitation.pk}/decline/",
                {"reason": "I am staying in academia."},
            )
        assert response.status_code == 200 and response.json()["status"] == "declined"
        assert recipients(Kind.INVITATION_DECLINED) == [recruiter.email]
        assert_emailed(Kind.INVITATION_DECLINED, reverse("invitations:sent"))
        notice = Notification.objects.get(kind=Kind.INVITATION_DECLINED)
        assert "I am staying in academia." in notice.body
        assert "sofie@example.org" not in notice.body
        sent = client_for(recruiter).get(
            f"/api/v1/talent/{invitation.invitee.talent_profile.pk}/invitations/"
        )
        row = sent.json()["results"][0]
        assert row["status"] == "declined"
        assert row["decline_reason"] == "I am staying in academia."
        assert client.post(f"/api/v1/invitations/{invitation.pk}/accept/").status_code == 409

    def test_declining_without_a_reason(self, invitation):
        response = client_for(invitation.invitee).post(
            f"/api/v1/invitations/{invitation.pk}/decline/", {}
        )
        assert response.status_code == 200
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.DECLINED
        assert invitation.decline_reason == ""

    @pytest.mark.parametrize("answer", ["accept", "decline"])
    def test_someone_elses_invitation_is_a_404_and_stays_as_it_was(
        self, invitation, recruiter, answer
    ):
        for other in (UserFactory(), recruiter, UserFactory(is_staff=True)):
            response = client_for(other).post(f"/api/v1/invitations/{invitation.pk}/{answer}/")
            assert response.status_code == 404
        assert (
            client_for(None).post(f"/api/v1/invitations/{invitation.pk}/{answer}/").status_code
            == 401
        )
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.PENDING

    def test_a_vacancy_that_closed_cannot_be_accepted(self, invitation, vacancy):
        vacancy.status = "closed"
        vacancy.save()
        response = client_for(invitation.invitee).post(
            f"/api/v1/invitations/{invitation.pk}/accept/"
        )
        assert response.status_code == 409
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.PENDING

    def test_a_decline_reason_is_bounded(self, invitation):
        response = client_for(invitation.invitee).post(
            f"/api/v1/invitations/{invitation.pk}/decline/", {"reason": "x" * 1001}
        )
        assert response.status_code == 400 and "reason" in response.json()
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.PENDING


def test_the_export_holds_invitations_received_and_sent(recruiter, vacancy, profile):
    services.invitation_send(actor=recruiter, profile=profile, vacancy=vacancy, message="Hi!")
    received = client_for(profile.user).get("/api/v1/me/export/").json()
    assert [i["vacancy"] for i in received["invitations_to_apply"]] == ["Flow cytometry scientist"]
    sent = client_for(recruiter).get("/api/v1/me/export/").json()
    assert [i["message"] for i in sent["invitations_to_apply_sent"]] == ["Hi!"]
