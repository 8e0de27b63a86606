"""Invitations to apply on the pages: from a pool profile, in the inbox, answered."""

import pytest
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.invitations import services
from apps.invitations.models import InvitationStatus, InvitationToApply
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory
from apps.talent.tests.factories import TalentProfileFactory
from apps.vacancies.tests.factories import published_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter():
    company = OrganizationFactory(verified=True, name="Leie Biologics", slug="leie")
    published_vacancy(organization=company, title="Antibody engineer", slug="antibody")
    return MembershipFactory(organization=company).user


@pytest.fixture
def profile():
    return TalentProfileFactory(
        user__first_name="Sofie", user__last_name="Seeker", headline="Immunologist"
    )


def test_a_pool_profile_offers_the_invitation_to_verified_members_only(client, recruiter, profile):
    url = profile.get_absolute_url()
    client.force_login(recruiter)
    assert (
        reverse("invitations:invite", kwargs={"profile_id": profile.pk})
        in client.get(url).content.decode()
    )
    client.force_login(MembershipFactory(organization__verified=False).user)
    response = client.get(url)
    assert (
        reverse("invitations:invite", kwargs={"profile_id": profile.pk})
        not in response.content.decode()
    )


def test_inviting_from_the_page(client, recruiter, profile):
    client.force_login(recruiter)
    page = client.get(
        reverse("invitations:invite", kwargs={"profile_id": profile.pk})
    ).content.decode()
    assert "Antibody engineer (Leie Biologics)" in page
    vacancy = recruiter.memberships.get().organization.vacancies.get()
    response = client.post(
        reverse("invitations:invite", kwargs={"profile_id": profile.pk}),
        {"vacancy": vacancy.pk, "message": "Your ELISA work fits us."},
    )
    assert response.status_code == 302
    assert InvitationToApply.objects.get().message == "Your ELISA work fits us."
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Invitations your organizations sent" in page and "Antibody engineer" in page
    again = client.post(
        reverse("invitations:invite", kwargs={"profile_id": profile.pk}),
        {"vacancy": vacancy.pk, "message": "Again"},
    )
    assert again.status_code == 400
    assert "already invited" in again.content.decode()
    assert InvitationToApply.objects.count() == 1


def test_an_empty_message_is_a_field_error(client, recruiter, profile):
    client.force_login(recruiter)
    vacancy = recruiter.memberships.get().organization.vacancies.get()
    response = client.post(
        reverse("invitations:invite", kwargs={"profile_id": profile.pk}), {"vacancy": vacancy.pk}
    )
    assert response.status_code == 400
    assert 'id="id_message_error"' in response.content.decode()
    assert not InvitationToApply.objects.exists()


def test_a_private_profile_has_no_invitation_page(client, recruiter):
    private = TalentProfileFactory(visibility="private")
    client.force_login(recruiter)
    assert (
        client.get(reverse("invitations:invite", kwargs={"profile_id": private.pk})).status_code
        == 404
    )


def test_a_seeker_has_no_invitation_page(client, profile):
    client.force_login(UserFactory())
    assert (
        client.get(reverse("invitations:invite", kwargs={"profile_id": profile.pk})).status_code
        == 403
    )


class TestTheInvitee:
    @pytest.fixture
    def invitation(self, recruiter, profile):
        vacancy = recruiter.memberships.get().organization.vacancies.get()
        return services.invitation_send(
            actor=recruiter, profile=profile, vacancy=vacancy, message="Come and see us."
        )

    def test_the_inbox_and_the_dashboard_show_it(self, client, invitation):
        client.force_login(invitation.invitee)
        page = client.get(reverse("invitations:mine")).content.decode()
        assert "Antibody engineer" in page and "Come and see us." in page
        assert (
            "Leie Biologics invites you to apply: Antibody engineer"
            in client.get(reverse("dashboard")).content.decode()
        )
        assert (
            reverse("invitations:mine")
            in client.get(reverse("notifications:inbox")).content.decode()
        )

    def test_accepting_opens_the_application_form(self, client, invitation):
        client.force_login(invitation.invitee)
        response = client.post(
            reverse("invitations:accept", kwargs={"invitation_id": invitation.pk})
        )
        assert (
            response["Location"]
            == reverse("vacancies:detail", kwargs={"slug": "antibody"}) + "#apply"
        )
        page = client.get(reverse("vacancies:detail", kwargs={"slug": "antibody"})).content.decode()
        assert 'id="apply"' in page
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.ACCEPTED

    def test_declining_with_a_reason(self, client, invitation, recruiter):
        client.force_login(invitation.invitee)
        client.post(
            reverse("invitations:decline", kwargs={"invitation_id": invitation.pk}),
            {"reason": "Not now."},
        )
        invitation.refresh_from_db()
        assert (invitation.status, invitation.decline_reason) == ("declined", "Not now.")
        client.force_login(recruiter)
        page = client.get(reverse("invitations:sent")).content.decode()
        assert "Declined" in page and "Not now." in page and "Sofie Seeker" in page

    def test_someone_elses_invitation_is_a_404(self, client, invitation, recruiter):
        for other in (UserFactory(), recruiter):
            client.force_login(other)
            assert (
                client.post(
                    reverse("invitations:accept", kwargs={"invitation_id": invitation.pk})
                ).status_code
                == 404
            )
            assert (
                client.post(
                    reverse("invitations:decline", kwargs={"invitation_id": invitation.pk})
                ).status_code
                == 404
            )
        invitation.refresh_from_db()
        assert invitation.status == InvitationStatus.PENDING

    def test_turning_invitations_off_in_the_profile(self, client, invitation, recruiter, profile):
        client.force_login(profile.user)
        page = client.get(reverse("talent:my_profile")).content.decode()
        assert "organizations may invite me to apply" in page.lower()
        profile.accepts_invitations = False
        profile.save()
        client.force_login(recruiter)
        page = client.get(profile.get_absolute_url()).content.decode()
        assert "does not take invitations to apply" in page
