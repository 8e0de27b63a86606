"""The directory's notices: join and verification requests and their answers."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.notifications.models import Notification
from apps.notifications.tests.helpers import SITE_URL, assert_emailed, recipients
from apps.organizations import services as organization_services
from apps.organizations.models import MembershipRequest, OrganizationNotice, VerificationRequest
from apps.organizations.tests.factories import MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    # A distinctive SITE_URL proves the links are built from the setting.
    settings.SITE_URL = SITE_URL


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the on-commit enqueue, so the (eager) send happens."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def organization():
    return OrganizationFactory(verified=True, name="Leie Biologics")


@pytest.fixture
def owner(organization):
    return MembershipFactory(organization=organization, role="owner").user


@pytest.fixture
def recruiter(organization):
    return MembershipFactory(organization=organization, role="recruiter").user


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


class TestMembershipRequests:
    def test_request_goes_to_the_owners_and_only_for_a_new_request(
        self, committed, organization, owner, recruiter, staff
    ):
        requester = UserFactory()
        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_create(
                user=recruiter, organization=organization
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.membership_request_create(
                user=requester, organization=organization, message="I run the FACS core."
            )
        assert recipients(OrganizationNotice.MEMBERSHIP_REQUEST) == [owner.email]
        assert_emailed(
            OrganizationNotice.MEMBERSHIP_REQUEST,
            reverse("organizations:members", kwargs={"slug": organization.slug}),
        )
        assert "I run the FACS core." in mail.outbox[0].body

        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_create(
                user=requester, organization=organization
            )
        assert Notification.objects.count() == 1

    def test_an_organization_without_owners_is_claimed_through_staff(self, committed, staff):
        unclaimed = OrganizationFactory(name="Nobody's NV")
        UserFactory(is_staff=True, is_active=False)
        with committed():
            organization_services.membership_request_create(
                user=UserFactory(), organization=unclaimed
            )
        assert recipients(OrganizationNotice.MEMBERSHIP_REQUEST) == [staff.email]

    def test_answer_goes_to_the_requester_when_an_owner_decides(
        self, committed, organization, owner, recruiter
    ):
        joining = MembershipRequest.objects.create(user=UserFactory(), organization=organization)
        declined = MembershipRequest.objects.create(user=UserFactory(), organization=organization)
        with committed(), pytest.raises(ActionForbidden):
            organization_services.membership_request_approve(
                actor=recruiter, membership_request=joining
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.membership_request_approve(
                actor=owner, membership_request=joining
            )
            organization_services.membership_request_decline(
                actor=owner, membership_request=declined, note="Please use your work address."
            )
        assert recipients(OrganizationNotice.MEMBERSHIP_ANSWER) == sorted(
            [joining.user.email, declined.user.email]
        )
        assert_emailed(OrganizationNotice.MEMBERSHIP_ANSWER, organization.get_absolute_url())
        decline_mail = next(m for m in mail.outbox if m.to == [declined.user.email])
        assert "Please use your work address." in decline_mail.body

        with committed(), pytest.raises(ConflictError):
            organization_services.membership_request_approve(
                actor=owner, membership_request=declined
            )
        assert Notification.objects.count() == 2


class TestVerification:
    def test_request_goes_to_active_staff_only_when_an_owner_asks(
        self, committed, owner, recruiter, staff
    ):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        other_staff = UserFactory(is_staff=True)
        UserFactory(is_staff=True, is_active=False)
        with committed():
            with pytest.raises(ActionForbidden):
                organization_services.verification_request_create(
                    actor=recruiter, organization=unverified
                )
            verified = owner.memberships.get(organization__verified=True).organization
            with pytest.raises(ConflictError):
                organization_services.verification_request_create(
                    actor=owner, organization=verified
                )
        assert not Notification.objects.exists()

        with committed():
            organization_services.verification_request_create(
                actor=owner, organization=unverified, message="KBO 0123.456.789"
            )
        assert recipients(OrganizationNotice.VERIFICATION_REQUEST) == sorted(
            [staff.email, other_staff.email]
        )
        assert_emailed(OrganizationNotice.VERIFICATION_REQUEST, unverified.get_absolute_url())

    def test_answer_goes_to_the_owners_when_staff_decide(self, committed, owner, recruiter, staff):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        request = VerificationRequest.objects.create(organization=unverified, requested_by=owner)
        with committed():
            with pytest.raises(ActionForbidden):
                organization_services.verification_request_approve(
                    actor=owner, verification_request=request
                )
            with pytest.raises(ServiceError):  # a decline needs a reason
                organization_services.verification_request_decline(
                    actor=staff, verification_request=request, note=""
                )
        assert not Notification.objects.exists()

        with committed():
            organization_services.verification_request_approve(
                actor=staff, verification_request=request
            )
        assert recipients(OrganizationNotice.VERIFICATION_ANSWER) == [owner.email]
        assert_emailed(OrganizationNotice.VERIFICATION_ANSWER, unverified.get_absolute_url())
        assert "is verified" in mail.outbox[0].subject

        with committed(), pytest.raises(ConflictError):
            organization_services.verification_request_approve(
                actor=staff, verification_request=request
            )
        assert Notification.objects.count() == 1

    def test_verifying_in_the_admin_answers_the_pending_request(
        self, committed, owner, recruiter, staff
    ):
        unverified = OrganizationFactory(verified=False)
        MembershipFactory(organization=unverified, user=owner, role="owner")
        MembershipFactory(organization=unverified, user=recruiter, role="recruiter")
        never_asked = OrganizationFactory(verified=False)
        MembershipFactory(organization=never_asked, role="owner")
        VerificationRequest.objects.create(organization=unverified, requested_by=owner)
        with committed(), pytest.raises(ActionForbidden):
            organization_services.organization_set_verified(
                actor=owner, organization=unverified, verified=True
            )
        assert not Notification.objects.exists()

        with committed():
            organization_services.organization_set_verified(
                actor=staff, organization=unverified, verified=True
            )
            # Verified without being asked: there is no request to answer.
            organization_services.organization_set_verified(
                actor=staff, organization=never_asked, verified=True
            )
        assert recipients(OrganizationNotice.VERIFICATION_ANSWER) == [owner.email]
        assert_emailed(OrganizationNotice.VERIFICATION_ANSWER, unverified.get_absolute_url())
        with committed():
            organization_services.organization_set_verified(
                actor=staff, organization=unverified, verified=True
            )
        assert Notification.objects.count() == 1
