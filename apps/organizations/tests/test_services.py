import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.accounts.tests.factories import UserFactory
from apps.core.exceptions import ActionForbidden, ConflictError, ServiceError
from apps.organizations import services
from apps.organizations.models import (
    Membership,
    MembershipRequest,
    Organization,
    RequestStatus,
    Sector,
    VerificationRequest,
)
from apps.organizations.tests.factories import (
    MembershipFactory,
    MembershipRequestFactory,
    OrganizationFactory,
    VerificationRequestFactory,
)

pytestmark = pytest.mark.django_db


def png_upload(name="logo.png", size=(32, 32)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#0b5d4b").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class TestOrganizationCreate:
    def test_the_creator_owns_a_new_unverified_organization(self):
        creator = UserFactory()
        organization = services.organization_create(
            creator=creator,
            name="  Scheldt Antibodies ",
            kind="company",
            sectors=Sector.objects.filter(slug__in=["health", "medtech"]),
            city="Antwerp",
        )
        assert organization.name == "Scheldt Antibodies"
        assert organization.slug == "scheldt-antibodies"
        assert not organization.verified and not organization.is_member
        assert set(organization.sectors.values_list("slug", flat=True)) == {"health", "medtech"}
        assert Membership.objects.get(organization=organization).user == creator
        assert Membership.objects.get(organization=organization).role == "owner"

    def test_slugs_stay_unique(self):
        OrganizationFactory(slug="vib")
        organization = services.organization_create(
            creator=UserFactory(), name="VIB", kind="company"
        )
        assert organization.slug == "vib-2"

    def test_an_unknown_kind_or_a_bad_website_stores_nothing(self):
        with pytest.raises(Exception) as error:
            services.organization_create(creator=UserFactory(), name="X", kind="castle")
        assert "kind" in str(error.value)
        with pytest.raises(Exception) as error:
            services.organization_create(
                creator=UserFactory(), name="Y", kind="company", website="javascript:alert(1)"
            )
        assert "website" in str(error.value)
        assert not Organization.objects.filter(name__in=["X", "Y"]).exists()

    def test_a_logo_is_stored_under_a_generated_name(self):
        organization = services.organization_create(
            creator=UserFactory(),
            name="Logo NV",
            kind="company",
            logo=png_upload("../../etc/x.png"),
        )
        assert organization.logo.name.startswith("logos/")
        assert ".." not in organization.logo.name and "etc" not in organization.logo.name
        organization.logo.delete(save=False)

    @pytest.mark.parametrize(
        "upload",
        [
            SimpleUploadedFile(
                "logo.png", b"<svg onload=alert(1)></svg>", content_type="image/png"
            ),
            SimpleUploadedFile("logo.png", b"MZ\x90\x00" + b"\x00" * 100, content_type="image/png"),
            SimpleUploadedFile("logo.png", b"", content_type="image/png"),
        ],
    )
    def test_a_logo_that_is_not_an_image_is_refused(self, upload):
        with pytest.raises(ServiceError) as error:
            services.organization_create(
                creator=UserFactory(), name="Bad", kind="company", logo=upload
            )
        assert "logo" in error.value.detail
        assert not Organization.objects.filter(name="Bad").exists()

    def test_a_logo_over_2_mb_is_refused(self):
        upload = png_upload()
        upload.size = 3 * 1024 * 1024
        with pytest.raises(ServiceError):
            services.organization_create(
                creator=UserFactory(), name="Big", kind="company", logo=upload
            )


class TestOrganizationUpdate:
    def test_an_owner_edits(self):
        membership = MembershipFactory(role="owner")
        services.organization_update(
            actor=membership.user,
            organization=membership.organization,
            city="Leuven",
            sectors=Sector.objects.filter(slug="digital"),
        )
        membership.organization.refresh_from_db()
        assert membership.organization.city == "Leuven"
        assert list(membership.organization.sectors.values_list("slug", flat=True)) == ["digital"]

    def test_a_recruiter_may_not_edit(self):
        membership = MembershipFactory(role="recruiter")
        with pytest.raises(ActionForbidden):
            services.organization_update(
                actor=membership.user, organization=membership.organization, city="Leuven"
            )

    def test_the_verified_flag_cannot_be_set_by_editing(self):
        membership = MembershipFactory(role="owner")
        with pytest.raises(ServiceError):
            services.organization_update(
                actor=membership.user, organization=membership.organization, verified=True
            )
        membership.organization.refresh_from_db()
        assert not membership.organization.verified

    def test_a_parent_cycle_is_refused(self):
        grandparent = OrganizationFactory()
        parent = OrganizationFactory(parent=grandparent)
        staff = UserFactory(is_staff=True)
        with pytest.raises(ServiceError) as error:
            services.organization_update(actor=staff, organization=grandparent, parent=parent)
        assert "parent" in error.value.detail
        with pytest.raises(ServiceError):
            services.organization_update(actor=staff, organization=grandparent, parent=grandparent)


class TestMembers:
    def test_the_last_owner_can_neither_leave_nor_be_demoted(self):
        owner = MembershipFactory(role="owner")
        with pytest.raises(ServiceError):
            services.membership_remove(actor=owner.user, membership=owner)
        with pytest.raises(ServiceError):
            services.membership_change_role(actor=owner.user, membership=owner, role="recruiter")
        second = MembershipFactory(organization=owner.organization, role="owner")
        services.membership_remove(actor=second.user, membership=owner)
        assert not Membership.objects.filter(pk=owner.pk).exists()

    def test_a_recruiter_leaves_but_cannot_remove_others(self):
        recruiter = MembershipFactory(role="recruiter")
        other = MembershipFactory(organization=recruiter.organization, role="recruiter")
        with pytest.raises(ActionForbidden):
            services.membership_remove(actor=recruiter.user, membership=other)
        services.membership_remove(actor=recruiter.user, membership=recruiter)
        assert not Membership.objects.filter(pk=recruiter.pk).exists()


class TestMembershipRequests:
    def test_ask_approve_and_the_member_exists(self):
        owner = MembershipFactory(role="owner")
        person = UserFactory()
        request = services.membership_request_create(
            user=person, organization=owner.organization, message=" I run the lab. "
        )
        assert request.status == RequestStatus.PENDING and request.message == "I run the lab."
        membership = services.membership_request_approve(
            actor=owner.user, membership_request=request
        )
        assert membership.role == "recruiter"
        request.refresh_from_db()
        assert request.status == RequestStatus.APPROVED and request.decided_by == owner.user

    def test_asking_twice_or_as_a_member_is_a_conflict(self):
        owner = MembershipFactory(role="owner")
        person = UserFactory()
        services.membership_request_create(user=person, organization=owner.organization)
        with pytest.raises(ConflictError):
            services.membership_request_create(user=person, organization=owner.organization)
        with pytest.raises(ConflictError):
            services.membership_request_create(user=owner.user, organization=owner.organization)
        assert MembershipRequest.objects.count() == 1

    def test_claiming_an_organization_without_owner_makes_the_first_member_owner(self):
        organization = OrganizationFactory()
        request = MembershipRequestFactory(organization=organization)
        membership = services.membership_request_approve(
            actor=UserFactory(is_staff=True), membership_request=request
        )
        assert membership.role == "owner"

    def test_a_request_is_answered_once(self):
        owner = MembershipFactory(role="owner")
        request = MembershipRequestFactory(organization=owner.organization)
        services.membership_request_decline(
            actor=owner.user, membership_request=request, note="Who?"
        )
        with pytest.raises(ConflictError):
            services.membership_request_approve(actor=owner.user, membership_request=request)
        assert not Membership.objects.filter(user=request.user).exists()

    def test_a_recruiter_cannot_answer(self):
        recruiter = MembershipFactory(role="recruiter")
        request = MembershipRequestFactory(organization=recruiter.organization)
        with pytest.raises(ActionForbidden):
            services.membership_request_approve(actor=recruiter.user, membership_request=request)


class TestVerification:
    def test_owner_asks_staff_verify(self):
        owner = MembershipFactory(role="owner")
        request = services.verification_request_create(
            actor=owner.user, organization=owner.organization, message="KBO 0123.456.789"
        )
        staff = UserFactory(is_staff=True)
        services.verification_request_approve(actor=staff, verification_request=request)
        owner.organization.refresh_from_db()
        assert owner.organization.verified and owner.organization.verified_at is not None

    def test_decline_needs_a_reason_and_leaves_the_organization_unverified(self):
        request = VerificationRequestFactory()
        staff = UserFactory(is_staff=True)
        with pytest.raises(ServiceError):
            services.verification_request_decline(
                actor=staff, verification_request=request, note=" "
            )
        services.verification_request_decline(
            actor=staff, verification_request=request, note="No company number found."
        )
        request.refresh_from_db()
        assert request.status == RequestStatus.DECLINED
        assert request.decision_note == "No company number found."
        assert not Organization.objects.get(pk=request.organization.pk).verified

    def test_only_owners_ask_only_once_and_only_staff_decide(self):
        recruiter = MembershipFactory(role="recruiter")
        with pytest.raises(ActionForbidden):
            services.verification_request_create(
                actor=recruiter.user, organization=recruiter.organization
            )
        owner = MembershipFactory(organization=recruiter.organization, role="owner")
        request = services.verification_request_create(
            actor=owner.user, organization=owner.organization
        )
        with pytest.raises(ConflictError):
            services.verification_request_create(actor=owner.user, organization=owner.organization)
        with pytest.raises(ActionForbidden):
            services.verification_request_approve(actor=owner.user, verification_request=request)
        assert VerificationRequest.objects.count() == 1

    def test_a_verified_organization_cannot_ask_again(self):
        owner = MembershipFactory(role="owner", organization__verified=True)
        with pytest.raises(ConflictError):
            services.verification_request_create(actor=owner.user, organization=owner.organization)

    def test_staff_verify_directly_and_the_pending_request_is_answered(self):
        request = VerificationRequestFactory()
        services.organization_set_verified(
            actor=UserFactory(is_staff=True), organization=request.organization, verified=True
        )
        request.refresh_from_db()
        assert request.status == RequestStatus.APPROVED
