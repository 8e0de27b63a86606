"""Adding a member by email is an invitation for everyone: it reveals nobody, adds nobody.

The person joins only by accepting, signed in with the invited address once confirmed.
The invitation is a notice of the notification pipeline: in the inbox of an account
holder, by email for everyone, sent once.
"""

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.test import APIClient

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError
from apps.notifications.models import DeliveryStatus, Notification
from apps.notifications.tasks import send_notification
from apps.organizations import services
from apps.organizations.models import (
    Invitation,
    Membership,
    MembershipRequest,
    OrganizationNotice,
    RequestStatus,
)
from apps.organizations.tests.factories import (
    InvitationFactory,
    MembershipFactory,
    MembershipRequestFactory,
)

pytestmark = pytest.mark.django_db
API = "/api/v1/"


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def owner():
    return MembershipFactory(role="owner", organization__name="Leie Biologics")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


class TestTheAnswerRevealsNobody:
    def test_an_address_with_and_one_without_an_account_get_the_same_answer(self, owner):
        UserFactory(email="known@example.org", first_name="Known", last_name="Person")
        client = client_for(owner.user)
        url = f"{API}organizations/{owner.organization.slug}/members/"

        known = client.post(url, {"email": "known@example.org", "role": "owner"}, format="json")
        unknown = client.post(url, {"email": "ghost@example.org", "role": "owner"}, format="json")

        assert known.status_code == unknown.status_code == 201
        assert set(known.json()) == set(unknown.json()) == {"id", "email", "role", "created_at"}
        assert known.json()["email"] == "known@example.org"
        assert "Known" not in known.content.decode()
        # Nobody joined: the owner cannot make anyone, staff included, a member.
        assert list(owner.organization.memberships.values_list("user__email", flat=True)) == [
            owner.user.email
        ]

    def test_the_page_says_the_same_whatever_the_address(self, client, owner):
        UserFactory(email="known@example.org")
        client.force_login(owner.user)
        url = reverse("organizations:members", kwargs={"slug": owner.organization.slug})
        messages = []
        for email in ("known@example.org", "ghost@example.org"):
            response = client.post(url, {"email": email, "role": "recruiter"}, follow=True)
            assert response.status_code == 200
            messages.append(
                [str(m).replace(email, "ADDRESS") for m in response.context["messages"]]
            )
        assert (
            messages[0]
            == messages[1]
            == ["We sent an invitation to ADDRESS. They join once they accept it."]
        )
        page = client.get(url).content.decode()
        assert "known@example.org" in page and "ghost@example.org" in page
        assert owner.organization.memberships.count() == 1

    def test_staff_cannot_be_made_owner_without_their_consent(self, owner):
        admin = UserFactory(is_staff=True, email="admin@example.org")
        response = client_for(owner.user).post(
            f"{API}organizations/{owner.organization.slug}/members/",
            {"email": "admin@example.org", "role": "owner"},
            format="json",
        )
        assert response.status_code == 201
        assert not Membership.objects.filter(user=admin).exists()


class TestDelivery:
    def test_an_account_holder_finds_it_in_the_inbox_and_by_email(self, owner, committed):
        person = UserFactory(email="known@example.org")
        with committed():
            invitation = services.invitation_create(
                actor=owner.user, organization=owner.organization, email=" KNOWN@example.org "
            )
        notice = Notification.objects.get(kind=OrganizationNotice.ORGANIZATION_INVITATION)
        assert notice.recipient == person and notice.status == DeliveryStatus.SENT
        assert [m.to for m in mail.outbox] == [["known@example.org"]]
        assert "Leie Biologics" in mail.outbox[0].subject
        assert (
            reverse("organizations:invitation", kwargs={"invitation_id": invitation.pk})
            in mail.outbox[0].body
        )
        send_notification.apply(args=[str(notice.pk)])  # redelivered: nothing more
        assert len(mail.outbox) == 1

    def test_an_address_without_account_gets_the_same_email(self, owner, committed):
        with committed():
            invitation = services.invitation_create(
                actor=owner.user, organization=owner.organization, email="New@Example.org"
            )
        assert invitation.email == "new@example.org"
        notice = Notification.objects.get(kind=OrganizationNotice.ORGANIZATION_INVITATION)
        assert notice.recipient is None and notice.email == "new@example.org"
        assert notice.status == DeliveryStatus.SENT
        assert [m.to for m in mail.outbox] == [["new@example.org"]]
        body = mail.outbox[0].body
        assert reverse("organizations:invitation", kwargs={"invitation_id": invitation.pk}) in body
        assert reverse("account_signup") in body
        send_notification.apply(args=[str(notice.pk)])
        assert len(mail.outbox) == 1

    def test_an_unconfirmed_account_gets_no_inbox_notice_only_the_email(self, owner, committed):
        # Whoever signed up with the address without confirming it may not be its owner.
        UserFactory(email="squatted@example.org", email_verified=False)
        with committed():
            services.invitation_create(
                actor=owner.user, organization=owner.organization, email="squatted@example.org"
            )
        notice = Notification.objects.get(kind=OrganizationNotice.ORGANIZATION_INVITATION)
        assert notice.recipient is None and notice.email == "squatted@example.org"

    def test_inviting_again_sends_nothing_twice_and_sets_the_role(self, owner, committed):
        with committed():
            first = services.invitation_create(
                actor=owner.user, organization=owner.organization, email="new@example.org"
            )
            again = services.invitation_create(
                actor=owner.user,
                organization=owner.organization,
                email="new@example.org",
                role="owner",
            )
        assert again.pk == first.pk and again.role == "owner"
        assert Invitation.objects.count() == 1
        assert len(mail.outbox) == 1

    def test_a_member_is_not_invited_again(self, owner):
        with pytest.raises(ConflictError):
            services.invitation_create(
                actor=owner.user, organization=owner.organization, email=owner.user.email
            )


class TestAnswering:
    def test_only_the_invited_confirmed_address_accepts(self, owner):
        invitation = services.invitation_create(
            actor=owner.user, organization=owner.organization, email="new@example.org"
        )
        with pytest.raises(ActionForbidden):
            services.invitation_accept(user=UserFactory(), invitation=invitation)
        with pytest.raises(ActionForbidden):
            services.invitation_accept(
                user=UserFactory(email="new@example.org", email_verified=False),
                invitation=invitation,
            )
        assert not Membership.objects.filter(user__email="new@example.org").exists()

    def test_accepting_joins_with_the_role_and_answers_a_pending_request(self, owner):
        person = UserFactory(email="new@example.org")
        request = MembershipRequestFactory(user=person, organization=owner.organization)
        invitation = services.invitation_create(
            actor=owner.user, organization=owner.organization, email=person.email, role="owner"
        )
        membership = services.invitation_accept(user=person, invitation=invitation)
        assert (membership.user, membership.role) == (person, "owner")
        request.refresh_from_db()
        assert request.status == RequestStatus.APPROVED
        with pytest.raises(ConflictError):
            services.invitation_accept(user=person, invitation=invitation)

    def test_declining_adds_nobody_and_a_new_invitation_is_possible(self, owner):
        person = UserFactory(email="new@example.org")
        invitation = services.invitation_create(
            actor=owner.user, organization=owner.organization, email=person.email
        )
        services.invitation_decline(user=person, invitation=invitation)
        assert not Membership.objects.filter(user=person).exists()
        with pytest.raises(ConflictError):
            services.invitation_accept(user=person, invitation=invitation)
        again = services.invitation_create(
            actor=owner.user, organization=owner.organization, email=person.email
        )
        assert again.pk != invitation.pk

    def test_a_withdrawn_invitation_cannot_be_accepted(self, owner, client):
        person = UserFactory(email="new@example.org")
        invitation = services.invitation_create(
            actor=owner.user, organization=owner.organization, email=person.email
        )
        url = invitation.get_absolute_url()
        with pytest.raises(ActionForbidden):
            services.invitation_withdraw(actor=person, invitation=invitation)
        services.invitation_withdraw(actor=owner.user, invitation=invitation)
        client.force_login(person)
        assert client.post(url).status_code == 404
        assert not Membership.objects.filter(user=person).exists()


class TestPersonalData:
    def test_the_export_shows_and_the_erasure_removes_invitations_to_the_address(
        self, owner, committed
    ):
        from apps.accounts.services import account_erase
        from apps.core import personal_data

        with committed():  # sent while the address had no account yet
            services.invitation_create(
                actor=owner.user, organization=owner.organization, email="new@example.org"
            )
        person = UserFactory(email="new@example.org")
        exported = personal_data.export_all(user=person, build_url=str)
        assert [row["organization"] for row in exported["organization_invitations"]] == [
            "Leie Biologics"
        ]
        account_erase(user=person)
        assert not Invitation.objects.filter(email="new@example.org").exists()
        assert not Notification.objects.filter(email="new@example.org").exists()


class TestThroughTheApi:
    def test_the_invited_person_lists_accepts_and_declines(self, owner):
        person = UserFactory(email="new@example.org")
        first = services.invitation_create(
            actor=owner.user, organization=owner.organization, email=person.email
        )
        other = InvitationFactory(email=person.email)
        InvitationFactory()  # someone else's
        client = client_for(person)

        listed = client.get(f"{API}me/organization-invitations/").json()
        assert listed["count"] == 2
        assert {row["id"] for row in listed["results"]} == {str(first.pk), str(other.pk)}
        assert {row["organization"]["name"] for row in listed["results"]} >= {"Leie Biologics"}

        joined = client.post(f"{API}organization-invitations/{first.pk}/accept/")
        assert joined.status_code == 200
        assert joined.json()["organization"]["slug"] == owner.organization.slug
        assert joined.json()["role"] == "recruiter"
        assert client.post(f"{API}organization-invitations/{first.pk}/accept/").status_code == 409
        assert client.post(f"{API}organization-invitations/{other.pk}/decline/").status_code == 204
        assert client.get(f"{API}me/organization-invitations/").json()["count"] == 0
        assert Membership.objects.filter(user=person).count() == 1

    def test_someone_elses_invitation_is_a_404_and_changes_nothing(self, owner):
        invitation = InvitationFactory(organization=owner.organization)
        for user in (UserFactory(), owner.user, UserFactory(is_staff=True)):
            for answer in ("accept", "decline"):
                response = client_for(user).post(
                    f"{API}organization-invitations/{invitation.pk}/{answer}/"
                )
                assert response.status_code == 404
        invitation.refresh_from_db()
        assert invitation.is_open
        assert owner.organization.memberships.count() == 1

    def test_an_unconfirmed_address_sees_no_invitation(self):
        person = UserFactory(email="new@example.org", email_verified=False)
        InvitationFactory(email=person.email)
        response = client_for(person).get(f"{API}me/organization-invitations/")
        assert response.json()["count"] == 0


ROLES = ["anonymous", "stranger", "recruiter", "owner", "staff"]
DENIED = "denied"


@pytest.fixture
def world(owner):
    recruiter = MembershipFactory(organization=owner.organization, role="recruiter")
    return {
        "organization": owner.organization,
        "users": {
            "anonymous": None,
            "stranger": UserFactory(),
            "recruiter": recruiter.user,
            "owner": owner.user,
            "staff": UserFactory(is_staff=True),
        },
    }


def _invite(client, world):
    slug = world["organization"].slug
    return client.post(
        f"{API}organizations/{slug}/members/", {"email": "new@example.org"}, format="json"
    )


def _list_invitations(client, world):
    InvitationFactory(organization=world["organization"])
    return client.get(f"{API}organizations/{world['organization'].slug}/invitations/")


def _withdraw(client, world):
    invitation = InvitationFactory(organization=world["organization"])
    slug = world["organization"].slug
    return client.delete(f"{API}organizations/{slug}/invitations/{invitation.pk}/")


#              anonymous stranger recruiter owner staff
MATRIX = {
    _invite: (DENIED, DENIED, DENIED, 201, 201),
    _list_invitations: (DENIED, DENIED, DENIED, 200, 200),
    _withdraw: (DENIED, DENIED, DENIED, 204, 204),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX), ids=lambda action: action.__name__.strip("_"))
def test_permission_matrix(world, role, action):
    expected = MATRIX[action][ROLES.index(role)]
    before = Invitation.objects.count()
    response = action(client_for(world["users"][role]), world)
    if expected == DENIED:
        assert response.status_code == (401 if role == "anonymous" else 403), response.content
        # Nothing changed but the invitation the action set up to act on.
        set_up = 0 if action is _invite else 1
        assert Invitation.objects.count() == before + set_up
        assert not Invitation.objects.filter(email="new@example.org").exists()
        assert Notification.objects.count() == 0
    else:
        assert response.status_code == expected, response.content


class TestPages:
    def test_an_invited_person_signs_up_then_accepts_from_the_dashboard(self, client, owner):
        slug = owner.organization.slug
        client.force_login(owner.user)
        client.post(
            reverse("organizations:members", kwargs={"slug": slug}),
            {"email": "ghost@example.org", "role": "recruiter"},
        )
        invitation = owner.organization.invitations.get()

        client.force_login(UserFactory())
        assert client.post(invitation.get_absolute_url()).status_code == 403
        newcomer = UserFactory(email="ghost@example.org")
        client.force_login(newcomer)
        dashboard = client.get(reverse("dashboard")).content.decode()
        assert invitation.get_absolute_url() in dashboard
        page = client.get(invitation.get_absolute_url()).content.decode()
        assert "Accept and join" in page and "Decline" in page
        assert client.post(invitation.get_absolute_url()).status_code == 302
        assert Membership.objects.get(user=newcomer).role == "recruiter"
        assert client.post(invitation.get_absolute_url()).status_code == 409

    def test_an_account_holder_declines(self, client, owner):
        person = UserFactory(email="known@example.org")
        invitation = InvitationFactory(organization=owner.organization, email=person.email)
        client.force_login(person)
        response = client.post(invitation.get_absolute_url(), {"answer": "decline"})
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.declined_at is not None
        assert not Membership.objects.filter(user=person).exists()
        assert (
            invitation.get_absolute_url() not in client.get(reverse("dashboard")).content.decode()
        )

    def test_the_owner_withdraws_from_the_members_page(self, client, owner):
        invitation = InvitationFactory(organization=owner.organization)
        client.force_login(owner.user)
        slug = owner.organization.slug
        page = client.get(reverse("organizations:members", kwargs={"slug": slug})).content.decode()
        withdraw = reverse(
            "organizations:invitation_withdraw",
            kwargs={"slug": slug, "invitation_id": invitation.pk},
        )
        assert withdraw in page
        assert client.post(withdraw).status_code == 302
        assert not Invitation.objects.filter(pk=invitation.pk).exists()

    def test_a_recruiter_cannot_withdraw(self, client, owner):
        recruiter = MembershipFactory(organization=owner.organization, role="recruiter")
        invitation = InvitationFactory(organization=owner.organization)
        client.force_login(recruiter.user)
        slug = owner.organization.slug
        response = client.post(
            reverse(
                "organizations:invitation_withdraw",
                kwargs={"slug": slug, "invitation_id": invitation.pk},
            )
        )
        assert response.status_code == 403
        assert Invitation.objects.filter(pk=invitation.pk).exists()

    def test_a_request_to_join_is_closed_when_its_author_accepts(self, client, owner):
        person = UserFactory(email="known@example.org")
        MembershipRequestFactory(user=person, organization=owner.organization)
        invitation = InvitationFactory(organization=owner.organization, email=person.email)
        client.force_login(person)
        client.post(invitation.get_absolute_url())
        assert not MembershipRequest.objects.filter(status=RequestStatus.PENDING).exists()
